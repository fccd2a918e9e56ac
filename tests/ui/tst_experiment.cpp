// Experiment files: a round trip keeps every setting; the checkpoint path is stored relative to the
// experiment's folder; bad files fail with one sentence naming the key path.
#include "engine/core/error.h"
#include "tests/support/test_support.h"
#include "ui/session/experiment.h"
#include "test_main.h"

#include <QtTest>

namespace tst_experiment {

using lstmlab::ui::Experiment;

class TestExperiment : public QObject {
    Q_OBJECT
private:
    static Experiment sample()
    {
        Experiment e;
        e.dataPath = QStringLiteral("/data/ohlcv.csv");
        e.dataSha256 = std::string(64, 'a');
        e.pipeline.features = {{"Close", lstmlab::Transform::LogReturn}, {"Volume", lstmlab::Transform::Diff}};
        e.pipeline.target = {"Close", lstmlab::Transform::LogReturn};
        e.pipeline.sequence_length = 30;
        e.pipeline.horizon = 3;
        e.pipeline.split = {0.6, 0.2, 0.2};
        e.pipeline.scaler = lstmlab::ScalerKind::MinMax;
        e.pipeline.missing = lstmlab::MissingPolicy::ForwardFill;
        e.spec = lstmlab::preset("attention", 2, 3);
        e.spec.dropout = 0.15;
        e.train.epochs = 7;
        e.train.batch_size = 48;
        e.train.adam.learning_rate = 3e-4;
        e.train.seed = 1234;
        return e;
    }

private slots:
    void roundTripKeepsEverySetting()
    {
        lstmlab::test::TempDir dir;
        const QString path = QString::fromStdString(dir.file("run.lstmlab.json"));
        Experiment e = sample();
        e.checkpointPath = QString::fromStdString(dir.file("run.safetensors"));
        lstmlab::ui::saveExperiment(path, e);
        const Experiment back = lstmlab::ui::loadExperiment(path);
        QCOMPARE(back.dataPath, e.dataPath);
        QCOMPARE(back.dataSha256, e.dataSha256);
        QVERIFY(back.pipeline.features == e.pipeline.features);
        QVERIFY(back.pipeline.target == e.pipeline.target);
        QCOMPARE(back.pipeline.sequence_length, 30);
        QCOMPARE(back.pipeline.horizon, 3);
        QCOMPARE(back.pipeline.split.validation, 0.2);
        QVERIFY(back.pipeline.scaler == lstmlab::ScalerKind::MinMax);
        QVERIFY(back.pipeline.missing == lstmlab::MissingPolicy::ForwardFill);
        QVERIFY(back.spec == e.spec);
        QCOMPARE(back.train.epochs, 7);
        QCOMPARE(back.train.batch_size, 48);
        QCOMPARE(back.train.adam.learning_rate, 3e-4);
        QCOMPARE(back.train.seed, std::uint64_t(1234));
        QCOMPARE(back.checkpointPath, e.checkpointPath);
        // Stored relative, so the folder can move.
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.readAll().contains("\"checkpoint\": \"run.safetensors\""));
    }

    void noCheckpointIsNull()
    {
        const std::string text = lstmlab::ui::experimentToJson(sample(), QStringLiteral("/tmp/e.json"));
        QVERIFY(text.find("\"checkpoint\": null") != std::string::npos);
        QVERIFY(lstmlab::ui::experimentFromJson(text, QStringLiteral("/tmp/e.json")).checkpointPath.isEmpty());
    }

    void badFiles_data()
    {
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("to");
        QTest::addColumn<QString>("message");
        QTest::newRow("wrong format") << "lstmlab-experiment" << "something-else" << "e.json.format";
        QTest::newRow("unknown key") << "\"version\"" << "\"colour\": 1, \"version\"" << "unknown key \"colour\"";
        QTest::newRow("bad transform") << "\"diff\"" << "\"cube\"" << "e.json.pipeline.features[1].transform";
        QTest::newRow("bad horizon type") << "\"horizon\": 3" << "\"horizon\": \"3\"" << "e.json.pipeline.horizon";
        QTest::newRow("bad dropout") << "\"dropout\": 0.15" << "\"dropout\": 1.5" << "dropout";
        QTest::newRow("trailing comma") << "\"checkpoint\": null" << "\"checkpoint\": null," << "e.json:";
    }
    void badFiles()
    {
        QFETCH(QString, from);
        QFETCH(QString, to);
        QFETCH(QString, message);
        std::string text = lstmlab::ui::experimentToJson(sample(), QStringLiteral("/tmp/e.json"));
        const auto at = text.find(from.toStdString());
        QVERIFY(at != std::string::npos);
        text.replace(at, std::size_t(from.size()), to.toStdString());
        try {
            lstmlab::ui::experimentFromJson(text, QStringLiteral("/tmp/e.json"));
            QFAIL("no error");
        } catch (const lstmlab::Error& e) {
            QVERIFY2(QString::fromUtf8(e.what()).contains(message), e.what());
        }
    }
};

LSTMLAB_TEST_APPLESS_MAIN(TestExperiment)

}  // namespace tst_experiment
#include "tst_experiment.moc"
