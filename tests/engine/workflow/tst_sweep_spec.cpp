// Sweep files: grid expansion counts and order, random sampling reproducible from its seed, list
// mode, seeds repeats, invalid combinations skipped with a reason, and every kind of bad file refused
// with `file:line:column: where: reason` (R14).
#include "engine/core/error.h"
#include "engine/workflow/sweep_spec.h"
#include "test_main.h"

#include <QtTest>

#include <set>

namespace tst_sweep_spec {

using namespace lstmlab;

namespace {

const OptionValues base{{"target", "Close"}};

std::string value_of(const Trial& trial, const std::string& name)
{
    for (const auto& [key, value] : trial.varied)
        if (key == name)
            return value;
    return "";
}

} // namespace

class TestSweepSpec : public QObject {
    Q_OBJECT
private slots:
    void gridExpandsInOrder()
    {
        const SweepSpec spec = parse_sweep(R"({"mode": "grid", "seeds": 2, "fixed": {"epochs": 3},
            "grid": {"hidden": [[16], [32, 16]], "dropout": [0, 0.2], "lr": [0.001, 0.0005, 0.0001]}})", "g.json");
        const SweepPlan plan = expand_sweep(spec, base, 0);
        QCOMPARE(plan.configurations, 12);
        // dropout 0.2 with one layer is refused by the engine: 3 configurations skipped, with the reason.
        QCOMPARE(int(plan.skipped.size()), 3);
        QVERIFY(plan.skipped[0].reason.find("needs at least two layers") != std::string::npos);
        QCOMPARE(int(plan.trials.size()), (12 - 3) * 2);
        // The last key varies fastest; seeds repeat each configuration with seed, seed + 1.
        QCOMPARE(value_of(plan.trials[0], "lr"), std::string("0.001"));
        QCOMPARE(value_of(plan.trials[2], "lr"), std::string("0.0005"));
        QCOMPARE(plan.trials[0].options.train.seed, std::uint64_t(42));
        QCOMPARE(plan.trials[1].options.train.seed, std::uint64_t(43));
        QCOMPARE(plan.trials[1].configuration, plan.trials[0].configuration);
        QCOMPARE(plan.trials[0].options.train.epochs, 3);
        QVERIFY((plan.trials.back().options.model.hidden == std::vector<int>{32, 16}));
        QCOMPARE(plan.trials.back().options.model.dropout, 0.2);
        QCOMPARE(plan.varied_names, (std::vector<std::string>{"hidden", "dropout", "lr"}));
        // --seeds overrides the file.
        QCOMPARE(int(expand_sweep(spec, base, 3).trials.size()), 9 * 3);
    }

