// JSON: strict parsing with exact `source:line:column: reason` messages, exact output, round trips.
#include "engine/core/error.h"
#include "engine/core/json.h"
#include "engine/core/rng.h"
#include "test_main.h"

#include <QtTest>

#include <bit>
#include <cmath>
#include <limits>
#include <string>

namespace tst_json {

using lstmlab::Json;

namespace {

// The message of the Error that `action` throws, or "(no error)".
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

std::string text_of(const QByteArray& bytes) { return std::string(bytes.constData(), static_cast<std::size_t>(bytes.size())); }

} // namespace

class TestJson : public QObject {
    Q_OBJECT
private slots:
    // Every message below was worked out by hand from the input: lines and columns are 1-based,
    // columns count characters (a two-byte é is one column), CR LF is one line break.
    void badInput_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QByteArray>("message");
        const auto row = [](const char* name, QByteArray input, const char* message) {
            QTest::newRow(name) << input << QByteArray(message);
        };
        row("empty", "", "t.json:1:1: empty input, expected a JSON value");
        row("only whitespace", "  \n ", "t.json:2:2: empty input, expected a JSON value");
        row("trailing comma in array", "[1, 2,]", "t.json:1:6: trailing comma before ']'");
        row("trailing comma in object", "{\"a\": 1,\n}", "t.json:1:8: trailing comma before '}'");
        row("duplicate key", "{\n  \"lr\": 1,\n  \"lr\": 2\n}",
            "t.json:3:3: duplicate key \"lr\" (first defined at line 2, column 3)");
        row("duplicate key via escape", "{\"a\":1,\"\\u0061\":2}",
            "t.json:1:8: duplicate key \"a\" (first defined at line 1, column 2)");
        row("duplicate key after CRLF", "{\r\n\"a\":1,\r\n\"a\":2}",
            "t.json:3:1: duplicate key \"a\" (first defined at line 2, column 1)");
        row("unterminated string", "[\"abc", "t.json:1:2: unterminated string");
        row("line break in string", "[\"abc\n\"]",
            "t.json:1:6: unescaped line break in a string (is a closing quote missing?)");
        row("tab in string", "\"a\tb\"", "t.json:1:3: unescaped control character U+0009 in a string");
        row("NUL in string", QByteArray("\"a\0b\"", 5), "t.json:1:3: unescaped control character U+0000 in a string");
        row("bad escape", "\"a\\qb\"",
            "t.json:1:3: invalid escape '\\' followed by 'q' in a string "
            "(valid: \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)");
        row("bad hex escape", "\"\\u12G4\"", "t.json:1:2: invalid \\u escape: expected 4 hex digits, got 'G'");
        row("lone high surrogate", "\"\\ud800x\"", "t.json:1:2: unpaired UTF-16 surrogate \\ud800 in a string");
        row("high surrogate + non-low", "\"\\ud800\\u0041\"",
            "t.json:1:2: unpaired UTF-16 surrogate \\ud800 in a string");
        row("lone low surrogate", "\"\\uDC00\"", "t.json:1:2: unpaired UTF-16 surrogate \\uDC00 in a string");
        row("byte FF", "\"\xff\"", "t.json:1:2: invalid UTF-8: byte 0xFF never appears in UTF-8");
        row("overlong 2-byte", "\"\xc0\xaf\"", "t.json:1:2: invalid UTF-8: overlong encoding (byte 0xC0)");
        row("overlong 3-byte", "\"\xe0\x80\xaf\"", "t.json:1:2: invalid UTF-8: overlong encoding");
        row("overlong 4-byte", "\"\xf0\x80\x80\xaf\"", "t.json:1:2: invalid UTF-8: overlong encoding");
        row("encoded surrogate", "\"\xed\xa0\x80\"", "t.json:1:2: invalid UTF-8: encoded UTF-16 surrogate");
        row("above U+10FFFF", "\"\xf4\x90\x80\x80\"", "t.json:1:2: invalid UTF-8: code point above U+10FFFF");
        row("truncated sequence", "\"\xe2\x82\"", "t.json:1:2: invalid UTF-8: truncated sequence");
        row("stray continuation", "\"\x80\"", "t.json:1:2: invalid UTF-8: continuation byte 0x80 without a lead byte");
        row("column counts characters", "\"\xc3\xa9\xff\"", "t.json:1:3: invalid UTF-8: byte 0xFF never appears in UTF-8");
        row("non-ASCII outside a string", "\xc3\xa9", "t.json:1:1: expected a JSON value, got U+00E9");
        row("leading zero", "[012]", "t.json:1:2: number \"012\" has a leading zero");
        row("negative leading zero", "[-012]", "t.json:1:2: number \"-012\" has a leading zero");
        row("bare minus", "[-]", "t.json:1:2: invalid number \"-\": a digit must follow '-'");
        row("minus letter", "-x", "t.json:1:1: invalid number \"-x\": a digit must follow '-'");
        row("no fraction digits", "[1.]", "t.json:1:2: invalid number \"1.\": a digit must follow '.'");
        row("no exponent digits", "[1e]", "t.json:1:2: invalid number \"1e\": the exponent needs digits");
        row("leading plus", "+1", "t.json:1:1: expected a JSON value, got '+'");
        row("leading dot", ".5", "t.json:1:1: expected a JSON value, got '.'");
        row("too large", "1e400", "t.json:1:1: number \"1e400\" is out of the range of a double");
        row("too large negative", "[-1.5e309]", "t.json:1:2: number \"-1.5e309\" is out of the range of a double");
        row("too large by digits", "{\"a\": 2000000000000000000000000000000000000000000000000000000000000000000000000000000"
                                   "000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
                                   "000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
                                   "000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
                                   "0}",
            "t.json:1:7: number \"2000000000000000000000000000000000000000\" is out of the range of a double");
        row("nesting 65", QByteArray(65, '[') + QByteArray(65, ']'), "t.json:1:65: nesting deeper than 64 levels");
        row("trailing garbage", "{} x", "t.json:1:4: unexpected 'x' after the end of the JSON value");
        row("two values", "1 2", "t.json:1:3: unexpected '2' after the end of the JSON value");
        row("bad literal", "tru",
            "t.json:1:1: invalid literal \"tru\" (expected a value: true, false, null, a number, a string, an "
            "array or an object)");
        row("NaN", "[NaN]",
            "t.json:1:2: invalid literal \"NaN\" (expected a value: true, false, null, a number, a string, an "
            "array or an object)");
        row("unquoted key", "{a:1}", "t.json:1:2: expected a string key, got 'a'");
        row("missing colon", "{\"a\" 1}", "t.json:1:6: expected ':' after the key \"a\", got '1'");
        row("missing comma", "[1 2]", "t.json:1:4: expected ',' or ']' in an array, got '2'");
        row("missing comma in object", "{\"a\":1 \"b\":2}", "t.json:1:8: expected ',' or '}' in an object, got '\"'");
        row("unclosed array", "[1,\n2",
            "t.json:2:2: unexpected end of input: the array opened at line 1, column 1 is not closed");
        row("unclosed object", "{\"a\":1",
            "t.json:1:7: unexpected end of input: the object opened at line 1, column 1 is not closed");
        row("object ends after comma", "{\"a\":1,",
            "t.json:1:8: unexpected end of input: the object opened at line 1, column 1 is not closed");
        row("missing value", "[1,,2]", "t.json:1:4: expected a JSON value, got ','");
        row("value missing at end", "{\"a\":", "t.json:1:6: unexpected end of input, expected a JSON value");
        row("BOM then garbage", "\xEF\xBB\xBF]", "t.json:1:1: expected a JSON value, got ']'");
    }
    void badInput()
    {
        QFETCH(QByteArray, input);
        QFETCH(QByteArray, message);
        const std::string text = text_of(input);
        QCOMPARE(error_of([&] { lstmlab::parse_json(text, "t.json"); }), text_of(message));
    }

