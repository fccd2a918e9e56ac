// Model summary: the tutorial's model_summary and check_input_dimensions, always right.
//
// One row per block, top to bottom as data flows, with the output shape for a batch of B windows of
// T steps and the parameter count; then one row per tensor under its PyTorch name. Per-layer sizes
// show as they really are (lstm.0 10 -> 64, lstm.1 64 -> 32), which the tutorial's StackedLSTM gets
// wrong. Totals equal sum(p.numel() for p in model.parameters()) of the matching PyTorch module.
#pragma once

#include "engine/nn/model_spec.h"

#include <cstdint>
#include <string>
#include <vector>

namespace lstmlab {

struct SummaryBlock {
    std::string name;          // "lstm.0", "dropout", "attention", "last step", "fc"
    std::string kind;          // "LSTM 10 -> 64", "inter-layer dropout p = 0.2 (training only)"
    std::string output_shape;  // "(B, 20, 64)"
    std::int64_t parameters = 0;
};

struct SummaryTensor {
    std::string name;          // "lstm.weight_ih_l0"
    std::string shape;         // "[128, 10]"
    std::int64_t parameters = 0;
};

struct ModelSummary {
    std::string input_shape;   // "(B, 20, 10)"
    std::vector<SummaryBlock> blocks;
    std::vector<SummaryTensor> tensors;
    std::int64_t total_parameters = 0;
};

// Validates the spec (throws Error) and describes it for sequences of `sequence_length` steps.
ModelSummary summarize(const ModelSpec& spec, int sequence_length);
// The aligned text table printed by `lstmlab-cli summary`.
std::string summary_text(const ModelSummary& summary);
// 5665 -> "5,665".
std::string group_thousands(std::int64_t value);

} // namespace lstmlab