    void randomIsReproducible()
    {
        const char* text = R"({"mode": "random", "random": {"trials": 20, "seed": 7, "space": {
            "lr": {"log_uniform": [0.0001, 0.01]}, "dropout": {"uniform": [0, 0.5]},
            "hidden-size": {"choice": [16, 32, 64]}, "layers": {"int": [2, 3]}}}})";
        const SweepPlan a = expand_sweep(parse_sweep(text, "r.json"), base, 0);
        const SweepPlan b = expand_sweep(parse_sweep(text, "r.json"), base, 0);
        QCOMPARE(int(a.trials.size()), 20);
        for (std::size_t k = 0; k < a.trials.size(); ++k)
            QCOMPARE(a.trials[k].label(), b.trials[k].label());
        std::set<std::string> sizes;
        for (const Trial& t : a.trials) {
            const double lr = t.options.train.adam.learning_rate;
            QVERIFY(lr >= 0.0001 && lr <= 0.01);
            QVERIFY(t.options.model.dropout >= 0 && t.options.model.dropout <= 0.5);
            QVERIFY(t.options.model.layers() == 2 || t.options.model.layers() == 3);
            sizes.insert(value_of(t, "hidden-size"));
        }
        QCOMPARE(int(sizes.size()), 3);   // 20 draws from 3 choices hit all of them
        const std::string other = std::string(text).replace(std::string(text).find("\"seed\": 7"), 9, "\"seed\": 8");
        const SweepPlan c = expand_sweep(parse_sweep(other, "r.json"), base, 0);
        QVERIFY(c.trials[0].label() != a.trials[0].label());
    }

    void defaultIsTheTutorialsFour()
    {
        const SweepPlan plan = expand_sweep(parse_sweep(default_sweep_text(), "default"), base, 0);
        QCOMPARE(int(plan.trials.size()), 4);
        QVERIFY(plan.skipped.empty());
        QVERIFY((plan.trials[2].options.model.hidden == std::vector<int>{128, 128}));
        QCOMPARE(plan.trials[2].options.model.dropout, 0.3);
        QCOMPARE(plan.trials[2].options.train.adam.learning_rate, 0.0005);
        QCOMPARE(plan.trials[3].options.model.layers(), 3);
    }

    void badFiles_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("message");
        QTest::newRow("trailing comma") << "{\"mode\": \"grid\",}" << "s.json:1:16: trailing comma";
        QTest::newRow("duplicate key") << "{\"mode\": \"grid\", \"mode\": \"list\"}" << "s.json:1:18: duplicate key \"mode\"";
        QTest::newRow("no mode") << "{\"grid\": {}}" << "s.json:1:1: missing key \"mode\"";
        QTest::newRow("bad mode") << "{\"mode\": \"brute\"}" << "s.json:1:10: mode: \"brute\" is not a mode";
        QTest::newRow("unknown key") << "{\"mode\": \"grid\", \"grids\": {}}" << "s.json:1:27: grids: unknown key";
        QTest::newRow("unknown option") << "{\"mode\": \"grid\",\n \"grid\": {\"hiden\": [[8]]}}" << "s.json:2:20: grid.hiden: \"hiden\" is not an option";
        QTest::newRow("value out of range") << "{\"mode\": \"grid\",\n  \"grid\": {\"dropout\": [0.1, 1.5]}}"
                                            << "s.json:2:29: grid.dropout[1]: --dropout: 1.5 is outside [0, 0.99]";
        QTest::newRow("wrong type") << "{\"mode\": \"grid\", \"grid\": {\"lr\": [\"fast\"]}}" << "grid.lr[0]: --lr: \"fast\" is not a number";
        QTest::newRow("not a list") << "{\"mode\": \"grid\", \"grid\": {\"lr\": 0.1}}" << "grid.lr: expected a non-empty list";
        QTest::newRow("in fixed too") << "{\"mode\": \"grid\", \"fixed\": {\"lr\": 0.1}, \"grid\": {\"lr\": [0.1]}}" << "grid.lr: \"lr\" is also in \"fixed\"";
        QTest::newRow("wrong section") << "{\"mode\": \"list\", \"grid\": {\"lr\": [0.1]}}" << "grid: not used in mode \"list\"";
        QTest::newRow("random bounds") << "{\"mode\": \"random\", \"random\": {\"trials\": 3, \"space\": {\"lr\": {\"uniform\": [0.1, 0.01]}}}}"
                                       << "random.space.lr.uniform: low must be below high";
        QTest::newRow("log of zero") << "{\"mode\": \"random\", \"random\": {\"trials\": 3, \"space\": {\"lr\": {\"log_uniform\": [0, 0.01]}}}}"
                                     << "log_uniform needs a positive low bound";
        QTest::newRow("trials zero") << "{\"mode\": \"random\", \"random\": {\"trials\": 0, \"space\": {}}}" << "random.trials: 0 is not a whole number in 1..10000";
        QTest::newRow("seeds") << "{\"mode\": \"list\", \"seeds\": 2.5, \"configurations\": [{}]}" << "seeds: 2.5 is not a whole number";
        QTest::newRow("configuration not object") << "{\"mode\": \"list\", \"configurations\": [3]}" << "configurations[0]: expected an object";
        QTest::newRow("hidden not numbers") << "{\"mode\": \"grid\", \"grid\": {\"hidden\": [[\"a\"]]}}" << "grid.hidden[0][0]: expected a number";
    }
    void badFiles()
    {
        QFETCH(QString, text);
        QFETCH(QString, message);
        try {
            parse_sweep(text.toStdString(), "s.json");
            QFAIL("accepted a bad sweep file");
        } catch (const Error& error) {
            QVERIFY2(QString(error.what()).contains(message), error.what());
            QVERIFY(QString(error.what()).startsWith("s.json:"));
        }
    }

    // Options of the caller (lstmlab-cli's command line) override the file's `fixed` and are listed.
    void callerOptionsOverrideFixed()
    {
        const SweepSpec spec = parse_sweep(R"({"mode": "grid", "fixed": {"epochs": 15, "patience": 5, "hidden-size": 32, "layers": 2},
            "grid": {"lr": [0.001, 0.0005]}})", "g.json");
        const OptionValues given{{"target", "Close"}, {"epochs", "2"}, {"hidden", "16"}};
        const SweepPlan plan = expand_sweep(spec, given, 0);
        QCOMPARE(int(plan.overridden.size()), 3);
        QCOMPARE(plan.overridden[0].name, std::string("epochs"));
        QCOMPARE(plan.overridden[0].file_value, std::string("15"));
        QCOMPARE(plan.overridden[0].given, std::string("--epochs 2"));
        QCOMPARE(plan.overridden[1].name, std::string("hidden-size"));   // --hidden replaces hidden-size and layers
        QCOMPARE(plan.overridden[1].given, std::string("--hidden 16"));
        QCOMPARE(plan.overridden[2].name, std::string("layers"));
        QCOMPARE(int(plan.trials.size()), 2);
        for (const Trial& trial : plan.trials) {
            QCOMPARE(trial.options.train.epochs, 2);
            QCOMPARE(trial.options.train.patience, 5);   // not given: the file's
            QVERIFY((trial.options.model.hidden == std::vector<int>{16}));
        }
        // Without the options on the command line the file's values apply and nothing is listed.
        const SweepPlan plain = expand_sweep(spec, base, 0);
        QVERIFY(plain.overridden.empty());
        QCOMPARE(plain.trials[0].options.train.epochs, 15);
        QVERIFY((plain.trials[0].options.model.hidden == std::vector<int>{32, 32}));
    }

    void givenAndVariedIsAnError()
    {
        const SweepSpec spec = parse_sweep(R"({"mode": "grid", "grid": {"lr": [0.001, 0.0005]}})", "g.json");
        try {
            expand_sweep(spec, {{"target", "Close"}, {"lr", "0.01"}}, 0);
            QFAIL("accepted --lr beside a grid over lr");
        } catch (const Error& error) {
            QCOMPARE(std::string(error.what()),
                     std::string("--lr is given on the command line and varied by the sweep file; give it in one place only"));
        }
    }

    void noValidConfigurationIsAnError()
    {
        const SweepSpec spec = parse_sweep(R"({"mode": "list", "configurations": [{"hidden": [8], "dropout": 0.3}]})", "s.json");
        QVERIFY_THROWS_EXCEPTION(Error, expand_sweep(spec, base, 0));
    }
};

LSTMLAB_TEST_APPLESS_MAIN(TestSweepSpec)

}  // namespace tst_sweep_spec
#include "tst_sweep_spec.moc"
