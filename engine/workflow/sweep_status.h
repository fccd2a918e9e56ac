// The state of a sweep run by Slurm, rebuilt at any time from its trials folder (the source of truth:
// nothing is lost when the submitting process dies) and, where available, what squeue and sacct say.
//
// A trial is, in this order of evidence:
//   pending | running                   its latest task is in the queue (squeue)
//   finished | early_stopped | diverged | failed     its result.json (written by the trial itself)
//   timeout | cancelled | out_of_memory | node_fail | ...   sacct's state, else the "*** JOB ... CANCELLED
//                                       ... DUE TO TIME LIMIT ***" line slurmstepd wrote into its log
//   ended                               its task left the queue without a result and without a reason
//   not_submitted                       no job ran it (a dry run, or the submission is still to come)
//   unknown                             no result and squeue could not be asked
#pragma once

#include "engine/workflow/slurm_jobs.h"
#include "engine/workflow/sweep_folder.h"
#include "engine/workflow/sweep_runner.h"

#include <optional>
#include <string>
#include <vector>

namespace lstmlab {

struct TrialStatus {
    int trial = 0;                        // 1-based
    std::string state;                    // see above
    std::string slurm_state;              // the scheduler's word when it gave one: PENDING, TIMEOUT, ...
    std::string job;                      // "123_4" of its latest submission ("" when none)
    std::string log_line;                 // the last line of its slurm.log ("" when none)
    bool has_checkpoint = false;          // --resume continues it from there
    std::optional<TrialResult> result;    // from result.json
    bool queued() const { return state == "pending" || state == "running"; }
    bool succeeded() const { return state == "finished" || state == "early_stopped"; }
};

struct SweepStatus {
    std::vector<TrialStatus> trials;
    std::string queue_problem;            // squeue's message when it failed ("" when it answered)
    int count(const std::string& state) const;
    int queued() const;                   // pending + running
    int succeeded() const;
    int unfinished() const;               // neither succeeded nor queued: what --resume resubmits
    bool waiting() const { return queued() > 0; }
};

// The status of every trial of `folder` from its files, `queue` (squeue of its jobs; `queue_problem`
// non-empty when squeue failed) and `accounting` (sacct; empty without accounting).
SweepStatus sweep_status(const SweepFolder& folder, const std::vector<SlurmSubmission>& jobs,
                         const std::vector<SlurmTaskState>& queue, const std::string& queue_problem,
                         const std::vector<SlurmTaskState>& accounting);

// The same, asking squeue and sacct (sacct only for trials that left the queue without a result).
SweepStatus query_sweep_status(const SweepFolder& folder);

// The scheduler's word in a log: "TIMEOUT" for slurmstepd's "*** JOB 12 ON n1 CANCELLED AT ... DUE TO
// TIME LIMIT ***", "CANCELLED", "NODE_FAIL", "OUT_OF_MEMORY" (oom-kill), "" when the log names none.
std::string slurm_state_in_log(const std::string& log_text);

// "6 trials: 3 finished, 1 running, 2 pending, 0 failed; ETA 1 min 20 s" (the ETA when trials are left
// and one finished: mean seconds of the finished ones x the waves left at the running parallelism).
std::string sweep_progress_line(const SweepStatus& status);
// One line per trial that ended without finishing: `trial 3 (lr 0.01): timeout (TIMEOUT) -- last log
// line: slurmstepd: error: *** JOB 14 ... DUE TO TIME LIMIT ***`.
std::string sweep_problems_text(const SweepStatus& status, const SweepFolder& folder);

} // namespace lstmlab
