// The Sweep tab's Slurm backend without a cluster: the script shown before submitting is exactly the
// engine's slurm_script_text for the fields entered; an invalid field (time "abc") disables Submit with
// the engine's sentence worded for the window (no command-line flag in it); without sbatch the Slurm
// choice says in one sentence what is missing; a view opened on an existing trials folder (or its
// results CSV) shows its finished trials with the engine's results and the rest as not submitted.
#include "engine/core/error.h"
#include "engine/workflow/sweep_assembly.h"
#include "engine/workflow/sweep_folder.h"
#include "engine/workflow/sweep_trial_runner.h"
#include "tests/ui/slurm_sweep_test.h"
#include "ui/sweep/slurm_script_dialog.h"
#include "ui/sweep/slurm_sweep_controller.h"
#include "ui/sweep/sweep_results_model.h"
#include "test_main.h"

#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

namespace tst_sweep_slurm {

using namespace lstmlab;
using namespace lstmlab::ui;
using namespace lstmlab::test;

class TestSweepSlurm : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { useTestSettings(); }

    void scriptShownIsTheEngines()
    {
        QTemporaryDir temp(QDir::tempPath() + QStringLiteral("/lstmlab-slurm-XXXXXX"));
        SweepView view;
        setUpSweepView(view);
        view.slurmFields()->setHasSbatch(true);
        const SlurmOptions options = enterSlurmFields(*view.slurmFields(), temp.path(), QStringLiteral("debug"));
        QVERIFY2(view.runButton()->isEnabled(), qPrintable(view.runNote()->text()));
        QCOMPARE(view.runButton()->text(), QStringLiteral("Submit to Slurm…"));
        view.runButton()->click();
        SlurmScriptDialog* dialog = view.scriptDialog();
        QVERIFY(dialog);
        const QString trialsDir = dialog->trialsDir();
        QVERIFY2(trialsDir.startsWith(temp.path() + "/sweep-") && trialsDir.endsWith("/results.trials"), qPrintable(trialsDir));
        const std::string expected = slurm_script_text(options, LSTMLAB_CLI_PATH, trialsDir.toStdString(), 3);
        QCOMPARE(dialog->script().toStdString(), expected);
        QVERIFY(dialog->script().contains("#SBATCH --time=0:10:00\n#SBATCH --mem=500M\n#SBATCH --partition=debug\n"));
        QVERIFY(dialog->scriptView()->isReadOnly());
        QVERIFY(dialog->scriptView()->font().fixedPitch() || dialog->scriptView()->font().styleHint() == QFont::Monospace ||
                QFontInfo(dialog->scriptView()->font()).fixedPitch());
        // Cancel: nothing is written, nothing followed.
        dialog->reject();
        QTRY_VERIFY(!view.scriptDialog());
        QVERIFY(QDir(temp.path()).entryList(QDir::Dirs | QDir::NoDotAndDotDot).isEmpty());
        QVERIFY(!view.slurmController()->isAttached());
    }

    void invalidFieldDisablesSubmit()
    {
        QTemporaryDir temp(QDir::tempPath() + QStringLiteral("/lstmlab-slurm-XXXXXX"));
        SweepView view;
        setUpSweepView(view);
        view.slurmFields()->setHasSbatch(true);
        enterSlurmFields(*view.slurmFields(), temp.path());
        QVERIFY(view.runButton()->isEnabled());
        view.slurmFields()->timeEdit()->setText(QStringLiteral("abc"));
        QVERIFY(!view.runButton()->isEnabled());
        QString engine;
        try {
            check_slurm_time("abc");
        } catch (const Error& e) {
            engine = QString::fromUtf8(e.what());
        }
        QVERIFY(engine.startsWith("--slurm-time: "));
        const QString shown = view.runNote()->text();
        QCOMPARE(shown, "Time limit: " + engine.mid(QStringLiteral("--slurm-time: ").size()));
        QVERIFY(!shown.contains("--"));
        view.slurmFields()->timeEdit()->setText(QStringLiteral("1-12"));
        QVERIFY(view.runButton()->isEnabled());
        QVERIFY(view.runNote()->text().isEmpty());
        // A folder the script cannot carry, then an sbatch option that is none.
        view.slurmFields()->setFolder(temp.path() + "/my sweeps");
        QVERIFY(!view.runButton()->isEnabled());
        QVERIFY2(view.runNote()->text().startsWith("Sweeps folder: "), qPrintable(view.runNote()->text()));
        view.slurmFields()->setFolder(temp.path());
        view.slurmFields()->extraEdit()->setText(QStringLiteral("qos=short"));
        QVERIFY(!view.runButton()->isEnabled());
        QVERIFY2(view.runNote()->text().startsWith("More sbatch options: \"qos=short\" is not an sbatch option"),
                 qPrintable(view.runNote()->text()));
        // Back to Local: the Slurm fields no longer matter.
        view.slurmFields()->setBackend(SlurmFields::Backend::Local);
        QVERIFY(view.runButton()->isEnabled());
        QCOMPARE(view.runButton()->text(), QStringLiteral("Run sweep"));
    }

