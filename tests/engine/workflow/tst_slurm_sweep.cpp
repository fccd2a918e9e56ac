// The pure parts of the Slurm backend of sweeps, without a cluster: the job array script's text, the
// checks of the --slurm-* values, squeue and sacct parsing, the trials folder (written, read back,
// compared), a trial run from its folder giving the local sweep's row, the refusal of changed data,
// the status rebuilt from the trial folders, and the external command runner.
#include "engine/data/csv_load.h"
#include "engine/io/atomic_file.h"
#include "engine/train/walk_forward_table.h"
#include "engine/workflow/fold_training_file.h"
#include "engine/workflow/external_command.h"
#include "engine/workflow/slurm_jobs.h"
#include "engine/workflow/slurm_script.h"
#include "engine/workflow/slurm_submission.h"
#include "engine/workflow/sweep_assembly.h"
#include "engine/workflow/sweep_status.h"
#include "engine/workflow/sweep_trial_runner.h"
#include "test_support.h"
#include "test_files.h"
#include "test_main.h"

#include <QtTest>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace tst_slurm_sweep {

using namespace lstmlab;
using lstmlab::test::TempDir;

namespace {

// A copy of the bundled monthly CO2 series (the tests change it), column CO2.
std::string copy_co2(const std::string& path)
{
    std::filesystem::copy_file(lstmlab::test::source_path("resources/data/co2.csv"), path);
    return path;
}

SweepPlan small_plan()
{
    const SweepSpec spec = parse_sweep(R"({"mode": "grid", "seeds": 1,
        "fixed": {"epochs": 2, "seq-len": 6, "batch-size": 16, "hidden": [4]},
        "grid": {"lr": [0.01, 0.005]}})", "small.json");
    return expand_sweep(spec, {{"target", "CO2"}}, 0);
}

// A results table without its last two columns (seconds and the checkpoint path differ between runs).
std::string without_seconds_and_checkpoint(const std::string& table)
{
    std::istringstream in(table);
    std::string line, out;
    while (std::getline(in, line)) {
        const std::size_t last = line.rfind(',');
        out += line.substr(0, line.rfind(',', last - 1)) + "\n";
    }
    return out;
}

std::string read_text(const std::string& path)
{
    return lstmlab::test::read_file_bytes(path);
}

} // namespace

class TestSlurmSweep : public QObject {
    Q_OBJECT
private slots:
    void scriptText()
    {
        SlurmOptions options;
        options.partition = "short";
        options.time = "0:30:00";
        options.memory = "2G";
        options.account = "lab1";
        options.max_running = 2;
        options.extra = {"--qos=low", "--exclusive"};
        QCOMPARE(QString::fromStdString(slurm_script_text(options, "/opt/bin/lstmlab-cli", "/shared/r.trials", 6)),
                 QString("#!/bin/sh\n"
                         "# The trials of a lstmlab-cli sweep as a Slurm job array: task N runs trial N of\n"
                         "# /shared/r.trials\n"
                         "# Submit with `sbatch` on a machine whose nodes see this folder and lstmlab-cli at the same paths.\n"
                         "#SBATCH --job-name=lstmlab-sweep\n"
                         "#SBATCH --array=1-6%2\n"
                         "#SBATCH --cpus-per-task=1\n"
                         "#SBATCH --time=0:30:00\n"
                         "#SBATCH --mem=2G\n"
                         "#SBATCH --partition=short\n"
                         "#SBATCH --account=lab1\n"
                         "#SBATCH --output=/shared/r.trials/trial-%4a/slurm.log\n"
                         "#SBATCH --open-mode=append\n"
                         "#SBATCH --qos=low\n"
                         "#SBATCH --exclusive\n"
                         "exec '/opt/bin/lstmlab-cli' sweep-trial '/shared/r.trials' \"$SLURM_ARRAY_TASK_ID\"\n"));
        // Defaults: no throttle, no limits; one trial is array "1".
        const std::string plain = slurm_script_text({}, "/b/cli", "/t", 1);
        QVERIFY(plain.find("#SBATCH --array=1\n") != std::string::npos);
        QVERIFY(plain.find("--time") == std::string::npos && plain.find("--partition") == std::string::npos);
        QCOMPARE(QString::fromStdString(shell_quote("it's")), QString("'it'\\''s'"));
    }

