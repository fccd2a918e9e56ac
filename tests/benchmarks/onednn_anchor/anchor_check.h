// The equality check: oneDNN and the engine, from the same weights and inputs, must agree on the
// outputs and on every gradient before any of them is timed (otherwise the timing could compare two
// different computations).
//
// Measure, per tensor: relative = ||a - e||_2 / ||e||_2 over all its elements (e the engine's values,
// a oneDNN's converted to the engine's layout), the Frobenius norm of the difference relative to the
// engine's. Tensors: the top layer's outputs, the gradient w.r.t. the input x, and per layer the
// gradients w.r.t. weight_ih, weight_hh, bias_ih and bias_hh. Initial states are zero on both sides
// (the engine has no others), so there is no initial-state gradient to compare.
#pragma once

#include "tests/benchmarks/onednn_anchor/anchor_case.h"
#include "tests/benchmarks/onednn_anchor/onednn_stack.h"

#include <string>
#include <vector>

namespace lstmlab::anchor {

constexpr double equality_tolerance = 1e-5;

struct TensorDifference {
    std::string tensor;     // "output", "d_input", or an engine parameter's name ("lstm.weight_hh_l1")
    double relative = 0;
};

double relative_difference(const float* onednn, const float* engine, std::size_t count);

// One training forward + backward on both sides (the oneDNN stack loaded from the engine's weights
// with `layout`); the stack must be a training one at the case's batch.
std::vector<TensorDifference> compare_training(EngineStack& engine, OnednnStack& onednn, const GateLayout& layout);
// One inference forward of the first `batch` windows (an inference stack at that batch).
std::vector<TensorDifference> compare_inference(EngineStack& engine, OnednnStack& onednn, const GateLayout& layout,
                                                int batch);

// The largest relative difference.
double worst(const std::vector<TensorDifference>& differences);

} // namespace lstmlab::anchor