    void withoutSbatchSaysWhatIsMissing()
    {
        SweepView view;
        setUpSweepView(view);
        view.slurmFields()->setHasSbatch(false);
        view.slurmFields()->setBackend(SlurmFields::Backend::Slurm);
        QVERIFY(!view.runButton()->isEnabled());
        QCOMPARE(view.runNote()->text(), SlurmFields::noSbatchSentence());
        QVERIFY(view.runNote()->text().contains("sbatch is not on PATH"));
    }

    // A sweep expanded and partly run elsewhere (2 of its 3 trials), then opened in a new view.
    void reattachShowsFinishedTrials()
    {
        QTemporaryDir temp(QDir::tempPath() + QStringLiteral("/lstmlab-slurm-XXXXXX"));
        const std::string results = (temp.path() + "/r.csv").toStdString();
        const SweepPlan plan = expand_sweep(parse_sweep(tinyGrid().toStdString(), "grid"), co2Options(), 0);
        QCOMPARE(plan.trials.size(), std::size_t(3));
        const SweepFolder folder = write_sweep_folder(plan, co2Csv().toStdString(), results, default_trials_dir(results));
        run_folder_trial(folder, 1, "test", nullptr);
        run_folder_trial(folder, 3, "test", nullptr);
        const std::vector<TrialResult> engine = read_sweep_results(folder);
        QCOMPARE(engine.size(), std::size_t(2));

        for (const QString& opened : {temp.path() + "/r.csv", temp.path() + "/r.trials"}) {
            SweepView view;
            QSignalSpy followed(&view, &SweepView::slurmSweepFollowed);
            view.attachSlurmSweep(opened);
            QTRY_VERIFY_WITH_TIMEOUT(view.slurmSnapshot() != nullptr, 10000);
            QCOMPARE(followed.size(), 1);
            QCOMPARE(followed.at(0).at(0).toString().toStdString(), folder.trials_dir);
            const SweepResultsModel* model = view.resultsModel();
            QCOMPARE(model->rowCount(), 3);
            const std::vector<TrialResult> shown = model->results();
            QCOMPARE(sweep_results_table(shown, folder.varied_names), sweep_results_table(engine, folder.varied_names));
            const int status = model->statusColumn();
            QCOMPARE(model->data(model->index(0, status), Qt::DisplayRole).toString(), QStringLiteral("finished"));
            QCOMPARE(model->data(model->index(1, status), Qt::DisplayRole).toString(), QStringLiteral("not-submitted"));
            QCOMPARE(model->data(model->index(1, model->validationLossColumn()), Qt::DisplayRole).toString(), QString());
            QVERIFY2(view.slurmProgressLabel()->text().startsWith("3 trials: 2 finished, 0 running, 0 pending, 0 failed, 1 not submitted"),
                     qPrintable(view.slurmProgressLabel()->text()));
        }
        // Not a sweep: one sentence naming the path, nothing followed.
        SweepView view;
        view.attachSlurmSweep(temp.path() + "/nothing.csv");
        QVERIFY2(view.runNote()->text().contains("nothing.csv: neither a sweep's trials folder"), qPrintable(view.runNote()->text()));
        QVERIFY(!view.slurmController()->isAttached());
    }
};

LSTMLAB_TEST_MAIN(TestSweepSlurm)

} // namespace tst_sweep_slurm
#include "tst_sweep_slurm.moc"
