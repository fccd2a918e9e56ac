// A series that is not a positive price in the real window: monthly counts with zeros load, train and
// reach the Results tab with every figure that applies, "n/a" and its reason where one does not
// (the backtest, MAPE), and no error dialog. Choosing a transform that needs positive values shows
// the reason beside the Transform choice and blocks Train before any training starts.
#include "tests/ui/gui_test_support.h"
#include "ui/controller/training_controller.h"
#include "ui/data/column_roles_table.h"
#include "ui/data/data_view.h"
#include "ui/main_window.h"
#include "ui/results/metrics_table.h"
#include "ui/results/results_view.h"
#include "ui/train/hyperparameter_form.h"
#include "ui/train/train_view.h"
#include "test_main.h"

#include <QComboBox>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QtTest>

namespace tst_nonprice {

using namespace lstmlab;
using namespace lstmlab::ui;

namespace {

QString counts() { return QString::fromStdString(test::source_path("tests/data/nonprice/counts_monthly.csv")); }

// The row of `name` in the column roles table, or -1.
int rowOf(QTableWidget* table, const QString& name)
{
    for (int r = 0; r < table->rowCount(); ++r)
        if (table->item(r, 0) && table->item(r, 0)->text() == name)
            return r;
    return -1;
}

} // namespace

class TestNonPrice : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { test::useTestSettings(); }

    void countsWithZerosReachTheResults()
    {
        MainWindow w;
        w.show();
        w.openDataFile(counts());
        QVERIFY(QTest::qWaitFor([&] { return w.dataView()->loadedData() && !w.dataView()->isLoading(); }, 60000));
        // The default transform of a series that reaches 0 is diff, which applies: no note, Train open.
        QVERIFY(w.dataView()->transformProblems().isEmpty());
        QVERIFY(w.dataView()->transformNote()->isHidden());
        QVERIFY(w.dataView()->configProblem().isEmpty());

        w.trainView()->form()->epochsBox()->setValue(2);
        QSignalSpy finished(w.controller(), &TrainingController::runFinished);
        QSignalSpy failed(w.controller(), &TrainingController::failed);
        QTest::mouseClick(w.trainView()->trainButton(), Qt::LeftButton);
        QVERIFY(finished.wait(300000));
        QVERIFY(QTest::qWaitFor([&] { return !w.controller()->isBusy(); }, 10000));
        QCOMPARE(failed.count(), 0);

        const ResultsSnapshotPtr results = w.resultsView()->results();
        QVERIFY(results);
        const EvaluationReport& report = results->evaluation;
        QVERIFY(report.test && report.validation);
        QVERIFY(!report.backtest);
        QVERIFY(!report.positive_price);
        QVERIFY(std::isfinite(report.test->model.average.rmse));
        QVERIFY(std::isfinite(report.test->model.average.mase));
        QCOMPARE(report.test->season, std::size_t(12));   // monthly calendar
        QVERIFY(results->test.predicted.allFinite());

        lstmlab::ui::MetricsTable* table = w.resultsView()->metricsTable();
        const QString notes = table->notes()->text();
        QVERIFY2(notes.contains("n/a: backtest: the target is not a positive price series (min 0 at line "), qPrintable(notes));
        QVERIFY2(notes.contains("n/a: MAPE: "), qPrintable(notes));
        // Model (test) column: RMSE is a number, MAPE reads n/a with its reason as the tooltip.
        QTableWidget* metrics = table->metrics();
        const int modelTest = 4;
        bool numeric = false;
        metrics->item(0, modelTest)->text().toDouble(&numeric);
        QVERIFY(numeric);
        int mapeRow = -1;
        for (int r = 0; r < metrics->rowCount(); ++r)
            if (metrics->verticalHeaderItem(r)->text() == "MAPE %")
                mapeRow = r;
        QVERIFY(mapeRow >= 0);
        QCOMPARE(metrics->item(mapeRow, modelTest)->text(), QString("n/a"));
        QVERIFY(metrics->item(mapeRow, modelTest)->toolTip().contains("actual values are 0"));
        // Seasonal naive (test) has figures on monthly data.
        metrics->item(0, modelTest + 2)->text().toDouble(&numeric);
        QVERIFY(numeric);
    }

    void positiveOnlyTransformIsExplainedBeforeTraining()
    {
        MainWindow w;
        w.show();
        w.openDataFile(counts());
        QVERIFY(QTest::qWaitFor([&] { return w.dataView()->loadedData() && !w.dataView()->isLoading(); }, 60000));
        auto* roles = w.dataView()->findChild<ColumnRolesTable*>();
        QVERIFY(roles);
        const int row = rowOf(roles, "Count");
        QVERIFY(row >= 0);
        auto* transform = qobject_cast<QComboBox*>(roles->cellWidget(row, 4));
        QVERIFY(transform);
        transform->setCurrentText("logreturn");
        QLabel* note = w.dataView()->transformNote();
        QVERIFY(!note->isHidden());
        QVERIFY2(note->text().contains(": the logreturn transform needs positive values (a price), and this one is 0; "
                                       "for a series that reaches 0 or below use the level or diff transform."),
                 qPrintable(note->text()));
        QVERIFY(note->text().contains("(column \"Count\")"));
        QCOMPARE(w.dataView()->configProblem(), note->text().split('\n').first());
        QVERIFY(!w.trainView()->trainButton()->isEnabled());
        transform->setCurrentText("level");
        QVERIFY(note->isHidden());
        QVERIFY(w.dataView()->configProblem().isEmpty());
    }
};

LSTMLAB_TEST_MAIN(TestNonPrice)

}  // namespace tst_nonprice
#include "tst_nonprice.moc"