    void optionChecks()
    {
        for (const char* good : {"30", "0:05", "2:00:00", "1-12", "1-12:30", "1-0:0:1"})
            check_slurm_time(good);
        for (const char* bad : {"", "1h", "1:2:3:4", "-5", "1-", "a-1", "1::2"})
            QVERIFY_THROWS_EXCEPTION(Error, check_slurm_time(bad));
        try {
            check_slurm_time("1h");
            QFAIL("1h accepted");
        } catch (const Error& error) {
            QCOMPARE(QString(error.what()),
                     QString("--slurm-time: \"1h\" is not a Slurm time (M, M:S, H:M:S, D-H, D-H:M or D-H:M:S)"));
        }
        check_slurm_memory("2G");
        check_slurm_memory("500");
        QVERIFY_THROWS_EXCEPTION(Error, check_slurm_memory("2 GB"));
        QVERIFY_THROWS_EXCEPTION(Error, check_slurm_name("slurm-partition", "a b"));
        QCOMPARE(split_slurm_extra("  --qos=low\t--exclusive "), (std::vector<std::string>{"--qos=low", "--exclusive"}));
        QVERIFY_THROWS_EXCEPTION(Error, split_slurm_extra("--qos low"));
        QCOMPARE(QString::fromStdString(slurm_array_ranges({5, 1, 2, 3, 7, 8, 2})), QString("1-3,5,7-8"));
        QCOMPARE(QString::fromStdString(slurm_array_ranges({4})), QString("4"));
    }

    void squeueAndSacctParsing()
    {
        const auto queue = parse_squeue("41|1|RUNNING|None\n41|2|PENDING|JobArrayTaskLimit\n41|N/A|PENDING|x\nnoise\n");
        QCOMPARE(queue.size(), std::size_t(2));
        QCOMPARE(QString::fromStdString(queue[0].job_id), QString("41"));
        QCOMPARE(queue[0].task, 1);
        QCOMPARE(QString::fromStdString(queue[1].state), QString("PENDING"));
        QCOMPARE(QString::fromStdString(queue[1].reason), QString("JobArrayTaskLimit"));
        const auto accounting = parse_sacct("50_3|TIMEOUT|0:0\n50_4|CANCELLED by 0|0:15\n50_[5-6]|PENDING|0:0\n51|COMPLETED|0:0\n");
        QCOMPARE(accounting.size(), std::size_t(2));
        QCOMPARE(accounting[0].task, 3);
        QCOMPARE(QString::fromStdString(accounting[0].state), QString("TIMEOUT"));
        QCOMPARE(QString::fromStdString(accounting[1].state), QString("CANCELLED"));
        QCOMPARE(QString::fromStdString(accounting[1].reason), QString("0:15"));
        QCOMPARE(QString::fromStdString(slurm_state_in_log(
                     "lstmlab-cli sweep-trial: starting trial 3 of 6 (x) on n1\nslurmstepd: error: *** JOB 14 ON n1 CANCELLED AT "
                     "2026-01-01T10:00:00 DUE TO TIME LIMIT ***\nlstmlab-cli sweep-trial: trial 3 stopped by a signal\n")),
                 QString("TIMEOUT"));
        // Only the latest attempt counts: a resubmitted trial is no longer cancelled.
        QCOMPARE(QString::fromStdString(slurm_state_in_log("*** JOB 9 ON n1 CANCELLED AT 2026-01-01T10:00:00 ***\n"
                                                           "lstmlab-cli sweep-trial: starting trial 1 of 6 (x) on n1\n")),
                 QString());
        QCOMPARE(QString::fromStdString(slurm_state_in_log("*** JOB 9 ON n1 CANCELLED AT 2026-01-01T10:00:00 ***\n")),
                 QString("CANCELLED"));
    }

