// RunOptions: everything that defines a training run -- data pipeline, model, training -- set from
// options named as on the command line (without "--"), each given as the text a user would type.
// The options, their values and how each is applied are the entries of run_option_table.h.
// The CLI builds runs from argv with it and the sweep runner from a sweep file's values, so the two
// accept exactly the same options with the same checks and messages ("--seq-len: 0 is outside 1..1000").
//
// hidden-size + layers (sweeps) give hidden = hidden-size repeated layers times. Flags (bidirectional,
// attention) take "" or "true" / "false".
#pragma once

#include "engine/data/pipeline.h"
#include "engine/nn/model_spec.h"
#include "engine/train/train_config.h"
#include "engine/workflow/run_option_table.h"

#include <string>
#include <utility>
#include <vector>

namespace lstmlab {

struct RunOptions {
    PipelineConfig pipeline;
    ModelSpec model;          // features and outputs follow the pipeline
    TrainConfig train;
};

using OptionValues = std::vector<std::pair<std::string, std::string>>;   // (name, text), in any order

// Applies the options to the defaults (DESIGN.md's: zscore, level, 20 steps, 0.7/0.15/0.15, 50 epochs,
// batch 64, lr 1e-3, clip 1, patience 10, seed 42, one 32-unit LSTM) -- a preset first, then the rest --
// and validates the whole. Throws Error (a SettingError when one setting is at fault) naming the option;
// an option given twice is an error.
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
