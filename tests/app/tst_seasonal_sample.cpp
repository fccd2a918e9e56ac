// The bundled seasonal sample (resources/data/co2.csv) with the run it opens with
// (engine/workflow/sample_options.cpp), trained by the CLI for its fixed budget (60 epochs, seed 42,
// one thread): the attention looks about one season back -- its mean weight over lags 11-13 on the
// test windows is at least twice the uniform weight 1/T -- and the model beats both naive forecasts
// on test RMSE: persistence (the last month) and seasonal naive (the same month a year earlier).
#include "cli_runner.h"
#include "engine/workflow/sample_options.h"
#include "test_support.h"
#include "test_main.h"

#include <QDate>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include <cmath>

namespace tst_seasonal_sample {

using lstmlab::test::read_csv;
using lstmlab::test::run_cli;
using lstmlab::test::TempDir;

class TestSeasonalSample : public QObject {
    Q_OBJECT
private slots:
    void attentionLooksOneSeasonBackAndBeatsTheBaselines()
    {
        TempDir dir;
        const QString cwd = QString::fromStdString(dir.path());
        const QString data = QString::fromStdString(lstmlab::test::source_path("resources/data/co2.csv"));
        QStringList train{"train", "--data", data, "--out", "m.safetensors", "--threads", "1", "--seed", "42", "--quiet"};
        for (const auto& [name, value] : lstmlab::seasonal_sample_options()) {
            train << QString::fromStdString("--" + name);
            if (!value.empty())
                train << QString::fromStdString(value);
        }
        auto run = run_cli(train, cwd);
        QVERIFY2(run.exit_code == 0, qPrintable(run.err));

        run = run_cli({"evaluate", "--checkpoint", "m.safetensors", "--data", data, "--json"}, cwd);
        QVERIFY2(run.exit_code == 0, qPrintable(run.err));
        const QJsonObject metrics = QJsonDocument::fromJson(run.out.toUtf8()).object()["test"].toObject()["metrics"].toObject();
        const double model_rmse = metrics["model"].toObject()["average"].toObject()["rmse"].toDouble();
        const double persistence_rmse = metrics["persistence"].toObject()["average"].toObject()["rmse"].toDouble();

        run = run_cli({"predict", "--checkpoint", "m.safetensors", "--data", data, "--out", "p.csv", "--attention", "a.csv"}, cwd);
        QVERIFY2(run.exit_code == 0, qPrintable(run.err));
        const auto predictions = read_csv(cwd + "/p.csv");
        const auto attention = read_csv(cwd + "/a.csv");
        QCOMPARE(predictions[0], (QStringList{"Date", "split", "actual", "predicted"}));
        const int T = int(attention[0].size()) - 2;
        QCOMPARE(T, 13);

        // Seasonal naive: the actual value of the month a year before (the window 12 rows earlier, its
        // date checked), on the test windows; the model's RMSE from the same rows equals evaluate's.
        double naive_squares = 0, model_squares = 0;
        int windows = 0;
        std::vector<double> lag_sums(std::size_t(T), 0.0);
        for (int r = 1; r < predictions.size(); ++r) {
            if (predictions[r][1] != "test")
                continue;
            QVERIFY(r - 12 >= 1);
            const QDate date = QDate::fromString(predictions[r][0], Qt::ISODate);
            QCOMPARE(QDate::fromString(predictions[r - 12][0], Qt::ISODate), date.addYears(-1));
            const double actual = predictions[r][2].toDouble();
            naive_squares += std::pow(actual - predictions[r - 12][2].toDouble(), 2);
            model_squares += std::pow(actual - predictions[r][3].toDouble(), 2);
            QCOMPARE(attention[r][0], predictions[r][0]);
            for (int k = 0; k < T; ++k)   // columns lag_{T-1} ... lag_0
                lag_sums[std::size_t(T - 1 - k)] += attention[r][2 + k].toDouble();
            ++windows;
        }
        QVERIFY(windows > 50);
        const double naive_rmse = std::sqrt(naive_squares / windows);
        QVERIFY(std::abs(std::sqrt(model_squares / windows) - model_rmse) < 1e-3 * model_rmse);
        qInfo("test RMSE: model %.4f, persistence %.4f, seasonal naive %.4f (%d windows)", model_rmse,
              persistence_rmse, naive_rmse, windows);
        QVERIFY2(model_rmse < persistence_rmse, "the model does not beat persistence");
        QVERIFY2(model_rmse < naive_rmse, "the model does not beat the seasonal naive forecast");

        QString weights;
        for (int lag = T - 1; lag >= 0; --lag)
            weights += QStringLiteral(" %1:%2").arg(lag).arg(lag_sums[std::size_t(lag)] / windows, 0, 'f', 3);
        const double season = (lag_sums[11] + lag_sums[12]) / 2 / windows;   // lags 11-13 within T = 13
        const double uniform = 1.0 / T;
        qInfo("mean attention by lag:%s; lags 11-13 %.4f = %.2f x uniform", qPrintable(weights), season, season / uniform);
        QVERIFY2(season > 2.0 * uniform, qPrintable(weights));
    }
};

LSTMLAB_TEST_GUILESS_MAIN(TestSeasonalSample)

}  // namespace tst_seasonal_sample
#include "tst_seasonal_sample.moc"