    // The trials folder reads back to the plan; a trial run from it writes the local sweep's row.
    void folderTrialsGiveTheLocalRows()
    {
        TempDir dir;
        const std::string data = copy_co2(dir.file("co2.csv"));
        const SweepPlan plan = small_plan();
        const SweepFolder written = write_sweep_folder(plan, data, dir.file("slurm.csv"), dir.file("slurm.trials"));
        const SweepFolder folder = read_sweep_folder(dir.file("slurm.trials"));
        QCOMPARE(folder.trials.size(), plan.trials.size());
        QCOMPARE(QString::fromStdString(folder.data_sha256), QString::fromStdString(written.data_sha256));
        QVERIFY(std::filesystem::path(folder.data_path).is_absolute());
        QCOMPARE(QString::fromStdString(sweep_folder_difference(folder, plan, data)), QString());
        SweepPlan other = small_plan();
        other.trials[1].options.train.epochs = 3;
        QCOMPARE(QString::fromStdString(sweep_folder_difference(folder, other, data)),
                 QString("trial 2 has other options (lr 0.005)"));

        for (int n = 1; n <= int(folder.trials.size()); ++n)
            QCOMPARE(QString::fromStdString(run_folder_trial(folder, n, "test", nullptr).status), QString("finished"));
        QVERIFY_THROWS_EXCEPTION(Error, run_folder_trial(folder, 3, "test", nullptr));
        // One-row result file beside each trial's checkpoint.
        const std::string row = read_text(dir.file("slurm.trials/trial-0002/result.csv"));
        QCOMPARE(std::count(row.begin(), row.end(), '\n'), 2L);
        QVERIFY(std::filesystem::exists(dir.file("slurm.trials/trial-0002/checkpoint.safetensors")));
        assemble_sweep_results(folder);

        SweepRunOptions local;
        local.data_path = data;
        local.results_csv = dir.file("local.csv");
        local.trials_dir = dir.file("local.trials");
        local.jobs = 2;
        run_sweep(plan, local);
        const std::string slurm_table = read_text(dir.file("slurm.csv"));
        QCOMPARE(std::count(slurm_table.begin(), slurm_table.end(), '\n'), 3L);
        QCOMPARE(QString::fromStdString(without_seconds_and_checkpoint(slurm_table)),
                 QString::fromStdString(without_seconds_and_checkpoint(read_text(dir.file("local.csv")))));
        QVERIFY(!read_text(dir.file("slurm.summary.csv")).empty());
    }

    void changedDataIsRefused()
    {
        TempDir dir;
        const std::string data = copy_co2(dir.file("co2.csv"));
        const SweepFolder folder = write_sweep_folder(small_plan(), data, dir.file("r.csv"), dir.file("r.trials"));
        std::ofstream(data, std::ios::app) << "2026-01-01,420\n";
        const TrialResult r = run_folder_trial(folder, 1, "test", nullptr);
        QCOMPARE(QString::fromStdString(r.status), QString("failed"));
        const QString message = QString::fromStdString(r.message);
        QVERIFY2(message.startsWith(QString::fromStdString(folder.data_path) +
                                    ": the file changed since the sweep was expanded (SHA-256 ") &&
                     message.endsWith("... then); the trial refuses to train on other data: restore the file, or run "
                                      "the sweep again into a new --out"),
                 qPrintable(message));
        QVERIFY(!std::filesystem::exists(dir.file("r.trials/trial-0001/checkpoint.safetensors")));
        QVERIFY(read_text(dir.file("r.trials/trial-0001/result.csv")).find(",failed,") != std::string::npos);
        QCOMPARE(QString::fromStdString(sweep_folder_difference(folder, small_plan(), data)),
                 QString("the data file changed since it was expanded (its SHA-256 differs)"));
    }