    void acceptsEdgeCases()
    {
        QCOMPARE(lstmlab::parse_json(std::string(64, '[') + std::string(64, ']'), "t").size(), std::size_t{1});
        QCOMPARE(lstmlab::parse_json("\xEF\xBB\xBF{\"a\":1}", "t").find("a")->as_number(), 1.0);
        QCOMPARE(lstmlab::parse_json("\"\\ud83d\\ude00\"", "t").as_string(), std::string("\xF0\x9F\x98\x80"));
        QCOMPARE(lstmlab::parse_json("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\u0000\"", "t").as_string(),
                 std::string("\"\\/\b\f\n\r\t\xc3\xa9\0", 11));
        QCOMPARE(lstmlab::parse_json(" \t\r\n 7 \n", "t").as_number(), 7.0);
        // Smallest subnormal; values below it round to a zero that keeps the sign.
        QCOMPARE(lstmlab::parse_json("4.9e-324", "t").as_number(), std::numeric_limits<double>::denorm_min());
        const double tiny = lstmlab::parse_json("-1e-400", "t").as_number();
        QVERIFY(tiny == 0.0 && std::signbit(tiny));
        QCOMPARE(lstmlab::parse_json("0e999999", "t").as_number(), 0.0);
        QCOMPARE(lstmlab::parse_json("1.7976931348623157e308", "t").as_number(), std::numeric_limits<double>::max());
    }

