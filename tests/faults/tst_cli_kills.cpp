// lstmlab-cli killed at random moments during training and saving (R3, R10, R11), 100 rounds.
//
// One long run (10^5 planned epochs, so it never ends by itself) is continued with --resume round
// after round, and every round ends with a fault chosen in turn:
//   SIGKILL, SIGINT, SIGTERM                at a random instant in [0, one measured short run];
//   SIGKILL, SIGTERM "mid-save"             the moment a new temporary file of the checkpoint appears;
//   SIGINT twice                            the second one 0-20 ms after the first (a second signal
//                                           ends the process at once, maybe in the middle of a save).
// After every round, deterministically:
//   - the process ended as the fault allows: SIGINT/SIGTERM -> exit 130 (stopped and saved), or
//     killed by that signal before its handlers existed; SIGKILL -> killed. Never exit 1 or 2;
//   - the checkpoint is the previous file byte for byte, or a new one that loads (R1 gate) and
//     continues it: more optimizer steps (or the same step with the same weights, when the signal
//     came before the first batch), and the earlier epochs' losses unchanged;
//   - the run folder reopens (RunFolder::read): its metrics rows equal the checkpoint's history (never
//     ahead of it), a torn last row only after a kill;
//   - temporary files: none after a clean exit; after kills at most one per killed process.
// At the end the run is resumed to the end of its epoch and compared with ONE uninterrupted run of
// the same length: every weight and every epoch's losses are identical bit for bit -- nothing lost.
#include "child_process.h"
#include "fault_fixtures.h"

#include "engine/core/rng.h"
#include "engine/io/run_folder.h"
#include "test_main.h"

#include <QtTest>

#include <thread>

namespace tst_cli_kills {

using namespace lstmlab;
using namespace lstmlab::test;
using namespace std::chrono_literals;

namespace {

enum class Fault { kill, interrupt, terminate, kill_mid_save, terminate_mid_save, interrupt_twice };
constexpr Fault fault_cycle[] = {Fault::kill, Fault::interrupt, Fault::terminate,
                                 Fault::kill_mid_save, Fault::terminate_mid_save, Fault::interrupt_twice};
constexpr int rounds = 100;

const char* fault_name(Fault fault)
{
    switch (fault) {
    case Fault::kill: return "SIGKILL";
    case Fault::interrupt: return "SIGINT";
    case Fault::terminate: return "SIGTERM";
    case Fault::kill_mid_save: return "SIGKILL mid-save";
    case Fault::terminate_mid_save: return "SIGTERM mid-save";
    case Fault::interrupt_twice: return "SIGINT twice";
    }
    return "?";
}

// The model and data of every round: small enough for ~50 ms epochs, large enough (hidden 32,32,
// Adam moments, best weights) that a save takes measurable time.
const std::vector<std::string> fresh_options{"--target", "Close", "--features", "Open,High,Low,Close,Volume",
                                             "--hidden", "32,32", "--dropout", "0.2", "--seq-len", "10",
                                             "--batch-size", "16", "--patience", "0", "--quiet"};

std::vector<std::string> operator+(std::vector<std::string> a, const std::vector<std::string>& b)
{
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

bool checkpoint_temp_exists(const std::string& dir, const std::vector<std::string>& before)
{
    for (const std::string& name : temp_files(dir))
        if (is_atomic_temp_name(dir + "/m.safetensors", name) && !std::binary_search(before.begin(), before.end(), name))
            return true;
    return false;
}

} // namespace

class TestCliKills : public QObject {
    Q_OBJECT

