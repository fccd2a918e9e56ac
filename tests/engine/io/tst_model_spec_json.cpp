// ModelSpec <-> JSON: every preset round trips, the text is the documented one, the reference
// PyTorch module's text reads back, and bad objects are refused with the place named.
#include "engine/core/error.h"
#include "engine/io/model_spec_json.h"
#include "engine/io/safetensors.h"
#include "test_support.h"
#include "test_main.h"

#include <QtTest>

#include <filesystem>

namespace tst_model_spec_json {

using lstmlab::ModelSpec;

namespace {

template <typename Action>
std::string error_of(Action action)
{
    try {
        action();
    } catch (const lstmlab::Error& error) {
        return error.what();
    }
    return "(no error)";
}

} // namespace

class TestModelSpecJson : public QObject {
    Q_OBJECT
private slots:
    void roundTripsEveryPreset_data()
    {
        QTest::addColumn<QString>("name");
        for (const auto& name : lstmlab::preset_names())
            QTest::newRow(name.c_str()) << QString::fromStdString(name);
    }
    void roundTripsEveryPreset()
    {
        QFETCH(QString, name);
        const ModelSpec spec = lstmlab::preset(name.toStdString(), 5, 3);
        QVERIFY(lstmlab::model_spec_from_json(lstmlab::model_spec_to_json(spec), "model") == spec);
        const std::string text = lstmlab::model_spec_to_text(spec);
        QVERIFY(lstmlab::parse_model_spec(text, "spec.json") == spec);
        QVERIFY(lstmlab::parse_model_spec(lstmlab::to_json(lstmlab::model_spec_to_json(spec), true), "spec.json") == spec);
    }

    void roundTripsUnusualValues()
    {
        ModelSpec spec;
        spec.cell = lstmlab::CellType::gru;
        spec.hidden = {4096, 1, 17};
        spec.bidirectional = true;
        spec.attention = true;
        spec.dropout = 0.1 + 0.2;   // 0.30000000000000004: must come back as the same double
        spec.features = 100000;
        spec.outputs = 20;
        const ModelSpec back = lstmlab::parse_model_spec(lstmlab::model_spec_to_text(spec), "spec.json");
        QVERIFY(back == spec);
        QCOMPARE(back.dropout, 0.1 + 0.2);
    }

    void writesTheDocumentedText()
    {
        // The example of the io brief and DESIGN.md's field order.
        QCOMPARE(lstmlab::model_spec_to_text(lstmlab::preset("stacked", 5, 1)),
                 std::string(R"({"cell":"lstm","hidden":[64,32],"bidirectional":false,"attention":false,)"
                             R"("dropout":0.2,"features":5,"outputs":1})"));
        QCOMPARE(lstmlab::model_spec_to_text(lstmlab::preset("single", 1, 1)),
                 std::string(R"({"cell":"lstm","hidden":[32],"bidirectional":false,"attention":false,)"
                             R"("dropout":0,"features":1,"outputs":1})"));
    }

    void readsTheReferenceModuleText()
    {
        // Written by resources/python/lstmlab_torch.py spec_to_json (json.dumps writes 0.0).
        const ModelSpec spec = lstmlab::parse_model_spec(
            R"({"cell":"gru","hidden":[32],"bidirectional":false,"attention":true,"dropout":0.0,"features":4,"outputs":2})",
            "metadata");
        QVERIFY(spec.cell == lstmlab::CellType::gru);
        QCOMPARE(spec.hidden, std::vector<int>{32});
        QVERIFY(spec.attention && !spec.bidirectional);
        QCOMPARE(spec.dropout, 0.0);
        QCOMPARE(spec.features, 4);
        QCOMPARE(spec.outputs, 2);
        // A partial object takes ModelSpec's defaults for the rest, like the reference module.
        ModelSpec expected;
        expected.hidden = {16};
        QVERIFY(lstmlab::parse_model_spec(R"({"hidden":[16]})", "metadata") == expected);
    }

