// lstmlab-cli sweep --data FILE.csv --target COL [--features A,B,...] [--grid GRID.json] [--jobs N]
//                   [--seeds K] --out RESULTS.csv [--trials-dir DIR] [--resume] [--quiet]
// Hyperparameter sweeps (engine/workflow/sweep_spec.h for the file format; without --grid, the
// tutorial's four configurations). Any model, data or training option given here applies to every
// trial and overrides the file's "fixed" value of the same option (the sweep says which it overrode). Ctrl-C stops the running trials; --resume later skips the finished ones.
// Exit 0 when every trial finished; 1 when any failed or diverged (the summary counts them and gives
// the first one's reason); 130 when interrupted. With --backend slurm the trials run as a Slurm job
// array from a trials folder (sweep_slurm.h; the same results table).
#include "app/cli/cli.h"
#include "app/cli/commands.h"
#include "app/cli/interrupt.h"
#include "app/cli/options.h"
#include "app/cli/output_paths.h"
#include "app/cli/sweep_slurm.h"
#include "engine/io/atomic_file.h"
#include "engine/workflow/sweep_folder.h"
#include "engine/workflow/sweep_runner.h"

#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <thread>

namespace lstmlab::cli {
namespace {

std::string short_number(double value)
{
    if (!std::isfinite(value))
        return "-";
    char text[32];
    std::snprintf(text, sizeof text, "%.4g", value);
    return text;
}

} // namespace

Command sweep_command()
{
    Command command;
    command.name = "sweep";
    command.synopsis = "grid, random or listed hyperparameter search, trials in parallel, mean and std across seeds";
    std::vector<OptionSpec> run_options = join({model_options(), data_options(), training_options()});
    command.options = join({{{"data", true, "FILE.csv", "the time series (required unless --print-default)"},
                             {"target", true, "COL", "the column to forecast (required)"},
                             {"features", true, "A,B,...", "input columns (default: the target alone)"},
                             {"grid", true, "GRID.json", "the sweep file (default: the tutorial's four configurations)"},
                             {"jobs", true, "N", "trials in parallel, each single-threaded (default: the number of cores)"},
                             {"seeds", true, "K", "repeats of every configuration with seeds s, s+1, ... (overrides the file)"},
                             {"out", true, "RESULTS.csv", "one row per trial (required)"},
                             {"trials-dir", true, "DIR", "checkpoints and run folders of the trials (default RESULTS.trials)"},
                             {"resume", false, "", "skip the trials a previous run of this sweep finished (slurm: submit the others again)"},
                             {"quiet", false, "", "no per-trial lines"},
                             {"print-default", false, "", "print the bundled default sweep file and exit"}},
                            slurm_options(), run_options});
    command.run = [](const Arguments& args) {
        if (args.flag("print-default")) {
            std::cout << default_sweep_text();
            return 0;
        }
        const std::string data_path = args.existing_file("data");
        const std::string out = args.required("out");
        check_output_file("out", out);
        const std::string trials_dir = args.value("trials-dir").value_or(default_trials_dir(out));
        check_run_folder(trials_dir, true, "trials-dir");
        const std::string summary_path = sweep_summary_path(out);
        std::vector<PathUse> paths{{"--data", data_path},
                                   {"--out", out, PathUse::Kind::write},
                                   {"--out's summary file", summary_path, PathUse::Kind::write, {}, "--out"}};
        if (args.has("grid"))
            paths.push_back({"--grid", args.existing_file("grid")});
        if (args.has("trials-dir"))
            paths.push_back({"--trials-dir", trials_dir, PathUse::Kind::write_inside, "trial-"});
        else
            paths.push_back({"--out's trials folder", trials_dir, PathUse::Kind::write_inside, "trial-", "--out"});
        check_paths_distinct(paths);
        const bool slurm = args.choice("backend", "local", {"local", "slurm"}) == "slurm";
        if (!slurm)
            refuse_slurm_options(args);
        const SlurmOptions slurm_options = slurm ? slurm_sweep_options(args, trials_dir) : SlurmOptions{};
        const int cores = int(std::max(1u, std::thread::hardware_concurrency()));
        const int jobs = args.integer("jobs", cores, 1, 256);
        const int seeds = args.integer("seeds", 0, 1, 1000);

        SweepSpec spec;
        try {
            spec = args.has("grid") ? read_sweep_file(args.existing_file("grid")) : parse_sweep(default_sweep_text(), "default sweep");
        } catch (const UsageError&) {
            throw;
        } catch (const Error& error) {
            throw UsageError(error.what());
        }
        const OptionValues base = run_option_values(args);
        SweepPlan plan;
        try {
            plan = expand_sweep(spec, base, seeds);
        } catch (const Error& error) {
            throw UsageError(error.what());
        }
        if (!plan.overridden.empty()) {
            std::cerr << "the command line overrides the sweep file's \"fixed\":";
            for (const SweepOverride& o : plan.overridden)
                std::cerr << (&o == &plan.overridden.front() ? " " : ", ") << o.given << " (file: " << o.name << " "
                          << o.file_value << ")";
            std::cerr << "\n";
        }
        for (const SkippedConfiguration& s : plan.skipped)
            std::cerr << "skipped configuration " << s.configuration + 1 << ": " << s.reason << "\n";
        std::cerr << plan.trials.size() << " trials (" << plan.configurations << " configurations x "
                  << (seeds > 0 ? seeds : spec.seeds) << " seeds, " << plan.skipped.size() << " skipped)";
        if (slurm)
            std::cerr << " as a Slurm job array\n";
        else
            std::cerr << " on " << std::min<std::size_t>(std::size_t(jobs), plan.trials.size()) << " jobs\n";

        if (slurm)
            return run_slurm_sweep(args, slurm_options, plan, data_path, out, trials_dir);
        std::atomic<bool> cancel{false};
        SweepRunOptions options;
        options.data_path = data_path;
        options.results_csv = out;
        options.trials_dir = trials_dir;
        options.jobs = jobs;
        options.resume = args.flag("resume");
        options.app_version = app_version();
        options.cancel = &cancel;
        std::size_t done = 0;
        SweepCallbacks callbacks;
        const bool quiet = args.flag("quiet");
        callbacks.finished = [&](const TrialResult& r) {
            ++done;
            if (quiet)
                return;
            std::fprintf(stderr, "[%zu/%zu] trial %d %s%s: %s  | val %s  test RMSE %s  Sharpe %s  (%.1f s)\n", done,
                         plan.trials.size(), r.index + 1, r.status.c_str(), r.reused ? " (earlier run)" : "",
                         r.label.c_str(), short_number(r.validation_loss).c_str(), short_number(r.test_rmse).c_str(),
                         short_number(r.test_sharpe).c_str(), r.seconds);
        };
        std::vector<TrialResult> results;
        {
            const CancelOnInterrupt watcher(cancel);   // Ctrl-C: running trials stop after their batch
            results = run_sweep(plan, options, callbacks);
        }

        const auto summary = summarize_sweep(results);
        write_file_atomic(summary_path, sweep_summary_csv(summary));
        std::cout << sweep_summary_text(summary);
        std::size_t completed = 0;
        for (const TrialResult& r : results)
            completed += r.completed();
        if (cancel.load()) {
            std::cerr << "sweep interrupted: " << completed << " of " << plan.trials.size()
                      << " trials finished; run the same command with --resume to finish it\n";
            return exit_interrupted;
        }
        std::cerr << "results: " << out << ", summary: " << summary_path << ", trials: " << trials_dir << "\n";
        // Exit 0 only when every trial finished: a failed or diverged trial is a failure of the sweep.
        if (const std::string failures = sweep_failures_text(results, plan.trials.size()); !failures.empty()) {
            std::cerr << "lstmlab-cli sweep: " << failures << "\n";
            return exit_failure;
        }
        return 0;
    };
    return command;
}

} // namespace lstmlab::cli
