#include "app/cli/backtest_slurm.h"

#include "app/cli/cli.h"
#include "app/cli/interrupt.h"
#include "app/cli/sweep_slurm.h"
#include "engine/core/error.h"
#include "engine/core/json.h"
#include "engine/core/sha256.h"
#include "engine/io/atomic_file.h"
#include "engine/workflow/external_command.h"
#include "engine/workflow/fold_training_file.h"
#include "engine/workflow/slurm_jobs.h"
#include "engine/workflow/sweep_status.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

namespace lstmlab::cli {
namespace {

// Options that only concern the submitting command, not a fold's training.
bool stays_local(const std::string& name)
{
    return name == "data" || name == "out" || name == "json" || name == "quiet" || name == "jobs" ||
           name == "backend" || name.rfind("slurm-", 0) == 0;
}

std::string fold_folder(const std::string& folds_dir, int number)
{
    char name[32];
    std::snprintf(name, sizeof name, "fold-%04d", number);
    return (std::filesystem::path(folds_dir) / name).string();
}

std::string read_text(const std::string& path)
{
    std::ifstream file(path, std::ios::binary);
    std::ostringstream text;
    text << file.rdbuf();
    return text.str();
}

std::string last_line_of(const std::string& text)
{
    const std::size_t end = text.find_last_not_of("\r\n \t");
    if (end == std::string::npos)
        return {};
    const std::size_t begin = text.rfind('\n', end);
    return text.substr(begin == std::string::npos ? 0 : begin + 1, end + 1 - (begin == std::string::npos ? 0 : begin + 1));
}

int task_count(const WalkForwardConfig& config, int folds)
{
    return config.refit == Refit::Fresh ? folds : 1;
}

} // namespace

std::vector<OptionSpec> backtest_slurm_options()
{
    std::vector<OptionSpec> options;
    for (const OptionSpec& option : slurm_options())
        if (option.name != "slurm-dry-run" && option.name != "detach")
            options.push_back(option);
    options.front().help = "where the folds train: threads of this process (default) or a Slurm job array (needs --out)";
    return options;
}

SlurmOptions backtest_slurm_settings(const Arguments& args)
{
    const SlurmOptions options = slurm_settings_from(args);
    check_plain_path("lstmlab-cli's own path", cli_own_path());
    if (!args.has("out"))
        throw UsageError("--backend slurm needs --out FOLDS.csv (the folds folder FOLDS.folds goes beside it)");
    if (!program_on_path("sbatch"))
        throw UsageError("--backend slurm: sbatch is not on PATH; run the backtest on a machine with Slurm's client "
                         "commands (a login node)");
    return options;
}

std::vector<FoldTraining> train_folds_on_slurm(const Arguments& args, const std::vector<OptionSpec>& options,
                                               const SlurmOptions& slurm, const BacktestSetup& setup,
                                               const std::string& out, bool quiet)
{
    const std::filesystem::path out_path = std::filesystem::absolute(out);
    const std::string folds_dir =
        (out_path.parent_path() / ((out_path.extension() == ".csv" ? out_path.stem() : out_path.filename()).string() + ".folds"))
            .lexically_normal()
            .string();
    check_plain_path("--out's folds folder", folds_dir);
    const int K = setup.config.folds;
    const int tasks = task_count(setup.config, K);

    // The options a fold trains with, as text, the data file by its absolute path.
    Json arguments = Json::array();
    arguments.push_back("--data=" + std::filesystem::absolute(setup.data_path).lexically_normal().string());
    for (const OptionSpec& option : options)
        if (!stays_local(option.name) && args.has(option.name))
            arguments.push_back("--" + option.name + (option.takes_value ? "=" + *args.value(option.name) : ""));
    Json spec = Json::object();
    spec.set("arguments", arguments);
    spec.set("data_sha256", sha256_file_hex(setup.data_path));
    for (int n = 1; n <= K; ++n) {
        std::filesystem::create_directories(fold_folder(folds_dir, n));
        std::filesystem::remove(fold_folder(folds_dir, n) + "/training.json");   // an earlier run's
    }
    write_file_atomic(folds_dir + "/backtest.json", to_json(spec, true) + "\n");
    const std::string script = folds_dir + "/submit.sbatch";
    write_file_atomic(script, slurm_array_script(slurm, "lstmlab-backtest", tasks, folds_dir + "/fold-%4a/slurm.log",
                                                 "exec " + shell_quote(cli_own_path()) + " backtest-fold " +
                                                     shell_quote(folds_dir) + " \"$SLURM_ARRAY_TASK_ID\"",
                                                 "The fold trainings of a lstmlab-cli backtest as a Slurm job array (" +
                                                     folds_dir + ")."));
    std::vector<int> numbers;
    for (int n = 1; n <= tasks; ++n)
        numbers.push_back(n);
    const std::string job = submit_slurm_array(script, numbers, slurm.max_running);
    if (!quiet)
        std::cerr << "submitted job " << job << ": " << tasks << (tasks == 1 ? " task" : " tasks") << " for " << K
                  << " folds (" << script << ")\n";

    std::atomic<bool> interrupted{false};
    const CancelOnInterrupt watcher(interrupted);
    std::string last;
    int failed_queries = 0;
    for (int poll = 0;; ++poll) {
        std::string problem;
        const std::vector<SlurmTaskState> queue = query_slurm_queue({job}, problem);
        int trained = 0;
        for (int n = 1; n <= K; ++n)
            trained += std::filesystem::exists(fold_folder(folds_dir, n) + "/training.json");
        const std::string line = "job " + job + ": " + std::to_string(trained) + " of " + std::to_string(K) +
                                 " folds trained, " + std::to_string(queue.size()) + " tasks queued";
        if (!quiet && line != last)
            std::cerr << line << "\n";
        last = line;
        failed_queries = problem.empty() ? 0 : failed_queries + 1;
        if (queue.empty() && (problem.empty() || failed_queries >= 5))
            break;
        if (!pause_between_polls(poll, interrupted)) {
            cancel_slurm_jobs({job});
            std::cerr << "backtest interrupted: job " << job << " cancelled; nothing written\n";
            return {};
        }
    }
    std::vector<FoldTraining> trainings;
    for (int n = 1; n <= K; ++n) {
        std::optional<FoldTraining> training = read_fold_training(fold_folder(folds_dir, n) + "/training.json", n);
        if (!training) {
            const std::string log = read_text(fold_folder(folds_dir, tasks == 1 ? 1 : n) + "/slurm.log");
            const std::string state = slurm_state_in_log(log);
            throw Error("fold " + std::to_string(n) + " was not trained on Slurm (job " + job + "_" +
                        std::to_string(tasks == 1 ? 1 : n) + (state.empty() ? "" : ", " + state) + ")" +
                        (log.empty() ? "" : "; last log line: " + last_line_of(log)) + "; nothing written");
        }
        trainings.push_back(std::move(*training));
    }
    return trainings;
}

int run_backtest_fold(const std::string& folds_dir, int task, const std::vector<OptionSpec>& options,
                      const std::function<BacktestSetup(const Arguments&)>& setup_from)
{
    const std::string path = folds_dir + "/backtest.json";
    if (!std::filesystem::exists(path))
        throw UsageError("FOLDS_DIR: " + folds_dir + " holds no backtest.json");
    const Json spec = parse_json(read_text(path), path);
    std::vector<std::string> words;
    for (const Json& word : get_array(get_member(spec, "arguments", path), path + ": arguments"))
        words.push_back(get_string(word, path + ": arguments"));
    const Arguments args("backtest", words, options);
    BacktestSetup setup = setup_from(args);
    const std::string sha = sha256_file_hex(setup.data_path);
    if (sha != get_string(get_member(spec, "data_sha256", path), path + ": data_sha256"))
        throw Error(setup.data_path + ": the file changed since the backtest was submitted (SHA-256 " + sha.substr(0, 12) +
                    "... now); the fold refuses to train on other data");
    WalkForwardConfig& config = setup.config;
    const int tasks = task_count(config, config.folds);
    if (task < 1 || task > tasks)
        throw UsageError("N: task " + std::to_string(task) + " is outside 1.." + std::to_string(tasks));
    config.train_only = config.refit == Refit::Fresh ? task - 1 : 0;
    config.jobs = 1;
    std::cerr << "lstmlab-cli backtest-fold: starting task " << task << " of " << tasks << "\n";
    std::atomic<bool> interrupted{false};
    const CancelOnInterrupt watcher(interrupted);
    const WalkForwardResult result = walk_forward(setup.loaded.frame, setup.pipeline, setup.run.model, setup.run.train,
                                                  config, [&](const WalkForwardProgress&) { return !interrupted.load(); });
    if (result.stopped) {
        std::cerr << "lstmlab-cli backtest-fold: task " << task << " stopped by a signal\n";
        return exit_interrupted;
    }
    for (const FoldResult& fold : result.folds)
        if (config.refit != Refit::Fresh || fold.index == config.train_only) {
            FoldTraining training{fold.trained, fold.status, fold.epochs, fold.weights};
            write_fold_training(fold_folder(folds_dir, fold.index + 1) + "/training.json", fold.index + 1, training);
        }
    std::cerr << "lstmlab-cli backtest-fold: task " << task << " done\n";
    return 0;
}

} // namespace lstmlab::cli
