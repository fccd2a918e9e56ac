// Floating-point self-test: the engine's guards against NaN and infinity (docs/reliability.md R6: a
// non-finite loss or gradient stops training before the update) need IEEE 754 semantics.
//
// What breaks them, and how each is caught:
//   -ffast-math / -ffinite-math-only   let the compiler assume no NaN or infinity exists, so
//                                      std::isnan(x) folds to false. Caught at COMPILE time: every
//                                      file that includes this header (engine/core/error.h does, so
//                                      nearly all engine code) stops with #error.
//   crtfastmath.o                      GCC links it into any program whose link line has -ffast-math;
//                                      at startup it sets FTZ/DAZ in MXCSR for the whole process, so
//                                      subnormals become zero even in code compiled correctly.
//   a changed rounding mode            fesetround() anywhere in the process.
// Caught at RUN time: floating_point_problems() computes with volatile values the compiler cannot
// fold. check_floating_point() runs it and aborts with one sentence on stderr when anything is wrong,
// before a single weight is trained. It runs twice in every program:
//   - during static initialisation (an inline variable below, in every program that links engine
//     code including this header): catches shared libraries whose constructors set FTZ/DAZ;
//   - first thing in main() of lstmlab and lstmlab-cli: catches the program's own crtfastmath.o, whose
//     constructor GCC links AFTER the program's objects, so it runs after every static initialiser.
#pragma once

#if defined(__FAST_MATH__) || (defined(__FINITE_MATH_ONLY__) && __FINITE_MATH_ONLY__)
#error "LSTM Lab must not be compiled with -ffast-math or -ffinite-math-only: std::isnan becomes always false and the non-finite guards of training stop working (docs/reliability.md R6)"
#endif

#include <string>

namespace lstmlab {

// Empty when the process computes as IEEE 754 says, else the problems found, joined by "; "
// ("subnormal results are flushed to zero (FTZ is set, e.g. by a library linked with -ffast-math)").
std::string floating_point_problems();

// Returns true when there is no problem; otherwise prints
// "LSTM Lab: floating-point self-test failed: <problems>. ..." to stderr and aborts.
bool check_floating_point();

// One definition program-wide (inline variable): the self-test runs once during static initialisation.
inline const bool floating_point_self_test_passed = check_floating_point();

} // namespace lstmlab
