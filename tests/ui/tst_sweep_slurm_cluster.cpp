// The Sweep tab against the one-node Slurm of tests/cluster/slurm_cluster.sh (CTest fixture `slurm`;
// the suite fails when the cluster is not there, it never skips): a 3-trial sweep submitted from the
// tab -- backend Slurm, the script dialog accepted -- runs as a job array and the view follows it to
// the end while the GUI thread keeps serving events (every sbatch and squeue call is on the worker);
// the trials table then holds exactly the results the engine assembles from the trials folder, and the
// results CSV written is the engine's table of them.
#include "engine/workflow/sweep_assembly.h"
#include "engine/workflow/sweep_folder.h"
#include "engine/workflow/external_command.h"
#include "tests/ui/slurm_sweep_test.h"
#include "ui/sweep/slurm_script_dialog.h"
#include "ui/sweep/slurm_sweep_controller.h"
#include "ui/sweep/sweep_results_model.h"
#include "test_main.h"

#include <QElapsedTimer>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

namespace tst_sweep_slurm_cluster {

using namespace lstmlab;
using namespace lstmlab::ui;
using namespace lstmlab::test;

class TestSweepSlurmCluster : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        useTestSettings();
        QVERIFY2(qEnvironmentVariableIsSet("SLURM_CONF"), "SLURM_CONF is not set: run this suite through ctest (fixture slurm)");
        const CommandOutput sinfo = run_command({"sinfo", "--noheader", "--format=%t"});
        // Up: idle, or running the other cluster suites' jobs (mix, alloc, comp); not down or drained.
        const bool up = sinfo.out.find("idle") != std::string::npos || sinfo.out.find("mix") != std::string::npos ||
                        sinfo.out.find("alloc") != std::string::npos || sinfo.out.find("comp") != std::string::npos;
        QVERIFY2(sinfo.exit_code == 0 && up, ("the one-node Slurm is not up: " + sinfo.out + sinfo.err).c_str());
    }

    void submittedSweepCompletesLikeTheEngine()
    {
        QTemporaryDir temp(QDir::tempPath() + QStringLiteral("/lstmlab-slurm-XXXXXX"));
        SweepView view;
        setUpSweepView(view);
        view.slurmController()->setPollInterval(std::chrono::milliseconds(300));
        QVERIFY(view.slurmFields()->hasSbatch());
        enterSlurmFields(*view.slurmFields(), temp.path());
        view.show();
        QVERIFY2(view.runButton()->isEnabled(), qPrintable(view.runNote()->text()));
        view.runButton()->click();
        SlurmScriptDialog* dialog = view.scriptDialog();
        QVERIFY(dialog);
        const QString trialsDir = dialog->trialsDir();
        dialog->accept();

        // The GUI thread keeps serving events while the array runs: a 20 ms timer ticks throughout.
        int ticks = 0;
        QTimer ticker;
        ticker.setInterval(20);
        QObject::connect(&ticker, &QTimer::timeout, [&ticks] { ++ticks; });
        ticker.start();
        QElapsedTimer clock;
        clock.start();
        const bool done = QTest::qWaitFor([&] { return view.slurmSnapshot() && !view.slurmSnapshot()->following; }, 120000);
        const qint64 ms = clock.elapsed();
        QVERIFY2(done, qPrintable(view.slurmProgressLabel()->text() + " / " + view.slurmProblemsLabel()->text() + " / " +
                                  view.runNote()->text()));
        QVERIFY2(ticks >= ms / 20 / 4, qPrintable(QStringLiteral("%1 ticks in %2 ms").arg(ticks).arg(ms)));
        QVERIFY2(view.runNote()->text().contains(QRegularExpression("Submitted Slurm job \\d+: trials 1-3")) ||
                     view.runNote()->text().startsWith("Results: "),
                 qPrintable(view.runNote()->text()));
        QVERIFY2(view.slurmProgressLabel()->text().startsWith("3 trials: 3 finished, 0 running, 0 pending, 0 failed"),
                 qPrintable(view.slurmProgressLabel()->text()));

        const SweepFolder folder = read_sweep_folder(trialsDir.toStdString());
        const std::vector<TrialResult> engine = read_sweep_results(folder);
        QCOMPARE(engine.size(), std::size_t(3));
        const SweepResultsModel* model = view.resultsModel();
        QCOMPARE(model->rowCount(), 3);
        const std::string table = sweep_results_table(model->results(), folder.varied_names);
        QCOMPARE(table, sweep_results_table(engine, folder.varied_names));
        QFile csv(QString::fromStdString(folder.results_csv));
        QVERIFY(csv.open(QIODevice::ReadOnly));
        QCOMPARE(csv.readAll().toStdString(), table);
        for (int row = 0; row < 3; ++row) {
            const TrialResult& r = *model->trialRow(row).result;
            QCOMPARE(r.status, engine[std::size_t(row)].status);
            QCOMPARE(model->data(model->index(row, model->statusColumn()), Qt::DisplayRole).toString(),
                     QString::fromStdString(r.status).replace('_', '-'));
            QCOMPARE(model->data(model->index(row, model->validationLossColumn()), SweepResultsModel::sortRole).toDouble(),
                     engine[std::size_t(row)].validation_loss);
        }
        QVERIFY(!view.resubmitButton()->isEnabled());   // nothing unfinished
    }
};

LSTMLAB_TEST_MAIN(TestSweepSlurmCluster)

} // namespace tst_sweep_slurm_cluster
#include "tst_sweep_slurm_cluster.moc"
