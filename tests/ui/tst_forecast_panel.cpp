// The Results step's Forecast panel against the engine and the CLI, on a checkpoint of the bundled
// price sample (horizon 5, log returns) opened with its data: the table holds forecast_future's
// numbers to the printed precision and the calendar's dates after Friday 2006-12-29; the chart's
// last observed point is the data's last row and its bands nest (95 % outside 80 % outside the
// forecast); "Export forecast CSV" writes the same bytes as `lstmlab-cli forecast --out`; the
// metrics show the intervals' test coverage, and a coverage far below its level says so.
#include "engine/core/number_text.h"
#include "engine/io/checkpoint.h"
#include "engine/train/evaluation.h"
#include "engine/train/future_forecast.h"
#include "engine/workflow/checkpoint_data.h"
#include "tests/support/test_files.h"
#include "tests/ui/gui_test_support.h"
#include "ui/common/chart_support.h"
#include "ui/controller/training_controller.h"
#include "ui/controller/workbench_state.h"
#include "ui/data/data_view.h"
#include "ui/main_window.h"
#include "ui/results/forecast_chart.h"
#include "ui/results/forecast_panel.h"
#include "ui/results/metrics_table.h"
#include "ui/results/results_view.h"
#include "ui/train/hyperparameter_form.h"
#include "ui/train/train_view.h"
#include "ui/model/model_view.h"
#include "test_main.h"

#include <QAreaSeries>
#include <QChart>
#include <QDateTimeAxis>
#include <QLabel>
#include <QLineSeries>
#include <QProcess>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QtTest>

#include <filesystem>

namespace tst_forecast_panel {

using namespace lstmlab;
using namespace lstmlab::ui;

class TestForecastPanel : public QObject {
    Q_OBJECT

    test::TempDir m_dir;
    QString m_data;
    QString m_checkpoint;

    static QList<QStringList> csvRows(const std::string& bytes)
    {
        QList<QStringList> rows;
        for (const QString& line : QString::fromStdString(bytes).split(QLatin1Char('\n'), Qt::SkipEmptyParts))
            rows << line.split(QLatin1Char(','));
        return rows;
    }

    // The engine's own answer for the same checkpoint and data.
    struct Reference {
        CheckpointData prepared;
        FutureForecast future;
        EvaluationReport evaluation;
    };
    Reference reference() const
    {
        const Checkpoint checkpoint = load_checkpoint(m_checkpoint.toStdString());
        Reference r{prepare_checkpoint_data(m_data.toStdString(), checkpoint), {}, {}};
        const auto model = make_model(checkpoint);
        r.future = forecast_future(*model, r.prepared.data, {0.8, 0.95},
                                   checkpoint.calibration ? &*checkpoint.calibration : nullptr);
        r.evaluation = evaluate_model(*model, r.prepared.data);
        return r;
    }

    // Opens the checkpoint with its data, as File › Open checkpoint does.
    static bool openModel(MainWindow& w, const QString& checkpoint)
    {
        QSignalSpy finished(w.controller(), &TrainingController::runFinished);
        w.openCheckpoint(checkpoint);
        return finished.wait(120000)
            && QTest::qWaitFor([&] { return w.dataView()->loadedData() && !w.dataView()->isLoading(); }, 60000)
            && QTest::qWaitFor([&] { return !w.controller()->isBusy(); }, 10000);
    }

private slots:
    void initTestCase()
    {
        test::useTestSettings();
        m_data = QString::fromStdString(m_dir.file("data.csv"));
        m_checkpoint = QString::fromStdString(m_dir.file("m.safetensors"));
        std::filesystem::copy_file(test::sampleCsv().toStdString(), m_data.toStdString());
        QProcess cli;
        cli.start(QStringLiteral(LSTMLAB_CLI_PATH),
                  {"train", "--data", m_data, "--target", "Close", "--target-transform", "logreturn", "--hidden", "4",
                   "--seq-len", "10", "--horizon", "5", "--epochs", "1", "--quiet", "--out", m_checkpoint});
        QVERIFY(cli.waitForFinished(300000) && cli.exitCode() == 0);
        cli.start(QStringLiteral(LSTMLAB_CLI_PATH), {"forecast", "--checkpoint", m_checkpoint, "--data", m_data, "--out",
                                                     QString::fromStdString(m_dir.file("cli.csv"))});
        QVERIFY(cli.waitForFinished(300000) && cli.exitCode() == 0);
    }

