// Sweep files: which trials a hyperparameter sweep runs (docs/file-formats.md, "Sweep files").
//
// {"mode": "grid" | "random" | "list",
//  "seeds": 2,                                  repeats of every configuration (seed, seed+1, ...)
//  "fixed": {"epochs": 20, "target-transform": "logreturn"},        options of every trial
//  "grid": {"hidden": [[32], [64, 64]], "dropout": [0, 0.2], "lr": [1e-3, 5e-4]},      (grid)
//  "random": {"trials": 12, "seed": 7,                                                 (random)
//             "space": {"lr": {"log_uniform": [1e-4, 1e-2]}, "dropout": {"uniform": [0, 0.5]},
//                       "hidden-size": {"choice": [32, 64, 128]}, "layers": {"int": [1, 3]}}},
//  "configurations": [{"hidden-size": 32, "layers": 1, "lr": 0.001}, ...]}           (list)
// Keys are lstmlab-cli's option names without "--" (engine/workflow/run_options.h); values are JSON
// numbers, strings, booleans (flags) or arrays of integers ("hidden": [64, 32]). A grid varies its
// keys in the order written, the last fastest. A configuration the engine refuses (e.g. dropout with
// one layer) is not run: the plan lists it with the reason. Every error in the file is one sentence
// `file:line:column: where: reason`.
#pragma once

#include "engine/core/rng.h"
#include "engine/workflow/run_options.h"

#include <string>
#include <string_view>
#include <vector>

namespace lstmlab {

enum class SweepMode { grid, random, list };

struct RandomDimension {
    enum class Kind { uniform, log_uniform, integer, choice } kind = Kind::uniform;
    std::string name;
    double low = 0;
    double high = 0;
    std::vector<std::string> choices;   // texts, for choice
};

struct SweepSpec {
    SweepMode mode = SweepMode::grid;
    int seeds = 1;
    OptionValues fixed;
    std::vector<std::pair<std::string, std::vector<std::string>>> grid;   // name -> value texts
    int random_trials = 0;
    std::uint64_t random_seed = 1;
    std::vector<RandomDimension> space;
    std::vector<OptionValues> configurations;
};

SweepSpec parse_sweep(std::string_view text, std::string_view source_name);
SweepSpec read_sweep_file(const std::string& path);

struct Trial {
    int index = 0;            // 0-based, the order of the results table
    int configuration = 0;    // 0-based; trials of one configuration differ only in their seed
    int repeat = 0;           // 0 .. seeds-1
    OptionValues varied;      // the options this configuration sets beyond `fixed` (for labels)
    RunOptions options;       // everything, validated
    std::string label() const;   // "hidden 64,32  dropout 0.2  lr 0.001"
};

struct SkippedConfiguration {
    int configuration = 0;
    OptionValues varied;
    std::string reason;
};

// A `fixed` option of the file that an option of the caller replaced.
struct SweepOverride {
    std::string name;          // the file's option, e.g. "epochs"
    std::string file_value;    // "15"
    std::string given;         // the caller's option that replaced it and its value: "--epochs 2"
};

struct SweepPlan {
    std::vector<Trial> trials;
    std::vector<SweepOverride> overridden;   // in the file's order
    std::vector<SkippedConfiguration> skipped;
    std::vector<std::string> varied_names;   // union of the varied option names, first-seen order
    int configurations = 0;
};

// Expands the spec with the caller's options (--target, --features, ... as on lstmlab-cli's command
// line). The caller's options override the file's `fixed` (listed in `overridden`; --hidden replaces
// a fixed hidden-size and layers, --hidden-size or --layers a fixed hidden); an option the file varies
// (grid, random space, configurations) cannot be given too. `seeds` > 0 overrides the file's.
// Throws Error when an option is both given and varied, or when no configuration is valid.
SweepPlan expand_sweep(const SweepSpec& spec, const OptionValues& base, int seeds);

// The bundled default: the tutorial's four configurations (hidden size, layers, dropout, lr).
std::string_view default_sweep_text();

} // namespace lstmlab