    // The status of each trial from its folder, the queue's word, sacct's and its log.
    void statusFromFolders()
    {
        TempDir dir;
        const std::string data = copy_co2(dir.file("co2.csv"));
        const SweepSpec spec = parse_sweep(R"({"mode": "grid", "seeds": 6,
            "fixed": {"epochs": 1, "seq-len": 6, "hidden": [4]}, "grid": {"lr": [0.01]}})", "six.json");
        const SweepFolder folder = write_sweep_folder(expand_sweep(spec, {{"target", "CO2"}}, 0), data,
                                                      dir.file("r.csv"), dir.file("r.trials"));
        run_folder_trial(folder, 1, "test", nullptr);   // finished
        write_file_atomic(dir.file("r.trials/trial-0003/slurm.log"),
                          "lstmlab-cli sweep-trial: starting trial 3 of 6 (lr 0.01) on n1\nslurmstepd: error: *** JOB 7 ON n1 "
                          "CANCELLED AT 2026-01-01T10:00:00 DUE TO TIME LIMIT ***\n");
        write_file_atomic(dir.file("r.trials/trial-0005/slurm.log"), "lstmlab-cli sweep-trial: starting trial 5 of 6 (lr 0.01) on n1\n");
        const std::vector<SlurmSubmission> jobs{{"7", {1, 2, 3, 4, 5}}};
        const std::vector<SlurmTaskState> queue{{"7", 2, "RUNNING", "None"}};
        const std::vector<SlurmTaskState> accounting{{"7", 4, "OUT_OF_MEMORY", "0:125"}};
        const SweepStatus status = sweep_status(folder, jobs, queue, "", accounting);
        QStringList states;
        for (const TrialStatus& t : status.trials)
            states << QString::fromStdString(t.state);
        QCOMPARE(states, (QStringList{"finished", "running", "timeout", "out_of_memory", "ended", "not_submitted"}));
        QCOMPARE(QString::fromStdString(status.trials[2].job), QString("7_3"));
        QCOMPARE(status.unfinished(), 4);
        QCOMPARE(trials_to_submit(status), (std::vector<int>{3, 4, 5, 6}));   // what --resume submits
        QCOMPARE(QString::fromStdString(sweep_progress_line(status)).section(';', 0, 0),
                 QString("6 trials: 1 finished, 1 running, 0 pending, 3 failed, 1 not submitted"));
        QVERIFY(QString::fromStdString(sweep_progress_line(status)).contains("; ETA "));
        const QString problems = QString::fromStdString(sweep_problems_text(status, folder));
        QVERIFY2(problems.contains("trial 3 (lr 0.01): timeout (Slurm TIMEOUT, job 7_3) -- last log line: slurmstepd: "
                                   "error: *** JOB 7 ON n1 CANCELLED AT 2026-01-01T10:00:00 DUE TO TIME LIMIT ***\n"),
                 qPrintable(problems));
        // squeue failing: the trials without a result are unknown, not lost.
        const SweepStatus blind = sweep_status(folder, jobs, {}, "squeue: connection refused", {});
        QCOMPARE(QString::fromStdString(blind.trials[1].state), QString("unknown"));
        QCOMPARE(QString::fromStdString(blind.trials[0].state), QString("finished"));
    }

    // Folds trained one by one (as Slurm tasks), written and read back, evaluate to the local result.
    void walkForwardFromFoldTrainings()
    {
        TempDir dir;
        const RunOptions run = make_run_options({{"target", "CO2"}, {"hidden", "4"}, {"seq-len", "8"}, {"epochs", "2"}});
        LoadOptions load;
        load.used_columns = used_columns(run.pipeline);
        const LoadResult loaded = load_csv(lstmlab::test::source_path("resources/data/co2.csv"), load);
        WalkForwardConfig config;
        config.folds = 3;
        config.refit = Refit::Fresh;
        const WalkForwardResult local = walk_forward(loaded.frame, run.pipeline, run.model, run.train, config);
        std::vector<FoldTraining> trainings;
        for (int k = 0; k < 3; ++k) {
            WalkForwardConfig one = config;
            one.train_only = k;
            const WalkForwardResult trained = walk_forward(loaded.frame, run.pipeline, run.model, run.train, one);
            const FoldResult& fold = trained.folds[std::size_t(k)];
            const std::string path = dir.file("fold" + std::to_string(k) + ".json");
            write_fold_training(path, k + 1, {fold.trained, fold.status, fold.epochs, fold.weights});
            trainings.push_back(*read_fold_training(path, k + 1));
            QVERIFY(trained.folds[std::size_t((k + 1) % 3)].weights.empty());   // only its own fold trained
        }
        QVERIFY(!read_fold_training(dir.file("none.json"), 1));
        QVERIFY_THROWS_EXCEPTION(Error, read_fold_training(dir.file("fold0.json"), 2));
        config.trained = trainings;
        const WalkForwardResult gathered = walk_forward(loaded.frame, run.pipeline, run.model, run.train, config);
        QCOMPARE(QString::fromStdString(walk_forward_csv(gathered)), QString::fromStdString(walk_forward_csv(local)));
        QCOMPARE(gathered.overall.dm.statistic, local.overall.dm.statistic);
    }

    void externalCommands()
    {
        const CommandOutput both = run_command({"sh", "-c", "echo out; echo err >&2; exit 3"});
        QVERIFY(both.started);
        QCOMPARE(both.exit_code, 3);
        QCOMPARE(QString::fromStdString(both.out), QString("out\n"));
        QCOMPARE(QString::fromStdString(both.err), QString("err\n"));
        const CommandOutput quoted = run_command({"printf", "%s|", "a b", "$HOME", "'x'"});
        QCOMPARE(QString::fromStdString(quoted.out), QString("a b|$HOME|'x'|"));   // no shell between
        const CommandOutput missing = run_command({"lstmlab-no-such-program"});
        QVERIFY(!missing.started);
        QCOMPARE(QString::fromStdString(missing.error), QString("not found on PATH"));
        QVERIFY(program_on_path("sh"));
        QVERIFY(!program_on_path("lstmlab-no-such-program"));
    }
};

LSTMLAB_TEST_APPLESS_MAIN(TestSlurmSweep)

} // namespace tst_slurm_sweep
#include "tst_slurm_sweep.moc"