    void keepsKeyOrder()
    {
        const Json value = lstmlab::parse_json(R"({"z":1,"a":2,"m":3})", "t");
        QCOMPARE(value.members().size(), std::size_t{3});
        QCOMPARE(value.members()[0].key, std::string("z"));
        QCOMPARE(value.members()[2].key, std::string("m"));
        QCOMPARE(lstmlab::to_json(value), std::string(R"({"z":1,"a":2,"m":3})"));
    }

    void writesExactText()
    {
        Json value = Json::object();
        value.set("a", Json(Json::Array{1, 2.5, -0.0, 1e21, 0.1, 123456789012.0, 3e9, -9007199254740991.0}));
        value.set("b", "x\"y\\\n\x01\x7f\xc3\xa9/");
        value.set("c", nullptr);
        value.set("d", true);
        QCOMPARE(lstmlab::to_json(value),
                 std::string(R"({"a":[1,2.5,-0,1e+21,0.1,123456789012,3000000000,-9007199254740991],"b":"x\"y\\\n\u0001\u007f)"
                             "\xc3\xa9/\",\"c\":null,\"d\":true}"));
        Json pretty = Json::object();
        pretty.set("cell", "lstm");
        pretty.set("hidden", Json(Json::Array{64, 32}));
        pretty.set("nested", Json(Json::Array{Json(Json::Object{{"a", 1}})}));
        pretty.set("empty", Json::array());
        pretty.set("obj", Json::object());
        QCOMPARE(lstmlab::to_json(pretty, true), std::string("{\n"
                                                             "  \"cell\": \"lstm\",\n"
                                                             "  \"hidden\": [64, 32],\n"
                                                             "  \"nested\": [\n"
                                                             "    {\n"
                                                             "      \"a\": 1\n"
                                                             "    }\n"
                                                             "  ],\n"
                                                             "  \"empty\": [],\n"
                                                             "  \"obj\": {}\n"
                                                             "}"));
    }

    void roundTripsValues()
    {
        Json value = Json::object();
        value.set("text", "tab\t quote\" emoji \xF0\x9F\x98\x80 nul " + std::string(1, '\0'));
        value.set("numbers", Json(Json::Array{0, -0.0, 0.1, 1e300, -1e-300, 5e-324, 9007199254740991.0, -1.5e-7,
                                              std::numeric_limits<double>::max(), 2.2250738585072014e-308}));
        value.set("deep", Json(Json::Array{Json(Json::Array{Json(Json::Object{{"k", false}})}), Json()}));
        for (const bool pretty : {false, true}) {
            const Json back = lstmlab::parse_json(lstmlab::to_json(value, pretty), "t");
            QVERIFY(back == value);
            QVERIFY(std::signbit(back.find("numbers")->items()[1].as_number()));
        }
    }

