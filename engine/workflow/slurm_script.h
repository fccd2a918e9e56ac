// The job array script of a sweep run on Slurm (RESULTS.trials/submit.sbatch): a pure function of
// the options, so the workbench can show it before submitting and the tests can read it.
//
//   #!/bin/sh
//   #SBATCH --job-name=lstmlab-sweep
//   #SBATCH --array=1-6%2                       trial numbers (1-based, as the results table), %K throttle
//   #SBATCH --cpus-per-task=1                   every trial is single-threaded, as on the local backend
//   #SBATCH --time=0:30:00 --mem=1G --partition=... --account=...     (each when given)
//   #SBATCH --output=/abs/r.trials/trial-%4a/slurm.log   --open-mode=append
//   #SBATCH --qos=short                         each word of --slurm-extra on its own line
//   exec '/abs/lstmlab-cli' sweep-trial '/abs/r.trials' "$SLURM_ARRAY_TASK_ID"
#pragma once

#include <string>
#include <vector>

namespace lstmlab {

struct SlurmOptions {
    std::string partition;              // "" = the cluster's default
    std::string time;                   // "" = the partition's default; Slurm's formats, e.g. 30, 1:00:00, 1-12
    std::string memory;                 // "" = the default; e.g. 2G, 500M
    std::string account;                // ""
    int max_running = 0;                // the array's %K throttle; 0 = none
    std::vector<std::string> extra;     // more sbatch options, each "--name=value" or "--flag"
};

// Each check throws Error naming the option: `--slurm-time: "1h" is not a Slurm time (M, M:S, H:M:S, D-H, D-H:M or D-H:M:S)`.
void check_slurm_time(const std::string& text);
void check_slurm_memory(const std::string& text);
void check_slurm_name(const std::string& option, const std::string& text);   // partition, account
// "--qos=short --exclusive" -> {"--qos=short", "--exclusive"}; each word must start with '-'.
std::vector<std::string> split_slurm_extra(const std::string& text);

// "1-6", "2,5,7-9": the 1-based trial numbers as an --array range list (sorted, runs joined).
std::string slurm_array_ranges(const std::vector<int>& trials);

// A job array script of tasks 1..tasks: the #SBATCH lines of `options` (job name `job_name`), each
// task's log appended to `log_pattern` (Slurm's %a: the task id, %4a zero-padded), then `command`
// (a shell line; "$SLURM_ARRAY_TASK_ID" the task id). `comment` opens the script (lines without '#').
std::string slurm_array_script(const SlurmOptions& options, const std::string& job_name, int tasks,
                               const std::string& log_pattern, const std::string& command, const std::string& comment);

// The whole script for trials 1..trial_count. `cli_path` and `trials_dir` are absolute (the nodes run
// exactly this lstmlab-cli on the same shared folder).
std::string slurm_script_text(const SlurmOptions& options, const std::string& cli_path, const std::string& trials_dir,
                              int trial_count);

// Quotes `text` for a POSIX shell: 'a b' and 'it'\''s'.
std::string shell_quote(const std::string& text);

} // namespace lstmlab
