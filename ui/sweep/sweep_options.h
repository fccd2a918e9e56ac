// The workbench's current settings as lstmlab-cli option values, for sweeps.
//
// A sweep is described the way the CLI describes runs (engine/workflow/run_options.h): option names
// without "--", each with the text a user would type. The Data, Model and Train views hold engine
// values (PipelineConfig, ModelSpec, TrainConfig); these functions turn them back into option texts
// such that make_run_options() rebuilds the same values (numbers in their shortest exact form).
//
// Sweep files are written with engine/core/json (any column name survives: quotes, tabs, line breaks).
//
// Base options of a GUI sweep = the data options of the current Data settings, minus every option
// the sweep file sets itself (fixed, grid, random space or a configuration): the file wins, and no
// option is given twice.
#pragma once

#include "engine/core/json.h"
#include "engine/data/pipeline.h"
#include "engine/nn/model_spec.h"
#include "engine/train/train_config.h"
#include "engine/workflow/sweep_spec.h"

#include <QString>

namespace lstmlab::ui {

// target, features, transforms, target-transform, seq-len, horizon, split, scaler, missing.
// Throws Error when a column name cannot be written as an option (a comma or '=' in it).
OptionValues dataOptions(const PipelineConfig& config);
// cell, hidden, dropout, bidirectional, attention.
OptionValues modelOptions(const ModelSpec& spec);
// epochs, batch-size, lr, weight-decay, loss, clip, patience, plateau-patience, seed.
OptionValues trainingOptions(const TrainConfig& config);

// dataOptions(config) without the options `spec` sets (see above).
OptionValues sweepBaseOptions(const PipelineConfig& config, const SweepSpec& spec);

// A sweep file around the current model: the model and training settings fixed, the learning rate
// varied (half, as is, double) over two seeds, so mean +- std says whether the difference is real.
QString sweepTextFromCurrent(const ModelSpec& spec, const TrainConfig& config);

// An example sweep file of `mode` that keeps `fixed` (minus the keys the example varies) and `seeds`.
QString sweepTemplate(SweepMode mode, const OptionValues& fixed, int seeds);

// `options` as a JSON object of a sweep file, each value typed by the option table:
// {"epochs": 15, "hidden": [64, 32], "target": "Close", "bidirectional": true}.
Json optionsJson(const OptionValues& options);

} // namespace lstmlab::ui
