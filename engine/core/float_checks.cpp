#include "engine/core/float_checks.h"

#include <cfenv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>

namespace lstmlab {

static_assert(std::numeric_limits<double>::is_iec559 && std::numeric_limits<float>::is_iec559,
              "LSTM Lab needs IEEE 754 float and double");

std::string floating_point_problems()
{
    // volatile: each value is read at run time, so nothing below can be folded by the compiler.
    volatile double zero = 0.0;
    volatile double huge = std::numeric_limits<double>::max();
    volatile double smallest_normal = std::numeric_limits<double>::min();
    volatile float smallest_float_subnormal = std::numeric_limits<float>::denorm_min();
    volatile double two = 2.0;

    std::string problems;
    const auto add = [&](const char* problem) {
        problems += problems.empty() ? "" : "; ";
        problems += problem;
    };
    const double nan = zero / zero;
    if (!std::isnan(nan) || nan == nan)
        add("std::isnan does not recognise NaN (compiled with -ffast-math or -ffinite-math-only?)");
    const double infinity = huge * two;
    if (!std::isinf(infinity) || std::isfinite(infinity))
        add("std::isinf does not recognise an overflow to infinity (compiled with -ffast-math?)");
    const double half_of_smallest = smallest_normal / two;
    if (half_of_smallest == 0.0)
        add("subnormal results are flushed to zero (FTZ is set, e.g. by a library linked with -ffast-math)");
    const float subnormal_times_one = smallest_float_subnormal * 1.0f;
    if (subnormal_times_one == 0.0f)
        add("subnormal inputs are read as zero (DAZ is set, e.g. by a library linked with -ffast-math)");
    if (std::fegetround() != FE_TONEAREST)
        add("the rounding mode is not round-to-nearest");
    return problems;
}

bool check_floating_point()
{
    const std::string problems = floating_point_problems();
    if (problems.empty())
        return true;
    std::fprintf(stderr, "LSTM Lab: floating-point self-test failed: %s. Results would be wrong, so it stops here.\n",
                 problems.c_str());
    std::fflush(stderr);
    std::abort();
}

} // namespace lstmlab
