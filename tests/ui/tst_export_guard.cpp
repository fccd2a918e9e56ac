// The workbench never saves over what it reads: exporting predictions or a checkpoint, or saving an
// experiment, onto the open data file or the checkpoint the model was opened from (however the path
// is spelled: the same, "./", a symlink) shows one sentence and leaves the file as it was.
#include "tests/support/test_files.h"
#include "tests/ui/gui_test_support.h"
#include "ui/controller/training_controller.h"
#include "ui/data/data_view.h"
#include "ui/main_window.h"
#include "test_main.h"

#include <QProcess>
#include <QtTest>

#include <filesystem>
#include <fstream>
#include <sstream>

namespace tst_export_guard {

using namespace lstmlab;
using namespace lstmlab::ui;

class TestExportGuard : public QObject {
    Q_OBJECT

    test::TempDir m_dir;

    static bool waitLoaded(MainWindow& w)
    {
        return QTest::qWaitFor([&] { return w.dataView()->loadedData() && !w.dataView()->isLoading(); }, 60000);
    }

    // Calls `save` with `path` and returns the sentence shown (empty if none came).
    static QString refusal(MainWindow& w, const std::function<void()>& save)
    {
        QSignalSpy shown(&w, &MainWindow::errorShown);
        save();
        return shown.isEmpty() ? QString() : shown.first().first().toString();
    }

private slots:
    void initTestCase()
    {
        test::useTestSettings();
        std::filesystem::copy_file(test::sampleCsv().toStdString(), m_dir.file("data.csv"));
        std::filesystem::create_symlink(m_dir.file("data.csv"), m_dir.file("alias.csv"));
        QProcess cli;
        cli.start(QStringLiteral(LSTMLAB_CLI_PATH),
                  {"train", "--data", QString::fromStdString(m_dir.file("data.csv")), "--target", "Close", "--hidden", "4",
                   "--epochs", "1", "--quiet", "--out", QString::fromStdString(m_dir.file("m.safetensors"))});
        QVERIFY(cli.waitForFinished(300000) && cli.exitCode() == 0);
    }

    void refusesTheOpenDataFile_data()
    {
        QTest::addColumn<QString>("spelling");
        QTest::newRow("same") << QString::fromStdString(m_dir.file("data.csv"));
        QTest::newRow("./") << QString::fromStdString(m_dir.path() + "/./data.csv");
        QTest::newRow("symlink") << QString::fromStdString(m_dir.file("alias.csv"));
    }
    void refusesTheOpenDataFile()
    {
        QFETCH(QString, spelling);
        // A model of this very file, so that every export is otherwise allowed (without one, the
        // workbench refuses for that reason first).
        MainWindow w;
        QSignalSpy opened(w.controller(), &TrainingController::runFinished);
        w.openCheckpoint(QString::fromStdString(m_dir.file("m.safetensors")));
        QVERIFY(opened.wait(60000));
        QVERIFY(waitLoaded(w));
        QVERIFY(QTest::qWaitFor([&] { return !w.controller()->isBusy(); }, 10000));
        const std::string before = test::read_file_bytes(m_dir.file("data.csv"));
        const QString expected = spelling + " is the data file open in the workbench; saving there would overwrite it, so "
                                            "choose another file.";
        QCOMPARE(refusal(w, [&] { w.exportPredictions(spelling); }), expected);
        QCOMPARE(refusal(w, [&] { w.exportCheckpoint(spelling); }), expected);
        QCOMPARE(refusal(w, [&] { w.saveExperiment(spelling); }), expected);
        QCOMPARE(test::read_file_bytes(m_dir.file("data.csv")), before);
    }

    void refusesTheCheckpointItOpened()
    {
        MainWindow w;
        QSignalSpy opened(w.controller(), &TrainingController::runFinished);
        const QString checkpoint = QString::fromStdString(m_dir.file("m.safetensors"));
        w.openCheckpoint(checkpoint);
        QVERIFY(opened.wait(60000));
        QVERIFY(waitLoaded(w));
        QVERIFY(QTest::qWaitFor([&] { return !w.controller()->isBusy(); }, 10000));
        const std::string before = test::read_file_bytes(m_dir.file("m.safetensors"));
        const QString spelled = QString::fromStdString(m_dir.path() + "/./m.safetensors");
        const QString expected = spelled + " is the checkpoint the workbench opened its model from; saving there would "
                                           "overwrite it, so choose another file.";
        QCOMPARE(refusal(w, [&] { w.exportCheckpoint(spelled); }), expected);
        QCOMPARE(refusal(w, [&] { w.exportPredictions(spelled); }), expected);
        // An experiment "m.json" would put its checkpoint into m.safetensors.
        const QString experiment = QString::fromStdString(m_dir.file("m.json"));
        QCOMPARE(refusal(w, [&] { w.saveExperiment(experiment); }),
                 checkpoint + " is the checkpoint the workbench opened its model from; saving there would overwrite it, so "
                              "choose another file.");
        QVERIFY(!std::filesystem::exists(m_dir.file("m.json")));
        QCOMPARE(test::read_file_bytes(m_dir.file("m.safetensors")), before);

        // Another file is fine.
        QSignalSpy saved(w.controller(), &TrainingController::checkpointSaved);
        QCOMPARE(refusal(w, [&] { w.exportCheckpoint(QString::fromStdString(m_dir.file("copy.safetensors"))); }), QString());
        QVERIFY(saved.wait(60000));
        QVERIFY(std::filesystem::exists(m_dir.file("copy.safetensors")));
    }
};

LSTMLAB_TEST_MAIN(TestExportGuard)

}  // namespace tst_export_guard
#include "tst_export_guard.moc"