    void tableEqualsTheEngine()
    {
        MainWindow w;
        QVERIFY(openModel(w, m_checkpoint));
        const Reference r = reference();
        ForecastPanel* panel = w.resultsView()->forecastPanel();
        QTableWidget* table = panel->table();
        QCOMPARE(table->rowCount(), 5);
        QCOMPARE(table->columnCount(), 6);
        QCOMPARE(table->horizontalHeaderItem(0)->text(), QStringLiteral("Date"));
        QCOMPARE(table->horizontalHeaderItem(5)->text(), QStringLiteral("upper 95 %"));
        const auto text = [](double value) { return QString::fromStdString(significant(value)); };
        for (int h = 0; h < 5; ++h) {
            QCOMPARE(table->item(h, 0)->text(), QString::fromStdString(r.future.times.labels[std::size_t(h)]));
            QCOMPARE(table->item(h, 1)->text(), text(r.future.predicted[std::size_t(h)]));
            for (int l = 0; l < 2; ++l) {
                QCOMPARE(table->item(h, 2 + 2 * l)->text(), text(r.future.intervals[std::size_t(l)].lower(h, 0)));
                QCOMPARE(table->item(h, 3 + 2 * l)->text(), text(r.future.intervals[std::size_t(l)].upper(h, 0)));
            }
        }
        // After Friday 2006-12-29 the sample's calendar skips the weekend and 1 January.
        QCOMPARE(table->item(0, 0)->text(), QStringLiteral("2007-01-02"));
        QCOMPARE(table->item(4, 0)->text(), QStringLiteral("2007-01-08"));
        QCOMPARE(panel->calendarLabel()->text(), QStringLiteral("Calendar: ") + QString::fromStdString(r.future.times.evidence));
        QVERIFY(panel->calendarLabel()->text().contains(QStringLiteral("1 January is skipped")));
        QVERIFY(panel->heading()->text().contains(QStringLiteral("after 2006-12-29")));
        // The CLI stored the calibration with the weights; the panel's bands are that one's.
        QVERIFY(panel->intervalLabel()->text().contains(QStringLiteral("stored in the checkpoint")));
    }

    void chartEndsAtTheLastRowAndBandsNest()
    {
        MainWindow w;
        QVERIFY(openModel(w, m_checkpoint));
        const Reference r = reference();
        ForecastPanel* panel = w.resultsView()->forecastPanel();
        ForecastChart* chart = panel->chart();
        // Default: max(30, 6 H) observed rows; adjustable.
        QCOMPARE(panel->observedCount(), 30);
        QCOMPARE(chart->observedSeries()->count(), 30);
        const std::size_t n = r.prepared.data.rows();
        const QPointF last = chart->observedSeries()->points().back();
        QCOMPARE(last.y(), r.prepared.data.target_level[n - 1]);
        QCOMPARE(last.x(), rowX(r.prepared.frame, n - 1));
        QCOMPARE(QDateTime::fromMSecsSinceEpoch(qint64(last.x()), Qt::UTC).date(), QDate(2006, 12, 29));
        panel->setObservedCount(120);
        QCOMPARE(chart->observedSeries()->count(), 120);
        QCOMPARE(chart->observedSeries()->points().back(), last);
        // Six months of trading days: the date axis labels days, not months.
        auto* axis = qobject_cast<QDateTimeAxis*>(chart->chart()->axes(Qt::Horizontal).value(0));
        QVERIFY(axis);
        QCOMPARE(axis->format(), QStringLiteral("yyyy-MM-dd"));

        // The fan starts at the last observed value; then, step by step,
        // lower 95 <= lower 80 < forecast < upper 80 <= upper 95, the same numbers as the engine.
        QLineSeries* forecast = chart->forecastSeries();
        QAreaSeries* band80 = chart->band(0);
        QAreaSeries* band95 = chart->band(1);
        QVERIFY(forecast && band80 && band95);
        QCOMPARE(forecast->count(), 6);
        QCOMPARE(forecast->at(0), last);
        QCOMPARE(band95->upperSeries()->at(0), last);
        int strictly = 0;
        for (int h = 1; h <= 5; ++h) {
            const double p = forecast->at(h).y();
            const double lo80 = band80->lowerSeries()->at(h).y(), hi80 = band80->upperSeries()->at(h).y();
            const double lo95 = band95->lowerSeries()->at(h).y(), hi95 = band95->upperSeries()->at(h).y();
            QCOMPARE(p, r.future.predicted[std::size_t(h - 1)]);
            QCOMPARE(hi95, r.future.intervals[1].upper(h - 1, 0));
            QVERIFY2(lo95 <= lo80 && lo80 < p && p < hi80 && hi80 <= hi95, qPrintable(QStringLiteral("step %1").arg(h)));
            strictly += lo95 < lo80 && hi80 < hi95;
            QCOMPARE(forecast->at(h).x(), band95->lowerSeries()->at(h).x());
            QVERIFY(forecast->at(h).x() > forecast->at(h - 1).x());
        }
        QCOMPARE(strictly, 5);   // 95 % is wider than 80 % at every step
        QCOMPARE(QDateTime::fromMSecsSinceEpoch(qint64(forecast->at(1).x()), Qt::UTC).date(), QDate(2007, 1, 2));
    }

