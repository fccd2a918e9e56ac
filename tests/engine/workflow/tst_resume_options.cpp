// Resuming with options: run_option_texts reads back to the same run, options equal to the
// checkpoint's in any spelling are accepted, and every real change is found and attributed to the
// option that makes it, with the checkpoint's value and the new one.
#include "engine/core/error.h"
#include "engine/workflow/resume_options.h"
#include "test_main.h"

#include <QtTest>

namespace tst_resume_options {

using namespace lstmlab;

namespace {

// The saved run: the attention preset (lstm 32,32 + attention) on five columns, log returns.
RunOptions saved_run()
{
    return make_run_options({{"target", "Close"}, {"features", "Open,Close,Volume"}, {"transforms", "Volume=log"},
                             {"target-transform", "logreturn"}, {"preset", "attention"}, {"lr", "0.001"},
                             {"seq-len", "24"}, {"epochs", "5"}});
}

std::string text_of(const OptionValues& values, const std::string& name)
{
    for (const auto& [key, text] : values)
        if (key == name)
            return text;
    return "<absent>";
}

} // namespace

class TestResumeOptions : public QObject {
    Q_OBJECT
private slots:
    void textsReadBackToTheSameRun()
    {
        const RunOptions run = saved_run();
        const OptionValues texts = run_option_texts(run);
        QCOMPARE(text_of(texts, "hidden"), std::string("32,32"));
        QCOMPARE(text_of(texts, "attention"), std::string("true"));
        QCOMPARE(text_of(texts, "transforms"), std::string("Volume=log"));
        QCOMPARE(text_of(texts, "lr"), std::string("0.001"));
        QCOMPARE(text_of(texts, "split"), std::string("0.7,0.15,0.15"));
        QCOMPARE(text_of(texts, "feature-transform"), std::string("<absent>"));
        const RunOptions back = make_run_options(texts);
        QVERIFY(back.model == run.model);
        QVERIFY(back.pipeline.features == run.pipeline.features);
        QVERIFY(back.pipeline.target == run.pipeline.target);
        QCOMPARE(back.pipeline.sequence_length, 24);
        QCOMPARE(back.train.adam.learning_rate, run.train.adam.learning_rate);
        QCOMPARE(run_option_texts(back), texts);
    }

    void equalOptionsAreAccepted_data()
    {
        QTest::addColumn<QStringList>("given");   // name=value pairs
        QTest::newRow("nothing") << QStringList{};
        QTest::newRow("same command") << QStringList{"target=Close", "features=Open,Close,Volume", "transforms=Volume=log",
                                                     "target-transform=logreturn", "preset=attention", "lr=0.001", "seq-len=24"};
        QTest::newRow("other spellings") << QStringList{"lr=1e-3", "hidden=32,32", "attention=", "dropout=0.20", "split=0.70,0.15,0.150"};
        QTest::newRow("hidden-size and layers") << QStringList{"hidden-size=32", "layers=2"};
        QTest::newRow("layers alone") << QStringList{"layers=2"};
        QTest::newRow("feature-transform with transforms") << QStringList{"feature-transform=level", "transforms=Volume=log"};
        QTest::newRow("epochs and threads are free") << QStringList{"epochs=100", "threads=2"};
    }
    void equalOptionsAreAccepted()
    {
        QFETCH(QStringList, given);
        OptionValues values;
        for (const QString& pair : given) {
            const qsizetype equals = pair.indexOf('=');
            values.emplace_back(pair.left(equals).toStdString(), pair.mid(equals + 1).toStdString());
        }
        const auto changes = resume_changes(saved_run(), values);
        QVERIFY2(changes.empty(), changes.empty() ? "" : describe_change(changes.front()).c_str());
    }

    void changesAreFoundAndNamed()
    {
        auto changes = resume_changes(saved_run(), {{"lr", "0.01"}, {"epochs", "3"}});
        QCOMPARE(int(changes.size()), 1);
        QCOMPARE(describe_change(changes[0]),
                 std::string("--lr cannot change when resuming: the checkpoint has 0.001, the command line gives 0.01"));

        // A preset changes several values; each is attributed to it.
        changes = resume_changes(saved_run(), {{"preset", "stacked"}});
        QCOMPARE(int(changes.size()), 2);
        QCOMPARE(changes[0].changed, std::string("hidden"));
        QCOMPARE(changes[0].new_value, std::string("64,32"));
        QCOMPARE(changes[1].changed, std::string("attention"));
        QCOMPARE(describe_change(changes[0]),
                 std::string("--preset stacked changes --hidden, which cannot change when resuming: the checkpoint "
                             "has 32,32, --preset stacked gives 64,32"));

        changes = resume_changes(saved_run(), {{"layers", "3"}});
        QCOMPARE(int(changes.size()), 1);
        QCOMPARE(changes[0].option, std::string("layers"));
        QCOMPARE(changes[0].new_value, std::string("32,32,32"));

        // --feature-transform without --transforms means every feature: Volume's log is a change.
        changes = resume_changes(saved_run(), {{"feature-transform", "level"}});
        QCOMPARE(int(changes.size()), 1);
        QCOMPARE(changes[0].changed, std::string("transforms"));
        QCOMPARE(changes[0].saved_value, std::string("Volume=log"));

        changes = resume_changes(saved_run(), {{"target", "Open"}, {"seq-len", "12"}});
        QCOMPARE(int(changes.size()), 2);
        QCOMPARE(changes[0].changed, std::string("target"));
        QCOMPARE(changes[1].changed, std::string("seq-len"));
        QCOMPARE(changes[1].saved_value, std::string("24"));
    }

    void impossibleCombinationIsAnError()
    {
        const RunOptions one_layer = make_run_options({{"target", "Close"}});
        QVERIFY_THROWS_EXCEPTION(Error, resume_changes(one_layer, {{"dropout", "0.2"}}));
    }
};

LSTMLAB_TEST_APPLESS_MAIN(TestResumeOptions)

}  // namespace tst_resume_options
#include "tst_resume_options.moc"
