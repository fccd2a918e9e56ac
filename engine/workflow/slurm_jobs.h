// The Slurm side of a sweep's trials folder: submitting its job array with sbatch, the record of the
// jobs submitted (RESULTS.trials/jobs.json, written only by the submitting command), and asking squeue
// and sacct what became of them. Every program runs through run_command (argv, no shell); SLURM_CONF
// and the rest of the environment pass through.
#pragma once

#include <string>
#include <vector>

namespace lstmlab {

// One array task as squeue or sacct reports it.
struct SlurmTaskState {
    std::string job_id;     // the array's job id, "123"
    int task = -1;          // the array task id (= the trial number); -1 for a line that names no single task
    std::string state;      // PENDING RUNNING COMPLETED FAILED CANCELLED TIMEOUT OUT_OF_MEMORY NODE_FAIL ...
    std::string reason;     // squeue's reason ("JobArrayTaskLimit"), sacct's exit code ("0:15")
};

// `squeue --noheader --array --format=%F|%K|%T|%r` output. Lines that are not of that shape are skipped.
std::vector<SlurmTaskState> parse_squeue(const std::string& text);
// `sacct --noheader --parsable2 --allocations --format=JobID,State,ExitCode` output: "123_4|TIMEOUT|0:0";
// "CANCELLED by 0" keeps its first word; aggregated pending lines ("123_[5-9]") are skipped.
std::vector<SlurmTaskState> parse_sacct(const std::string& text);

struct SlurmSubmission {
    std::string job_id;
    std::vector<int> trials;     // the trial numbers it runs
};

std::vector<SlurmSubmission> read_slurm_jobs(const std::string& trials_dir);
// Appends one submission to jobs.json (rewritten atomically).
void record_slurm_job(const std::string& trials_dir, const SlurmSubmission& submission);

// Submits `script` for `trials` (--array given on the command line overrides the script's, with the
// script's %K throttle kept when `max_running` > 0) with `sbatch --parsable`; returns the job id.
// Throws Error: sbatch missing ("--backend slurm: sbatch is not on PATH; ..."), or its message.
std::string submit_slurm_array(const std::string& script, const std::vector<int>& trials, int max_running);

// The tasks of `job_ids` in the queue (squeue). `problem` gets squeue's message when it failed (the
// tasks are then unknown, not gone).
std::vector<SlurmTaskState> query_slurm_queue(const std::vector<std::string>& job_ids, std::string& problem);
// Cancels every task of `job_ids` (scancel); throws Error with scancel's message when it fails.
void cancel_slurm_jobs(const std::vector<std::string>& job_ids);

// The tasks of `job_ids` in the accounting database (sacct); empty when the cluster keeps none.
std::vector<SlurmTaskState> query_slurm_accounting(const std::vector<std::string>& job_ids);

} // namespace lstmlab