    void roundTripsRandomDoublesBitExactly()
    {
        // 100k finite doubles from random bit patterns cover every exponent, subnormals included.
        lstmlab::Rng rng(2024);
        int checked = 0;
        while (checked < 100000) {
            const double x = std::bit_cast<double>(rng.next_u64());
            if (!std::isfinite(x))
                continue;
            const double back = lstmlab::parse_json(lstmlab::to_json(Json(x)), "t").as_number();
            QCOMPARE(std::bit_cast<std::uint64_t>(back), std::bit_cast<std::uint64_t>(x));
            ++checked;
        }
    }

    // 20,000 random mutations of a valid document parse or throw lstmlab::Error, nothing else;
    // what parses writes out and reads back equal (a smoke test until the R2 fuzz harness exists).
    void randomMutationsFailCleanly()
    {
        const std::string valid = R"({"model":{"cell":"lstm","hidden":[64,32],"dropout":0.2,"x":-1.5e-7},)"
                                  "\"s\":\"\\u00e9\\ud83d\\ude00 \xc3\xa9\\n\",\"a\":[true,false,null,[],{}]}";
        lstmlab::parse_json(valid, "t");
        const std::string alphabet = "{}[],:\"\\u0123456789.eE+-tfnl \n\xc3\xa9\xff\xed\xa0";
        lstmlab::Rng rng(5);
        int parsed = 0;
        for (int trial = 0; trial < 20000; ++trial) {
            std::string text = valid;
            const int edits = 1 + static_cast<int>(rng.below(3));
            for (int e = 0; e < edits && !text.empty(); ++e) {
                const std::size_t at = rng.below(text.size());
                const char c = alphabet[rng.below(alphabet.size())];
                switch (rng.below(3)) {
                case 0: text[at] = c; break;
                case 1: text.erase(at, 1 + rng.below(4)); break;
                default: text.insert(at, 1, c);
                }
            }
            try {
                const Json value = lstmlab::parse_json(text, "t");
                QVERIFY(lstmlab::parse_json(lstmlab::to_json(value), "t") == value);
                ++parsed;
            } catch (const lstmlab::Error&) {
            }
        }
        QVERIFY(parsed > 0);
    }

    void writerRejectsWhatJsonCannotHold()
    {
        Json model = Json::object();
        model.set("dropout", std::numeric_limits<double>::quiet_NaN());
        Json root = Json::object();
        root.set("model", model);
        QCOMPARE(error_of([&] { lstmlab::to_json(root); }),
                 std::string("to_json: the value at model.dropout is nan, which JSON cannot represent"));
        QCOMPARE(error_of([&] { lstmlab::to_json(Json(-std::numeric_limits<double>::infinity())); }),
                 std::string("to_json: the value at the top level is -inf, which JSON cannot represent"));
        Json names = Json::object();
        names.set("names", Json(Json::Array{"ok", "bad \xff"}));
        QCOMPARE(error_of([&] { lstmlab::to_json(names); }),
                 std::string("to_json: the value at names[1] is a string that is not valid UTF-8"));
        QCOMPARE(error_of([&] { Json(Json::Object{{"a", 1}, {"a", 2}}); }),
                 std::string("JSON object: duplicate key \"a\""));
    }

