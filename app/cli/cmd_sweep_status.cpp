// lstmlab-cli sweep-status RESULTS.csv [--trials-dir DIR] [--wait] [--cancel] [--quiet]
// The state of a sweep submitted with --backend slurm, rebuilt from its trials folder and squeue
// (sacct where the cluster keeps accounting): one line per trial on stdout, progress and the trials
// that did not finish (Slurm state, last log line) on stderr; RESULTS.csv and RESULTS.summary.csv
// assembled from the trials that ended. --wait follows the sweep until no trial is queued; --cancel
// first cancels every job of the sweep (scancel; the running trials save their state for --resume).
// Exit 0 while no trial failed (all finished, or still queued); 1 when one ended without finishing.
#include "app/cli/cli.h"
#include "app/cli/commands.h"
#include "app/cli/sweep_slurm.h"
#include "engine/workflow/slurm_jobs.h"
#include "engine/workflow/sweep_assembly.h"
#include "engine/workflow/sweep_status.h"

#include <cstdio>
#include <iostream>

namespace lstmlab::cli {

Command sweep_status_command()
{
    Command command;
    command.name = "sweep-status";
    command.synopsis = "RESULTS.csv: progress, failures and results of a sweep run with --backend slurm";
    command.operands = {"RESULTS.csv"};
    command.options = {{"trials-dir", true, "DIR", "the sweep's trials folder (default RESULTS.trials)"},
                       {"wait", false, "", "follow the sweep until no trial is queued, then print its summary"},
                       {"cancel", false, "", "cancel the sweep's jobs first (sweep --resume submits the unfinished trials again)"},
                       {"quiet", false, "", "no progress lines (with --wait)"}};
    command.run = [](const Arguments& args) {
        const std::string& results = args.operands()[0];
        const std::string trials_dir = args.value("trials-dir").value_or(default_trials_dir(results));
        SweepFolder folder;
        try {
            folder = read_sweep_folder(trials_dir);
        } catch (const Error& error) {
            throw UsageError(std::string(args.has("trials-dir") ? "--trials-dir: " : "RESULTS.csv: ") + error.what());
        }
        if (args.flag("cancel")) {
            std::vector<std::string> jobs;
            for (const SlurmSubmission& s : read_slurm_jobs(folder.trials_dir))
                jobs.push_back(s.job_id);
            cancel_slurm_jobs(jobs);
            std::cerr << "cancelled " << jobs.size() << (jobs.size() == 1 ? " job" : " jobs") << " of " << results << "\n";
        }
        if (args.flag("wait"))
            return follow_slurm_sweep(folder, results, args.flag("quiet"));
        const SweepStatus status = query_sweep_status(folder);
        std::printf("%-6s %-14s %-12s %s\n", "trial", "state", "job", "configuration");
        for (const TrialStatus& t : status.trials)
            std::printf("%-6d %-14s %-12s %s\n", t.trial, t.state.c_str(), t.job.empty() ? "-" : t.job.c_str(),
                        folder.trials[std::size_t(t.trial - 1)].label().c_str());
        std::fflush(stdout);
        std::cerr << sweep_progress_line(status) << "\n" << sweep_problems_text(status, folder);
        assemble_sweep_results(folder);
        std::cerr << "results so far: " << folder.results_csv << ", summary: " << sweep_summary_path(folder.results_csv)
                  << "\n";
        return status.unfinished() - status.count("not_submitted") - status.count("unknown") > 0 ? exit_failure : 0;
    };
    return command;
}

} // namespace lstmlab::cli