    void exportEqualsTheCli()
    {
        MainWindow w;
        // Before a model: the action is off and refuses with the reason; nothing is written.
        const QString path = QString::fromStdString(m_dir.file("gui.csv"));
        QVERIFY(!w.exportForecastAction()->isEnabled());
        QSignalSpy errors(&w, &MainWindow::errorShown);
        w.exportForecast(path);
        QCOMPARE(errors.count(), 1);
        QVERIFY(errors.first().first().toString().startsWith(QStringLiteral("No forecast was saved. There is no model yet")));
        QVERIFY(!QFileInfo::exists(path));

        QVERIFY(openModel(w, m_checkpoint));
        QVERIFY(w.exportForecastAction()->isEnabled());
        QVERIFY(w.resultsView()->forecastPanel()->exportButton()->isEnabled());
        w.exportForecast(path);
        QCOMPARE(errors.count(), 1);
        const std::string gui = test::read_file_bytes(path.toStdString());
        const std::string cli = test::read_file_bytes(m_dir.file("cli.csv"));
        QVERIFY(!cli.empty());
        QCOMPARE(gui, cli);
        // It parses: the documented header, five steps, every number the engine's exactly.
        const QList<QStringList> rows = csvRows(gui);
        QCOMPARE(rows.size(), 6);
        QCOMPARE(rows[0], QStringList({"step", "Date", "predicted", "lower_80", "upper_80", "lower_95", "upper_95"}));
        const Reference r = reference();
        for (int h = 0; h < 5; ++h) {
            const QStringList& row = rows[h + 1];
            QCOMPARE(row[0].toInt(), h + 1);
            QCOMPARE(row[1], QString::fromStdString(r.future.times.labels[std::size_t(h)]));
            QCOMPARE(row[2].toDouble(), r.future.predicted[std::size_t(h)]);
            QCOMPARE(row[5].toDouble(), r.future.intervals[1].lower(h, 0));
            QCOMPARE(row[6].toDouble(), r.future.intervals[1].upper(h, 0));
        }
        // Refused onto the data file; that file is unchanged.
        const std::string before = test::read_file_bytes(m_data.toStdString());
        w.exportForecast(m_data);
        QCOMPARE(errors.count(), 2);
        QVERIFY(errors.last().first().toString().contains(QStringLiteral("is the data file open in the workbench")));
        QCOMPARE(test::read_file_bytes(m_data.toStdString()), before);
    }