    // The specs inside the PyTorch-made fixtures (tests/fixtures/parity, interop) read back and
    // write out to the same text apart from Python's "0.0".
    void readsSpecsOfPyTorchFixtures()
    {
        int read = 0;
        for (const char* folder : {"tests/fixtures/parity", "tests/fixtures/interop"}) {
            const std::filesystem::path root = lstmlab::test::source_path(folder);
            if (!std::filesystem::is_directory(root))
                continue;
            for (const auto& entry : std::filesystem::directory_iterator(root)) {
                if (entry.path().extension() != ".safetensors")
                    continue;
                const auto file = lstmlab::read_safetensors(entry.path().string());
                for (const char* key : {"spec", "model"}) {
                    const auto found = file.metadata().find(key);
                    if (found == file.metadata().end())
                        continue;
                    const ModelSpec spec = lstmlab::parse_model_spec(found->second, entry.path().string());
                    std::string python = found->second;
                    if (const auto zero = python.find("\"dropout\":0.0,"); zero != std::string::npos)
                        python.replace(zero, 14, "\"dropout\":0,");
                    QCOMPARE(lstmlab::model_spec_to_text(spec), python);
                    ++read;
                }
            }
        }
        // The fixtures are committed (tests/fixtures): none found is a broken tree, not a reason to skip.
        QVERIFY2(read > 0, "no PyTorch-made fixtures with a spec found under tests/fixtures");
    }

    void rejectsBadObjects_data()
    {
        QTest::addColumn<QString>("json");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown key") << R"({"hidden":[8],"colour":"red"})"
                                     << "spec.json: unknown key \"colour\" (known keys: cell, hidden, bidirectional, "
                                        "attention, dropout, features, outputs)";
        QTest::newRow("hidden element") << R"({"hidden":[64,"x"]})" << "spec.json.hidden[1]: expected an integer, got \"x\"";
        QTest::newRow("fractional size") << R"({"hidden":[64.5]})" << "spec.json.hidden[0]: expected an integer, got 64.5";
        QTest::newRow("hidden not an array") << R"({"hidden":64})" << "spec.json.hidden: expected an array, got 64";
        QTest::newRow("unknown cell") << R"({"cell":"rnn"})" << "spec.json.cell: \"rnn\" is not a cell type (use lstm or gru)";
        QTest::newRow("cell not a string") << R"({"cell":1})" << "spec.json.cell: expected a string, got 1";
        QTest::newRow("bool as string") << R"({"bidirectional":"yes"})"
                                        << "spec.json.bidirectional: expected true or false, got \"yes\"";
        QTest::newRow("dropout as string") << R"({"dropout":"0.2"})" << "spec.json.dropout: expected a number, got \"0.2\"";
        QTest::newRow("features zero") << R"({"features":0})" << "spec.json: features: 0 is outside 1..100000";
        QTest::newRow("no layers") << R"({"hidden":[]})" << "spec.json: hidden: give at least one layer size, e.g. --hidden 64,32";
        QTest::newRow("dropout one layer") << R"({"hidden":[8],"dropout":0.5})"
                                           << "spec.json: dropout: inter-layer dropout needs at least two layers (this "
                                              "model has one)";
        QTest::newRow("not an object") << "[1]" << "spec.json: expected an object, got an array";
        QTest::newRow("syntax") << R"({"cell":"lstm",})" << "spec.json:1:15: trailing comma before '}'";
        QTest::newRow("duplicate key") << R"({"hidden":[8],"hidden":[9]})"
                                       << "spec.json:1:15: duplicate key \"hidden\" (first defined at line 1, column 2)";
    }
    void rejectsBadObjects()
    {
        QFETCH(QString, json);
        QFETCH(QString, message);
        QCOMPARE(QString::fromStdString(error_of([&] { lstmlab::parse_model_spec(json.toStdString(), "spec.json"); })),
                 message);
    }
};

LSTMLAB_TEST_APPLESS_MAIN(TestModelSpecJson)

}  // namespace tst_model_spec_json
#include "tst_model_spec_json.moc"