    void typedReadsNameThePlace_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("message");
        QTest::newRow("string as int") << QByteArray("\"x\"") << "int" << "model.hidden[1]: expected an integer, got \"x\"";
        QTest::newRow("fraction as int") << QByteArray("1.5") << "int" << "model.hidden[1]: expected an integer, got 1.5";
        QTest::newRow("int overflow") << QByteArray("3e9") << "int" << "model.hidden[1]: expected an integer, got 3000000000";
        QTest::newRow("negative as uint64") << QByteArray("-1") << "uint64"
                                            << "model.hidden[1]: expected a non-negative integer, got -1";
        QTest::newRow("2^53 as uint64") << QByteArray("9007199254740992") << "uint64"
                                        << "model.hidden[1]: expected a non-negative integer, got 9007199254740992";
        QTest::newRow("2^53 as int64") << QByteArray("-9007199254740992") << "int64"
                                       << "model.hidden[1]: expected an integer, got -9007199254740992";
        QTest::newRow("null as bool") << QByteArray("null") << "bool" << "model.hidden[1]: expected true or false, got null";
        QTest::newRow("array as string") << QByteArray("[1]") << "string" << "model.hidden[1]: expected a string, got an array";
        QTest::newRow("object as number") << QByteArray("{}") << "double" << "model.hidden[1]: expected a number, got an object";
        QTest::newRow("long string") << QByteArray("\"" + QByteArray(50, 'a') + "\"") << "double"
                                     << "model.hidden[1]: expected a number, got \"" + QString(40, 'a') + "...\"";
    }
    void typedReadsNameThePlace()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, kind);
        QFETCH(QString, message);
        const Json value = lstmlab::parse_json(text_of(json), "t");
        const std::string where = lstmlab::json_index_path(lstmlab::json_member_path("model", "hidden"), 1);
        const std::string got = error_of([&] {
            if (kind == "int")
                lstmlab::get_int(value, where);
            else if (kind == "int64")
                lstmlab::get_int64(value, where);
            else if (kind == "uint64")
                lstmlab::get_uint64(value, where);
            else if (kind == "bool")
                lstmlab::get_bool(value, where);
            else if (kind == "string")
                lstmlab::get_string(value, where);
            else
                lstmlab::get_double(value, where);
        });
        QCOMPARE(QString::fromStdString(got), message);
    }

    void typedReadsReturnValues()
    {
        const Json value = lstmlab::parse_json(R"({"n":-7,"big":9007199254740991,"s":"hi","b":false,"a":[1]})", "t");
        QCOMPARE(lstmlab::get_int(lstmlab::get_member(value, "n", "cfg"), "cfg.n"), -7);
        QCOMPARE(lstmlab::get_uint64(*value.find("big"), "big"), std::uint64_t{9007199254740991});
        QCOMPARE(lstmlab::get_int64(*value.find("n"), "n"), std::int64_t{-7});
        QCOMPARE(lstmlab::get_string(*value.find("s"), "s"), std::string("hi"));
        QCOMPARE(lstmlab::get_bool(*value.find("b"), "b"), false);
        QCOMPARE(lstmlab::get_array(*value.find("a"), "a").size(), std::size_t{1});
        QCOMPARE(error_of([&] { lstmlab::get_member(value, "hidden", "model"); }),
                 std::string("model: missing key \"hidden\""));
        QCOMPARE(error_of([&] { lstmlab::reject_unknown_keys(value, {"n", "big", "s", "b"}, "cfg"); }),
                 std::string("cfg: unknown key \"a\" (known keys: n, big, s, b)"));
        lstmlab::reject_unknown_keys(value, {"n", "big", "s", "b", "a"}, "cfg");
    }

    void setReplacesInPlace()
    {
        Json value = Json::object();
        value.set("a", 1);
        value.set("b", 2);
        value.set("a", 3);
        QCOMPARE(lstmlab::to_json(value), std::string(R"({"a":3,"b":2})"));
        QCOMPARE(value.find("zz"), static_cast<const Json*>(nullptr));
        QCOMPARE(error_of([] { Json(1).set("a", 1); }), std::string("JSON value: expected an object, got 1"));
    }
};

LSTMLAB_TEST_APPLESS_MAIN(TestJson)

}  // namespace tst_json
#include "tst_json.moc"
