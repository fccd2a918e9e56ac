// RunOptions: everything that defines a training run -- data pipeline, model, training -- set from
// options named as on the command line (without "--"), each given as the text a user would type.
// The CLI builds runs from argv with it and the sweep runner from a sweep file's values, so the two
// accept exactly the same options with the same checks and messages ("--seq-len: 0 is outside 1..1000").
//
//   model:    preset cell hidden dropout bidirectional attention
//             hidden-size + layers (sweeps: hidden = hidden-size repeated layers times)
//   data:     target features seq-len horizon split scaler target-transform feature-transform transforms missing
//             and the import options of csv_options.h (delimiter decimal thousands time-column time-format
//             duplicates encoding)
//   training: epochs batch-size lr weight-decay loss clip patience plateau-patience seed threads
// Flags (bidirectional, attention) take "" or "true" / "false".
#pragma once

#include "engine/data/pipeline.h"
#include "engine/nn/model_spec.h"
#include "engine/train/train_config.h"

#include <string>
#include <utility>
#include <vector>

namespace lstmlab {

struct RunOptions {
    PipelineConfig pipeline;
    ModelSpec model;          // features and outputs follow the pipeline
    TrainConfig train;
};

enum class OptionGroup { model, data, training };

struct RunOptionInfo {
    std::string name;
    OptionGroup group;
    bool flag;
};

const std::vector<RunOptionInfo>& run_option_infos();
bool is_run_option(const std::string& name);

using OptionValues = std::vector<std::pair<std::string, std::string>>;   // (name, text), in any order

// Applies the options to the defaults (DESIGN.md's: zscore, level, 20 steps, 0.7/0.15/0.15, 50 epochs,
// batch 64, lr 1e-3, clip 1, patience 10, seed 42, one 32-unit LSTM) -- a preset first, then the rest --
// and validates the whole. Throws Error naming the option; an option given twice is an error.
// `target` must be given (the sweep runner and the CLI pass it).
RunOptions make_run_options(const OptionValues& values);

// The inverse: every model, data and training option of `run` as the text make_run_options reads
// back to the same run, under its canonical name, in this order: cell hidden dropout bidirectional
// attention target features transforms target-transform seq-len horizon split scaler missing, then
// the training options. Numbers are the shortest text that reads back exactly; flags are "true" or
// "false"; `transforms` lists the feature columns whose transform is not level and is absent when
// there is none (so no feature-transform).
OptionValues run_option_texts(const RunOptions& run);
// The values whose option belongs to `group`, in their order.
OptionValues options_in_group(const OptionValues& values, OptionGroup group);

} // namespace lstmlab
