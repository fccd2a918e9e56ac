// The option table: every entry a front end lists is complete, each applies its text to the run it
// names, and errors about a setting carry its key so each front end words it (--flag or a label).
#include "engine/core/number_parse.h"
#include "engine/data/cell_parse.h"
#include "engine/data/csv_load.h"
#include "engine/workflow/run_options.h"
#include "engine/workflow/sweep_spec.h"
#include "test_main.h"

#include <QtTest>

namespace tst_run_option_table {

using namespace lstmlab;

namespace {

std::string by_label(const std::string& key, const std::string& value)
{
    return "<" + run_option_label(key) + (value.empty() ? "" : "=" + value) + ">";
}

} // namespace

class TestRunOptionTable : public QObject {
    Q_OBJECT
private slots:
    void everyEntryIsComplete()
    {
        for (const RunOption& option : run_option_table()) {
            QVERIFY2(!option.label.empty(), option.name.c_str());
            QVERIFY2(option.cli_list == CliList::none || !option.help.empty(), option.name.c_str());
            QVERIFY2(option.flag() == option.placeholder.empty(), option.name.c_str());
            QVERIFY2(option.value_labels.empty() || option.value_labels.size() == option.values.size(), option.name.c_str());
            QCOMPARE(find_run_option(option.name), &option);
        }
        QVERIFY(!is_run_option("epoch"));
    }

    // Every option a run writes back is in the table, and reading the texts gives the same run.
    void textsReadBackThroughTheTable()
    {
        const RunOptions run = make_run_options({{"target", "Close"}, {"features", "Close,Volume"}, {"hidden", "24,12"},
                                                 {"dropout", "0.3"}, {"cell", "gru"}, {"missing", "ffill"},
                                                 {"split", "0.6,0.2,0.2"}, {"lr", "0.0025"}, {"seed", "18446744073709551615"},
                                                 {"plateau-patience", "4"}, {"decimal", ","}, {"attention", ""}});
        QCOMPARE(run.model.hidden, (std::vector<int>{24, 12}));
        QCOMPARE(run.pipeline.missing, MissingPolicy::ForwardFill);
        QCOMPARE(run.pipeline.split.validation, 0.2);
        QCOMPARE(run.train.seed, std::uint64_t(18446744073709551615ULL));
        QCOMPARE(run.train.plateau.patience, 4);
        QCOMPARE(run.pipeline.csv.decimal, ',');
        QVERIFY(run.model.attention);
        const OptionValues texts = run_option_texts(run);
        for (const auto& [name, text] : texts)
            QVERIFY2(is_run_option(name), name.c_str());
        const RunOptions again = make_run_options(texts);
        QVERIFY(again.model == run.model);
        QCOMPARE(again.train.adam.learning_rate, 0.0025);
        QCOMPARE(again.train.seed, run.train.seed);
    }

    void errorsCarryTheSettingKey()
    {
        try {
            make_run_options({{"target", "x"}, {"hidden", "8"}, {"dropout", "0.2"}});
            QFAIL("dropout with one layer was accepted");
        } catch (const SettingError& error) {
            QCOMPARE(error.key(), std::string("dropout"));
            QCOMPARE(std::string(error.what()), std::string("--dropout: inter-layer dropout needs at least two layers (this model has one)"));
            QCOMPARE(error.worded(by_label), std::string("<Dropout>: inter-layer dropout needs at least two layers (this model has one)"));
        }
        try {
            checked_number("lr", "abc", 0, 1);
            QFAIL("abc was a number");
        } catch (const SettingError& error) {
            QCOMPARE(error.worded(by_label), std::string("<Learning rate>: \"abc\" is not a number"));
        }
        // A reference with a value: the CLI's "--missing drop", the workbench's label and the value's text.
        const SettingError missing({"choose ", SettingRef{"missing", "drop"}, " or ", SettingRef{"missing", "ffill"}});
        QCOMPARE(std::string(missing.what()), std::string("choose --missing drop or --missing ffill"));
        QCOMPARE(missing.worded(by_label), std::string("choose <Missing values=drop> or <Missing values=ffill>"));
    }

    // The CSV reader's hints name import options: the CLI's sentence is unchanged, the workbench's names
    // the import dialog's fields.
    void csvHintsCarryTheImportOption()
    {
        const std::string path = qgetenv("LSTMLAB_SOURCE_DIR").toStdString() + "/tests/data/csv_corpus/ambiguous_dates.csv";
        try {
            load_csv(path);
            QFAIL("dates that read both day first and month first were accepted");
        } catch (const SettingError& error) {
            QCOMPARE(error.key(), std::string("time-format"));
            QCOMPARE(std::string(error.what()),
                     path + ":2:1 (column \"Date\"): the dates from \"01/01/2023\" to \"01/04/2026\" read both day first "
                            "and month first (no day above 12 in the first 40 rows); add --time-format DMY or --time-format MDY.");
            QVERIFY(error.worded(by_label).ends_with("; add <Time format=DMY> or <Time format=MDY>."));
        }
        const SettingError number(describe_bad_number("1,5", CellStatus::NotNumber, NumberFormat{'.', '\0', false, true}));
        QCOMPARE(number.key(), std::string("decimal"));
        QCOMPARE(std::string(number.what()), std::string("\"1,5\" is not a number; add --decimal ,."));
        QCOMPARE(number.worded(by_label), std::string("\"1,5\" is not a number; add <Decimal=,>."));
        // Settings outside the run options that engine sentences name have labels too.
        for (const char* key : {"folds", "window", "jobs", "cost-bps", "periods-per-year", "interval", "season"})
            QVERIFY2(run_option_label(key) != key, key);
    }

    // The sweep file checker knows exactly the table's keys.
    void sweepKeysAreTheTables()
    {
        const SweepSpec spec = parse_sweep(R"({"mode": "grid", "fixed": {"plateau-patience": 2, "time-format": "DMY"},
            "grid": {"layers": [1, 2]}})", "s.json");
        QCOMPARE(int(spec.fixed.size()), 2);
        QVERIFY_THROWS_EXCEPTION(Error, parse_sweep(R"({"mode": "grid", "grid": {"epoch": [1]}})", "s.json"));
    }
};

LSTMLAB_TEST_APPLESS_MAIN(TestRunOptionTable)

} // namespace tst_run_option_table
#include "tst_run_option_table.moc"
