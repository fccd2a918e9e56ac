// Hyperparameter hints: the tutorial's ranges (tutorial-03, hyperparameter guide) decide Ok and
// Unusual (amber); the engine's own limits (ModelSpec::validate, TrainConfig::validate) decide Invalid.
#include "ui/common/hints.h"
#include "test_main.h"

#include <QtTest>

using lstmlab::ui::HintLevel;
using lstmlab::ui::Setting;

Q_DECLARE_METATYPE(Setting)
Q_DECLARE_METATYPE(HintLevel)

namespace tst_hints {

class TestHints : public QObject {
    Q_OBJECT
private slots:
    void levels_data()
    {
        QTest::addColumn<Setting>("setting");
        QTest::addColumn<double>("value");
        QTest::addColumn<int>("layers");
        QTest::addColumn<HintLevel>("level");
        QTest::newRow("hidden 64") << Setting::HiddenSize << 64.0 << 2 << HintLevel::Ok;
        QTest::newRow("hidden 32 (edge)") << Setting::HiddenSize << 32.0 << 2 << HintLevel::Ok;
        QTest::newRow("hidden 8") << Setting::HiddenSize << 8.0 << 2 << HintLevel::Unusual;
        QTest::newRow("hidden 1024") << Setting::HiddenSize << 1024.0 << 2 << HintLevel::Unusual;
        QTest::newRow("hidden 5000") << Setting::HiddenSize << 5000.0 << 2 << HintLevel::Invalid;
        QTest::newRow("layers 4") << Setting::Layers << 4.0 << 4 << HintLevel::Ok;
        QTest::newRow("layers 6") << Setting::Layers << 6.0 << 6 << HintLevel::Unusual;
        QTest::newRow("layers 9") << Setting::Layers << 9.0 << 9 << HintLevel::Invalid;
        QTest::newRow("dropout 0.2") << Setting::Dropout << 0.2 << 2 << HintLevel::Ok;
        QTest::newRow("dropout 0.7") << Setting::Dropout << 0.7 << 2 << HintLevel::Unusual;
        QTest::newRow("dropout 1") << Setting::Dropout << 1.0 << 2 << HintLevel::Invalid;
        QTest::newRow("dropout one layer") << Setting::Dropout << 0.2 << 1 << HintLevel::Invalid;
        QTest::newRow("no dropout one layer") << Setting::Dropout << 0.0 << 1 << HintLevel::Ok;
        QTest::newRow("lr 1e-3 (edge)") << Setting::LearningRate << 0.001 << 2 << HintLevel::Ok;
        QTest::newRow("lr 1e-4 (edge)") << Setting::LearningRate << 0.0001 << 2 << HintLevel::Ok;
        QTest::newRow("lr 0.01") << Setting::LearningRate << 0.01 << 2 << HintLevel::Unusual;
        QTest::newRow("lr 0") << Setting::LearningRate << 0.0 << 2 << HintLevel::Invalid;
        QTest::newRow("batch 64") << Setting::BatchSize << 64.0 << 2 << HintLevel::Ok;
        QTest::newRow("batch 8") << Setting::BatchSize << 8.0 << 2 << HintLevel::Unusual;
        QTest::newRow("batch 0") << Setting::BatchSize << 0.0 << 2 << HintLevel::Invalid;
        QTest::newRow("T 20") << Setting::SequenceLength << 20.0 << 2 << HintLevel::Ok;
        QTest::newRow("T 5") << Setting::SequenceLength << 5.0 << 2 << HintLevel::Unusual;
        QTest::newRow("T 120") << Setting::SequenceLength << 120.0 << 2 << HintLevel::Unusual;
        QTest::newRow("H 1") << Setting::Horizon << 1.0 << 2 << HintLevel::Ok;
        QTest::newRow("H 30") << Setting::Horizon << 30.0 << 2 << HintLevel::Unusual;
        QTest::newRow("H 0") << Setting::Horizon << 0.0 << 2 << HintLevel::Invalid;
    }
    void levels()
    {
        QFETCH(Setting, setting);
        QFETCH(double, value);
        QFETCH(int, layers);
        QFETCH(HintLevel, level);
        const lstmlab::ui::Hint hint = lstmlab::ui::hintFor(setting, value, layers);
        QCOMPARE(int(hint.level), int(level));
        QVERIFY(!hint.text.isEmpty());
    }

    void oneLayerDropoutSaysWhy()
    {
        const auto hint = lstmlab::ui::hintFor(Setting::Dropout, 0.3, 1);
        QVERIFY2(hint.text.contains(QLatin1String("two or more layers")), qPrintable(hint.text));
    }

    void unusualNamesTheRecommendation()
    {
        const auto hint = lstmlab::ui::hintFor(Setting::BatchSize, 1024, 2);
        QVERIFY2(hint.text.contains(QLatin1String("16-256")) && hint.text.contains(QLatin1String("32-64")),
                 qPrintable(hint.text));
    }
};

LSTMLAB_TEST_APPLESS_MAIN(TestHints)

}  // namespace tst_hints
#include "tst_hints.moc"
