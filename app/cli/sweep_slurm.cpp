#include "app/cli/sweep_slurm.h"

#include "app/cli/cli.h"
#include "app/cli/interrupt.h"
#include "engine/io/atomic_file.h"
#include "engine/workflow/external_command.h"
#include "engine/workflow/slurm_jobs.h"
#include "engine/workflow/slurm_script.h"
#include "engine/workflow/slurm_submission.h"
#include "engine/workflow/sweep_assembly.h"
#include "engine/workflow/sweep_status.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <thread>

namespace lstmlab::cli {

// Slurm's #SBATCH lines and output patterns take no quoting: a path the nodes use must be plain.
void check_plain_path(const std::string& option, const std::string& path)
{
    if (path.find_first_of(" \t\n%\"'\\") != std::string::npos)
        throw UsageError(option + ": \"" + path + "\" holds a space, quote, backslash or %, which a Slurm script "
                         "cannot carry; use a path without them with --backend slurm");
}

SlurmOptions slurm_settings_from(const Arguments& args)
{
    SlurmOptions options;
    try {
        if (const auto v = args.value("slurm-partition"))
            check_slurm_name("slurm-partition", options.partition = *v);
        if (const auto v = args.value("slurm-account"))
            check_slurm_name("slurm-account", options.account = *v);
        if (const auto v = args.value("slurm-time"))
            check_slurm_time(options.time = *v);
        if (const auto v = args.value("slurm-mem"))
            check_slurm_memory(options.memory = *v);
        if (const auto v = args.value("slurm-extra"))
            options.extra = split_slurm_extra(*v);
    } catch (const UsageError&) {
        throw;
    } catch (const Error& error) {
        throw UsageError(error.what());
    }
    // The array's throttle: --slurm-max-running, else --jobs when given (trials at once, as locally).
    options.max_running = args.integer("slurm-max-running", args.integer("jobs", 0, 1, 256), 1, 100000);
    return options;
}

bool pause_between_polls(int poll, const std::atomic<bool>& interrupted)
{
    // Once a second at first, then more slowly (a busy controller thanks us): at most every 10 s.
    const auto pause = std::chrono::milliseconds(1000 * std::min(10, 1 + poll / 10));
    for (auto waited = std::chrono::milliseconds(0); waited < pause && !interrupted.load();
         waited += std::chrono::milliseconds(100))
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    return !interrupted.load();
}

std::string cli_own_path()
{
    std::error_code error;
    const std::filesystem::path path = std::filesystem::read_symlink("/proc/self/exe", error);
    if (error)
        throw Error("cannot find the path of lstmlab-cli itself (/proc/self/exe: " + error.message() + ")");
    return path.string();
}

std::vector<OptionSpec> slurm_options()
{
    return {
        {"backend", true, "local|slurm", "where the trials run: threads of this process (default) or a Slurm job array"},
        {"slurm-partition", true, "NAME", "the partition (default: the cluster's)"},
        {"slurm-time", true, "TIME", "time limit of each trial, e.g. 30, 2:00:00 or 1-12 (default: the partition's)"},
        {"slurm-mem", true, "SIZE", "memory of each trial, e.g. 2G (default: the cluster's)"},
        {"slurm-max-running", true, "K", "trials running at once (the array's %K; default --jobs when given, else no limit)"},
        {"slurm-account", true, "NAME", "the account to charge"},
        {"slurm-extra", true, "\"OPTIONS\"", "more sbatch options for the script: --slurm-extra=\"--qos=short --constraint=avx2\""},
        {"slurm-dry-run", false, "", "write the trials folder and submit.sbatch, submit nothing"},
        {"detach", false, "", "submit and return; follow later with sweep-status RESULTS.csv"},
    };
}

void refuse_slurm_options(const Arguments& args)
{
    for (const OptionSpec& option : slurm_options())
        if (option.name != "backend" && args.has(option.name))
            throw UsageError("--" + option.name + " needs --backend slurm");
}

SlurmOptions slurm_sweep_options(const Arguments& args, const std::string& trials_dir)
{
    const SlurmOptions options = slurm_settings_from(args);
    check_plain_path("--out's trials folder", std::filesystem::absolute(trials_dir).string());
    check_plain_path("lstmlab-cli's own path", cli_own_path());
    if (!args.flag("slurm-dry-run") && !program_on_path("sbatch"))
        throw UsageError("--backend slurm: sbatch is not on PATH; run the sweep on a machine with Slurm's client "
                         "commands (a login node), or add --slurm-dry-run to write the script only");
    if (is_sweep_folder(trials_dir) && !args.flag("resume"))
        throw UsageError("--out: " + trials_dir + " holds a sweep already; add --resume to continue it, or give "
                         "another --out");
    return options;
}

int run_slurm_sweep(const Arguments& args, const SlurmOptions& options, const SweepPlan& plan, const std::string& data_path,
                    const std::string& results_csv, const std::string& trials_dir)
{
    const std::string cli = cli_own_path();
    const bool dry_run = args.flag("slurm-dry-run");
    SweepFolder folder;
    if (is_sweep_folder(trials_dir)) {   // with --resume (slurm_sweep_options)
        folder = read_sweep_folder(trials_dir);
        if (const std::string difference = sweep_folder_difference(folder, plan, data_path); !difference.empty())
            throw UsageError("--resume: " + trials_dir + " holds another sweep: " + difference);
    } else {
        folder = write_sweep_folder(plan, data_path, results_csv, trials_dir);
    }
    const std::string script_path = write_slurm_script(folder, options, cli);
    if (dry_run) {
        std::cerr << "wrote " << script_path << " (" << folder.trials.size() << " trials); submit it with: sbatch "
                  << script_path << "\nthen follow it with: lstmlab-cli sweep-status " << results_csv << " --wait\n";
        return 0;
    }
    // Every trial that neither finished nor waits in the queue: all of them the first time.
    const SlurmSubmission submission = submit_sweep_folder(folder, script_path, options.max_running);
    if (submission.job_id.empty())
        std::cerr << "nothing to submit: every trial finished or waits in the queue\n";
    else
        std::cerr << "submitted job " << submission.job_id << ": trials " << slurm_array_ranges(submission.trials)
                  << " of " << folder.trials.size() << " (" << script_path << ")\n";
    if (args.flag("detach")) {
        std::cerr << "detached: the jobs run on; follow them with lstmlab-cli sweep-status " << results_csv << " --wait\n";
        return 0;
    }
    return follow_slurm_sweep(folder, results_csv, args.flag("quiet"));
}

int follow_slurm_sweep(const SweepFolder& folder, const std::string& results_arg, bool quiet)
{
    std::atomic<bool> interrupted{false};
    const CancelOnInterrupt watcher(interrupted);
    std::string last_line;
    int failed_queries = 0;
    SweepStatus status;
    for (int poll = 0;; ++poll) {
        status = query_sweep_status(folder);
        const std::string line = sweep_progress_line(status);
        if (!quiet && line != last_line)
            std::cerr << line << "\n";
        last_line = line;
        failed_queries = status.queue_problem.empty() ? 0 : failed_queries + 1;
        if (!status.waiting() && (status.queue_problem.empty() || failed_queries >= 5))
            break;
        if (!pause_between_polls(poll, interrupted)) {
            std::cerr << "stopped following the sweep; its jobs keep running: lstmlab-cli sweep-status " << results_arg
                      << " --wait follows them again\n";
            return exit_interrupted;
        }
    }
    const std::vector<TrialResult> results = assemble_sweep_results(folder);
    std::cout << sweep_summary_text(summarize_sweep(results));
    std::cerr << "results: " << folder.results_csv << ", summary: " << sweep_summary_path(folder.results_csv)
              << ", trials: " << folder.trials_dir << "\n";
    if (status.unfinished() == 0)
        return 0;
    std::cerr << sweep_problems_text(status, folder);
    std::cerr << "lstmlab-cli sweep: " << status.unfinished() << " of " << status.trials.size()
              << " trials did not finish; run the same command with --resume to submit them again\n";
    return exit_failure;
}

} // namespace lstmlab::cli