    void aTrainedModelsCheckpointCarriesItsCalibration()
    {
        // Train in the window (the sample, LSTM 4, 1 epoch, H = 3), export the checkpoint: it stores
        // the split-conformal calibration of its weights, and the CLI's forecast of it is the
        // window's, byte for byte.
        MainWindow w;
        w.openDataFile(m_data);
        QVERIFY(QTest::qWaitFor([&] { return w.dataView()->loadedData() && !w.dataView()->isLoading(); }, 60000));
        PipelineConfig pipeline = w.dataView()->pipelineConfig();
        pipeline.horizon = 3;
        w.dataView()->setPipelineConfig(pipeline);
        ModelSpec spec = w.modelView()->spec();
        spec.hidden = {4};
        w.modelView()->setSpec(spec);
        w.trainView()->form()->epochsBox()->setValue(1);
        QSignalSpy finished(w.controller(), &TrainingController::runFinished);
        w.startTraining();
        QVERIFY(finished.wait(300000));
        QVERIFY(QTest::qWaitFor([&] { return !w.controller()->isBusy(); }, 10000));
        const QString checkpoint = QString::fromStdString(m_dir.file("gui.safetensors"));
        QSignalSpy saved(w.controller(), &TrainingController::checkpointSaved);
        w.exportCheckpoint(checkpoint);
        QVERIFY(saved.wait(60000));
        const Checkpoint stored = load_checkpoint(checkpoint.toStdString());
        QVERIFY(stored.calibration.has_value());
        const ResultsSnapshotPtr results = w.state()->results();
        QVERIFY(results->evaluation.intervals.has_value());
        QCOMPARE(stored.calibration->levels, results->evaluation.intervals->levels);
        QVERIFY(stored.calibration->half_widths == results->evaluation.intervals->half_widths);

        const QString gui = QString::fromStdString(m_dir.file("gui-forecast.csv"));
        w.exportForecast(gui);
        QProcess cli;
        const QString fromCli = QString::fromStdString(m_dir.file("cli-forecast.csv"));
        cli.start(QStringLiteral(LSTMLAB_CLI_PATH), {"forecast", "--checkpoint", checkpoint, "--data", m_data, "--out", fromCli});
        QVERIFY(cli.waitForFinished(300000) && cli.exitCode() == 0);
        QVERIFY(QString::fromUtf8(cli.readAllStandardOutput()).contains(QStringLiteral("stored in the checkpoint")));
        QCOMPARE(test::read_file_bytes(gui.toStdString()), test::read_file_bytes(fromCli.toStdString()));
        QCOMPARE(csvRows(test::read_file_bytes(gui.toStdString())).size(), 4);
    }

    void metricsShowTheTestCoverage()
    {
        MainWindow w;
        QVERIFY(openModel(w, m_checkpoint));
        const Reference r = reference();
        QCOMPARE(r.evaluation.test_coverage.size(), std::size_t(2));
        const QString text = w.resultsView()->metricsTable()->intervals()->text();
        for (std::size_t l = 0; l < 2; ++l) {
            const QString expected = QStringLiteral("%1 % covers %2 % of test values")
                                         .arg(l == 0 ? 80 : 95)
                                         .arg(QString::fromStdString(significant(100.0 * r.evaluation.test_coverage[l], 3)));
            QVERIFY2(text.contains(expected), qPrintable(text + " lacks " + expected));
        }
    }

    void sharpeFromTheCalendar()
    {
        // Business days: 252 periods a year, from the calendar as `lstmlab-cli evaluate` says it.
        MainWindow w;
        QVERIFY(openModel(w, m_checkpoint));
        const EvaluationReport& report = w.resultsView()->results()->evaluation;
        QCOMPARE(report.backtest_config.periods_per_year, 252.0);
        QCOMPARE(report.periods_per_year_source, std::string("the business daily calendar"));
    }

    void aShortCoverageSaysSo()
    {
        // A 95 % interval that covers 70 % of the test values.
        EvaluationReport report;
        ConformalCalibration calibration;
        calibration.levels = {0.8, 0.95};
        calibration.half_widths = Eigen::MatrixXd::Constant(2, 1, 0.01);
        calibration.windows = 200;
        report.intervals = calibration;
        report.test_coverage = {0.78, 0.70};
        ui::MetricsTable table;
        table.setReport(report);
        const QString text = table.intervals()->text();
        QVERIFY2(text.contains(QStringLiteral("95 % covers 70 % of test values (BELOW its level")), qPrintable(text));
        QVERIFY(!text.contains(QStringLiteral("78 % of test values (BELOW")));
        QVERIFY(table.intervals()->styleSheet().contains(QStringLiteral("#b03000")));
        report.test_coverage = {0.79, 0.94};
        table.setReport(report);
        QVERIFY(!table.intervals()->text().contains(QStringLiteral("BELOW")));
        QVERIFY(table.intervals()->styleSheet().isEmpty());
    }
};

LSTMLAB_TEST_MAIN(TestForecastPanel)

}  // namespace tst_forecast_panel
#include "tst_forecast_panel.moc"
