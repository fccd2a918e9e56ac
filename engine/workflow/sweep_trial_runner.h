// One trial of a sweep's trials folder, as an array task runs it (`lstmlab-cli sweep-trial DIR N`):
// exactly what the local sweep runs for that trial (run_sweep_trial: same options, single-threaded,
// same seed), with its checkpoint, run folder, result.json and a one-row result.csv written atomically
// in its own trial folder -- no file is shared with another task.
// The trial refuses to run (and records the failure) when the data file's SHA-256 differs from the
// one the sweep was expanded from. A checkpoint left by an earlier attempt (cancelled, timed out) is
// continued, not restarted, so a resumed trial ends with the same numbers as an uninterrupted one.
#pragma once

#include "engine/workflow/sweep_folder.h"
#include "engine/workflow/sweep_runner.h"

#include <atomic>
#include <string>

namespace lstmlab {

// `number` is 1-based (the array task id); throws Error when it is outside 1..trials. `cancel` set
// stops the trial after its batch with its state saved (no result: it is unfinished).
TrialResult run_folder_trial(const SweepFolder& folder, int number, const std::string& app_version,
                             const std::atomic<bool>* cancel);

} // namespace lstmlab
