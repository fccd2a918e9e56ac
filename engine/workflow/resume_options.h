// Resuming a run with options on the command line: a resumed run is the same run, so its model, data
// pipeline and optimiser come from the checkpoint. Options that repeat the checkpoint's values are
// accepted (a user re-running the command that started the run); only real changes are refused.
//
// An option is compared through what it does, not its text: --lr 1e-3 equals a saved 0.001, and
// --preset attention equals a saved lstm 32,32 with attention. --epochs (more epochs on resume) and
// --threads (a machine setting) are never compared.
#pragma once

#include "engine/workflow/run_options.h"

#include <string>
#include <vector>

namespace lstmlab {

struct OptionChange {
    std::string option;            // the option given, e.g. "preset"
    std::string given;             // its text as given ("stacked"; "" for a flag)
    std::string changed;           // the option whose value it changes, e.g. "hidden" (== option when direct)
    std::string saved_value;       // the checkpoint's value of `changed`, e.g. "32,32"
    std::string new_value;         // the value `changed` would get, e.g. "64,32"
};

// The given options (names without "--", any of run_option_table) that would make the resumed run
// differ from `saved`, one entry per changed value, in the order of run_option_texts. Empty when
// every given option equals the checkpoint's. Throws Error (naming the option) when the given options
// do not describe a valid run together with the checkpoint's (e.g. --dropout on a one-layer model).
std::vector<OptionChange> resume_changes(const RunOptions& saved, const OptionValues& given);

// "--hidden cannot change when resuming: the checkpoint has 32,32, the command line gives 8" (or
// "--preset stacked changes --hidden, which cannot change when resuming: ...").
std::string describe_change(const OptionChange& change);

} // namespace lstmlab