    std::string m_cli = LSTMLAB_CLI_PATH;

private slots:
    void killAtRandomMomentsThenCompareWithAnUninterruptedRun()
    {
        TempDir dir;
        const std::string cwd = dir.path();
        write_sample_head(dir.file("data.csv"), 400);

        // One short complete run measures this machine (it may be loaded): the fault instants are
        // drawn from [0, its duration].
        const auto started = std::chrono::steady_clock::now();
        {
            ChildProcess probe(m_cli, std::vector<std::string>{"train", "--data", "data.csv", "--epochs", "3", "--out", "probe.safetensors"} + fresh_options,
                               {cwd});
            const auto end = probe.wait(300s);
            QVERIFY2(end && end->exited && end->code == 0, probe.err().c_str());
        }
        const auto horizon_us = std::clamp<std::int64_t>(
            std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started).count(),
            100'000, 3'000'000);
        std::filesystem::remove(dir.file("probe.safetensors"));

        Rng rng(20261126);
        std::string run_dir;
        int kills_since_clean_exit = 0;
        int changed = 0, unchanged = 0, exits_130 = 0, torn_rows = 0, temps_seen = 0, mid_save_hits = 0;
        for (int round = 0; round < rounds; ++round) {
            const Fault fault = fault_cycle[round % std::size(fault_cycle)];
            const std::string where = "round " + std::to_string(round) + " (" + fault_name(fault) + "): ";
            const bool had_checkpoint = exists(dir.file("m.safetensors"));
            const std::string old_bytes = had_checkpoint ? read_bytes(dir.file("m.safetensors")) : std::string();
            const std::optional<Checkpoint> old = had_checkpoint ? try_load(dir.file("m.safetensors")) : std::nullopt;
            QVERIFY2(!had_checkpoint || old, (where + "the checkpoint from the round before does not load").c_str());

            std::vector<std::string> args;
            if (old) {
                args = {"train", "--data", "data.csv", "--resume", "m.safetensors", "--out", "m.safetensors",
                        "--run-dir", run_dir, "--quiet"};
            } else {   // nothing saved yet: a fresh run, in a folder of its own
                run_dir = "run-" + std::to_string(round);
                args = std::vector<std::string>{"train", "--data", "data.csv", "--epochs", "100000", "--out",
                                                "m.safetensors", "--run-dir", run_dir} + fresh_options;
            }
            const std::vector<std::string> temps_before = temp_files(cwd);
            ChildProcess child(m_cli, args, {cwd});
            const bool mid_save = fault == Fault::kill_mid_save || fault == Fault::terminate_mid_save;
            if (mid_save) {
                const auto deadline = std::chrono::steady_clock::now() + std::chrono::microseconds(3 * horizon_us);
                while (!child.poll() && std::chrono::steady_clock::now() < deadline && !checkpoint_temp_exists(cwd, temps_before))
                    std::this_thread::sleep_for(50us);
                mid_save_hits += checkpoint_temp_exists(cwd, temps_before) ? 1 : 0;
            } else {
                std::this_thread::sleep_for(std::chrono::microseconds(rng.below(std::uint64_t(horizon_us))));
            }
            const int signal = fault == Fault::kill || fault == Fault::kill_mid_save ? SIGKILL
                               : fault == Fault::terminate || fault == Fault::terminate_mid_save ? SIGTERM
                                                                                                 : SIGINT;
            child.send(signal);
            if (fault == Fault::interrupt_twice) {
                std::this_thread::sleep_for(std::chrono::microseconds(rng.below(20'000)));
                child.send(SIGINT);
            }
            const auto end = child.wait(120s);
            QVERIFY2(end, (where + "the process did not end within 120 s of the signal").c_str());
            const std::string err = child.err();

            // 1. How it ended.
            const bool clean = end->exited && end->code == 130;
            const bool killed = !end->exited && end->signal == signal;
            QVERIFY2(clean || killed, (where + "ended with " + end->describe() + ": " + err).c_str());
            QVERIFY2(!(clean && signal == SIGKILL), (where + "exit 130 after SIGKILL").c_str());
            if (clean) {
                QVERIFY2(err.find("the run is saved in m.safetensors and continues with --resume m.safetensors") != std::string::npos,
                         (where + err).c_str());
                ++exits_130;
                kills_since_clean_exit = 0;
            } else {
                ++kills_since_clean_exit;
            }

            // 2. The checkpoint: the old file, or a valid continuation of it.
            std::string why;
            const bool has_now = exists(dir.file("m.safetensors"));
            const std::string now_bytes = has_now ? read_bytes(dir.file("m.safetensors")) : std::string();
            if (had_checkpoint && now_bytes == old_bytes) {
                ++unchanged;
            } else {
                QVERIFY2(has_now || !clean, (where + "exit 130 but no checkpoint").c_str());
                if (has_now) {
                    const auto now = try_load(dir.file("m.safetensors"), &why);
                    QVERIFY2(now, (where + "the new checkpoint does not load: " + why).c_str());
                    QVERIFY2(now->training && now->optimizer, (where + "the new checkpoint cannot resume").c_str());
                    if (old) {
                        const TrainState& a = old->training->state;
                        const TrainState& b = now->training->state;
                        // A resumed process stopped before its first batch saves the same step again
                        // (only the stop reason and the epoch's timing differ): nothing may go back.
                        QVERIFY2(b.step >= a.step, (where + "the new checkpoint is behind the old one").c_str());
                        if (b.step == a.step)
                            QVERIFY2(now->weights == old->weights && now->optimizer->exp_avg == old->optimizer->exp_avg,
                                     (where + "same step, different weights").c_str());
                        QVERIFY2(b.history.size() >= a.history.size(), (where + "epochs were lost").c_str());
                        for (std::size_t k = 0; k < a.history.size(); ++k)
                            QVERIFY2(same_losses(a.history[k], b.history[k]), (where + "epoch " + std::to_string(k + 1) + " changed").c_str());
                    }
                    ++changed;
                }
            }

            // 3. The run folder reopens and agrees with the checkpoint.
            const std::string run_path = dir.file(run_dir);
            if (exists(run_path + "/run.json")) {
                RunRecord record;
                try {
                    record = RunFolder::read(run_path);
                } catch (const Error& error) {
                    QFAIL((where + "the run folder does not reopen: " + error.what()).c_str());
                }
                QVERIFY2(record.torn_row.empty() || !clean, (where + "torn row after a clean exit: " + record.torn_row).c_str());
                torn_rows += record.torn_row.empty() ? 0 : 1;
                const auto now = try_load(dir.file("m.safetensors"));
                const std::size_t saved_epochs = now ? now->training->state.history.size() : 0;
                QVERIFY2(record.epochs.size() <= saved_epochs,
                         (where + "metrics.csv has " + std::to_string(record.epochs.size()) + " epochs, the checkpoint " +
                          std::to_string(saved_epochs)).c_str());
                for (std::size_t k = 0; k < record.epochs.size(); ++k)
                    QVERIFY2(same_losses(record.epochs[k], now->training->state.history[k]),
                             (where + "metrics.csv row " + std::to_string(k + 1) + " differs from the checkpoint").c_str());
            } else {
                QVERIFY2(!clean, (where + "exit 130 without run.json").c_str());
                QVERIFY2(!has_now || (had_checkpoint && now_bytes == old_bytes),
                         (where + "a checkpoint was saved but the run folder has no run.json").c_str());
            }

            // 4. Temporary files.
            const std::size_t temps = temp_files(cwd).size() + temp_files(run_path).size();
            temps_seen += temps > 0 ? 1 : 0;
            QVERIFY2(temps <= std::size_t(kills_since_clean_exit),
                     (where + std::to_string(temps) + " temporary files after " + std::to_string(kills_since_clean_exit) +
                      " kills since the last clean exit").c_str());
        }
        qInfo("fault horizon %lld us; %d rounds: checkpoint changed %d, unchanged %d; %d exits 130; "
              "%d mid-save kills caught a temporary file; %d torn metrics rows; %d rounds left temporary files",
              static_cast<long long>(horizon_us), rounds, changed, unchanged, exits_130, mid_save_hits, torn_rows, temps_seen);
        QVERIFY(exits_130 > 0);
        QVERIFY(mid_save_hits > 0);
        QVERIFY(changed > 0);

        // Finish the run's current epoch, then compare with one uninterrupted run of that length.
        ChildProcess finish(m_cli, {"train", "--data", "data.csv", "--resume", "m.safetensors", "--epochs", "1", "--out",
                                    "m.safetensors", "--run-dir", run_dir, "--quiet"}, {cwd});
        auto end = finish.wait(600s);
        QVERIFY2(end && end->exited && end->code == 0, finish.err().c_str());
        QVERIFY2(temp_files(cwd).empty() && temp_files(dir.file(run_dir)).empty(), "temporary files remain after a clean run");
        const Checkpoint chain = load_checkpoint(dir.file("m.safetensors"));
        const int epochs = chain.training->state.completed_epochs;
        ChildProcess whole(m_cli, std::vector<std::string>{"train", "--data", "data.csv", "--epochs", std::to_string(epochs),
                                                           "--out", "whole.safetensors"} + fresh_options, {cwd});
        end = whole.wait(600s);
        QVERIFY2(end && end->exited && end->code == 0, whole.err().c_str());
        const Checkpoint reference = load_checkpoint(dir.file("whole.safetensors"));
        qInfo("the interrupted run reached %d epochs, %lld steps", epochs, static_cast<long long>(chain.training->state.step));
        QCOMPARE(chain.training->state.step, reference.training->state.step);
        QCOMPARE(chain.training->state.history.size(), reference.training->state.history.size());
        for (std::size_t k = 0; k < chain.training->state.history.size(); ++k)
            QVERIFY2(same_losses(chain.training->state.history[k], reference.training->state.history[k]),
                     qPrintable(QString("epoch %1 differs from the uninterrupted run").arg(k + 1)));
        QVERIFY2(same_tensors(dir.file("m.safetensors"), dir.file("whole.safetensors")),
                 "the weights differ from the uninterrupted run");
        const RunRecord record = RunFolder::read(dir.file(run_dir));
        QCOMPARE(int(record.epochs.size()), epochs);
        QVERIFY(record.torn_row.empty());
    }
};

LSTMLAB_TEST_APPLESS_MAIN(TestCliKills)

}  // namespace tst_cli_kills
#include "tst_cli_kills.moc"
