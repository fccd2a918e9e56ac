// safetensors: every R1 hostile input with its exact message, R4 bit-identical round trips,
// byte-exact agreement with the reference implementation, and interop with a numpy implementation.
#include "engine/core/error.h"
#include "engine/core/json.h"
#include "engine/core/rng.h"
#include "engine/io/safetensors.h"
#include "test_support.h"
#include "test_main.h"

#include <QtTest>

#include <bit>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <numbers>
#include <optional>

namespace tst_safetensors {

using lstmlab::Dtype;
using lstmlab::SafetensorsFile;
using lstmlab::TensorToWrite;

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

std::span<const std::byte> as_span(const QByteArray& bytes)
{
    return {reinterpret_cast<const std::byte*>(bytes.constData()), static_cast<std::size_t>(bytes.size())};
}

// 8-byte little-endian length (the header's, unless overridden), header, then `data_bytes` zeros.
QByteArray file_bytes(const QByteArray& header, int data_bytes, std::optional<std::uint64_t> length = {})
{
    const std::uint64_t n = length.value_or(static_cast<std::uint64_t>(header.size()));
    QByteArray out;
    for (int k = 0; k < 8; ++k)
        out.append(static_cast<char>((n >> (8 * k)) & 0xff));
    return out + header + QByteArray(data_bytes, '\0');
}

std::vector<std::byte> read_all(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    std::vector<char> chars((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::vector<std::byte> out(chars.size());
    std::memcpy(out.data(), chars.data(), chars.size());
    return out;
}

template <typename Scalar>
TensorToWrite tensor_of(const std::string& name, Dtype dtype, std::vector<std::size_t> shape,
                        const std::vector<Scalar>& values)
{
    return {name, dtype, std::move(shape), values.data(), values.size() * sizeof(Scalar)};
}

// Awkward values first, then random bit patterns (every exponent, NaN payloads included).
template <typename Bits>
std::vector<Bits> awkward_bits(std::size_t count, lstmlab::Rng& rng)
{
    std::vector<Bits> special;
    if constexpr (sizeof(Bits) == 4)
        special = {0x80000000u, 0x00000001u, 0x007fffffu, 0x7f800000u, 0xff800000u, 0x7fc00001u, 0x7f800001u,
                   0xffc12345u, 0x7f7fffffu};
    else
        special = {0x8000000000000000u, 0x0000000000000001u, 0x000fffffffffffffu, 0x7ff0000000000000u,
                   0xfff0000000000000u, 0x7ff8000000000001u, 0x7ff0000000000001u, 0xfff8123456789abcu};
    std::vector<Bits> bits(count);
    for (std::size_t k = 0; k < count; ++k)
        bits[k] = k < special.size() ? special[k] : static_cast<Bits>(rng.next_u64());
    return bits;
}

std::string python_with_numpy()
{
    for (const char* python : {"/usr/bin/python3", "python3"})
        if (std::system((std::string(python) + " -c 'import numpy' >/dev/null 2>&1").c_str()) == 0)
            return python;
    return {};
}

std::string run_and_capture(const std::string& command)
{
    std::string out;
    FILE* pipe = ::popen(command.c_str(), "r");
    if (!pipe)
        return out;
    char buffer[4096];
    std::size_t got = 0;
    while ((got = std::fread(buffer, 1, sizeof buffer, pipe)) > 0)
        out.append(buffer, got);
    ::pclose(pipe);
    return out;
}

template <typename Bits>
std::string hex_of(Bits value)
{
    char buffer[24];
    std::snprintf(buffer, sizeof buffer, "%0*llx", static_cast<int>(2 * sizeof(Bits)), static_cast<unsigned long long>(value));
    return buffer;
}

} // namespace

class TestSafetensors : public QObject {
    Q_OBJECT
private slots:
    // docs/reliability.md R1: each hostile file and the one sentence it must produce. Byte counts in
    // the messages follow from the inputs (8-byte length field, header, zero-filled data).
    void hostileInput_data()
    {
        QTest::addColumn<QByteArray>("file");
        QTest::addColumn<QString>("message");
        const auto row = [](const char* name, const QByteArray& file, const QString& message) {
            QTest::newRow(name) << file << message;
        };
        const QByteArray w = R"({"w":{"dtype":"F32","shape":[2],"data_offsets":[0,8]})";
        row("file < 8 bytes", QByteArray("\x01\x02\x03\x04\x05"),
            "m.safetensors: the file is 5 bytes long, too short for a safetensors file (at least 8 bytes)");
        row("header length 2^64-1", file_bytes("{}", 0, std::numeric_limits<std::uint64_t>::max()),
            "m.safetensors: header length 18446744073709551615 exceeds the limit of 100000000 bytes");
        row("header length cap + 1", file_bytes("{}", 0, 100000001),
            "m.safetensors: header length 100000001 exceeds the limit of 100000000 bytes");
        row("a CSV given as a checkpoint", QByteArray("Date,Open,High\n1985-01-02,3.18,3.18\n"),
            "m.safetensors: header length 7309429247321596228 exceeds the limit of 100000000 bytes; the file starts "
            "with the text \"Date,Ope\", so it is not a safetensors checkpoint");
        row("a short text file", QByteArray("a,b\n1,2\n3,4\n"),
            "m.safetensors: header length 734698278354037857 exceeds the limit of 100000000 bytes; the file starts "
            "with the text \"a,b\\n1,2\\n\", so it is not a safetensors checkpoint");
        row("length past EOF", file_bytes("{}      ", 0, 1000),
            "m.safetensors: header length 1000 runs past the end of the file (8 bytes follow the length field)");
        row("empty header", file_bytes("", 0), "m.safetensors: the header is empty (length 0)");
        row("non-UTF-8", file_bytes("{\"a\xff\":{}}", 0),
            "m.safetensors header:1:4: invalid UTF-8: byte 0xFF never appears in UTF-8");
        row("not starting {", file_bytes("[]", 0), "m.safetensors: the header does not start with '{' (it starts with '[')");
        row("leading space", file_bytes(" {}", 0),
            "m.safetensors: the header does not start with '{' (it starts with byte 0x20)");
        row("invalid JSON", file_bytes(R"({"w":{"dtype":"U8","shape":[1],"data_offsets":[0,1]},})", 1),
            "m.safetensors header:1:53: trailing comma before '}'");
        row("duplicate tensor",
            file_bytes(R"({"w":{"dtype":"U8","shape":[1],"data_offsets":[0,1]},"w":{"dtype":"U8","shape":[1],"data_offsets":[1,2]}})", 2),
            "m.safetensors header:1:54: duplicate key \"w\" (first defined at line 1, column 2)");
        row("unknown dtype", file_bytes(R"({"w":{"dtype":"F128","shape":[1],"data_offsets":[0,16]}})", 16),
            "m.safetensors: tensor \"w\": unknown dtype \"F128\" (known: BOOL, U8, I8, F8_E5M2, F8_E4M3, I16, U16, "
            "F16, BF16, I32, U32, F32, F64, I64, U64)");
        row("huge shape", file_bytes(R"({"w":{"dtype":"F32","shape":[4294967296,4294967296,4294967296],"data_offsets":[0,4]}})", 4),
            "m.safetensors: tensor \"w\": shape [4294967296, 4294967296, 4294967296] of F32 is too large (its byte "
            "size overflows 64 bits)");
        row("shape beyond 2^53", file_bytes(R"({"w":{"dtype":"U8","shape":[18446744073709551616],"data_offsets":[0,4]}})", 4),
            "m.safetensors: tensor \"w\": shape[0]: expected a non-negative integer, got 18446744073709551616");
        row("end < begin", file_bytes(R"({"w":{"dtype":"F32","shape":[1],"data_offsets":[8,4]}})", 8),
            "m.safetensors: tensor \"w\": data_offsets [8, 4] end before they begin");
        row("overlap",
            file_bytes(R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}})", 12),
            "m.safetensors: tensor \"b\": data_offsets [4, 12] overlap tensor \"a\" [0, 8]");
        row("hole",
            file_bytes(R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[2],"data_offsets":[12,20]}})", 20),
            "m.safetensors: tensor \"b\": data_offsets [12, 20] leave 4 bytes unused after tensor \"a\" [0, 8]");
        row("hole at start", file_bytes(R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}})", 12),
            "m.safetensors: tensor \"a\": data_offsets [4, 12] leave 4 bytes unused at the start of the data buffer");
        row("trailing bytes", file_bytes(w + "}", 12),
            "m.safetensors: the last 4 bytes of the data buffer belong to no tensor");
        row("data but no tensors", file_bytes("{}", 3), "m.safetensors: the last 3 bytes of the data buffer belong to no tensor");
        row("span past data", file_bytes(w + "}", 4),
            "m.safetensors: tensor \"w\": data_offsets [0, 8] run past the end of the data buffer (4 bytes)");
        row("shape x dtype != span", file_bytes(R"({"w":{"dtype":"F32","shape":[2,3],"data_offsets":[0,20]}})", 20),
            "m.safetensors: tensor \"w\": shape [2, 3] of F32 needs 24 bytes, but data_offsets [0, 20] span 20");
        row("metadata non-string", file_bytes(R"({"__metadata__":{"version":1}})", 0),
            "m.safetensors: __metadata__.version: expected a string, got 1");
        row("metadata not an object", file_bytes(R"({"__metadata__":["a"]})", 0),
            "m.safetensors: __metadata__: expected an object, got an array");
        row("negative dimension", file_bytes(R"({"w":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}})", 4),
            "m.safetensors: tensor \"w\": shape[0]: expected a non-negative integer, got -1");
        row("fractional offset", file_bytes(R"({"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4.5]}})", 4),
            "m.safetensors: tensor \"w\": data_offsets[1]: expected a non-negative integer, got 4.5");
        row("three offsets", file_bytes(R"({"w":{"dtype":"F32","shape":[1],"data_offsets":[0,4,8]}})", 4),
            "m.safetensors: tensor \"w\": data_offsets must be [begin, end], not 3 numbers");
        row("shape not an array", file_bytes(R"({"w":{"dtype":"F32","shape":4,"data_offsets":[0,4]}})", 4),
            "m.safetensors: tensor \"w\": shape: expected an array, got 4");
        row("missing dtype", file_bytes(R"({"w":{"shape":[1],"data_offsets":[0,4]}})", 4),
            "m.safetensors: tensor \"w\": missing key \"dtype\"");
        row("unknown field", file_bytes(R"({"w":{"dtype":"F32","shape":[],"data_offsets":[0,4],"strides":[1]}})", 4),
            "m.safetensors: tensor \"w\": unknown key \"strides\" (known keys: dtype, shape, data_offsets)");
        row("entry not an object", file_bytes(R"({"w":3})", 0), "m.safetensors: tensor \"w\": expected an object, got 3");
        row("empty tensor inside another", file_bytes(R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"e":{"dtype":"F32","shape":[0],"data_offsets":[4,4]}})", 8),
            "m.safetensors: tensor \"e\": data_offsets [4, 4] overlap tensor \"a\" [0, 8]");
    }
    void hostileInput()
    {
        QFETCH(QByteArray, file);
        QFETCH(QString, message);
        QCOMPARE(QString::fromStdString(error_of([&] { lstmlab::parse_safetensors(as_span(file), "m.safetensors"); })),
                 message);
        // The file reader gives the same sentence, with the path in place of the source name.
        lstmlab::test::TempDir dir;
        const std::string path = dir.file("m.safetensors");
        std::ofstream(path, std::ios::binary).write(file.constData(), file.size());
        QCOMPARE(QString::fromStdString(error_of([&] { lstmlab::read_safetensors(path); })),
                 QString(message).replace("m.safetensors", QString::fromStdString(path)));
    }

    void fileProblems()
    {
        lstmlab::test::TempDir dir;
        QCOMPARE(error_of([&] { lstmlab::read_safetensors(dir.file("none.safetensors")); }),
                 dir.file("none.safetensors") + ": cannot open the file: No such file or directory");
        QCOMPARE(error_of([&] { lstmlab::read_safetensors(dir.path()); }),
                 dir.path() + ": is a directory, not a safetensors file");
    }

    void validFileAccessors()
    {
        const QByteArray header = R"({"__metadata__":{"format":"x"},"b":{"dtype":"F64","shape":[],"data_offsets":[4,12]},)"
                                  R"("a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"e":{"dtype":"F32","shape":[0,2],"data_offsets":[12,12]}})";
        QByteArray bytes = file_bytes(header, 0);
        const float a = 1.25f;
        const double b = -3.5;
        bytes.append(reinterpret_cast<const char*>(&a), 4).append(reinterpret_cast<const char*>(&b), 8);
        const SafetensorsFile file = lstmlab::parse_safetensors(as_span(bytes), "v.safetensors");
        QCOMPARE(file.tensors().size(), std::size_t{3});
        QCOMPARE(file.tensors()[0].name, std::string("a"));   // data order, not header order
        QCOMPARE(file.tensors()[1].name, std::string("b"));
        QCOMPARE(file.tensors()[2].element_count(), std::size_t{0});
        QCOMPARE(file.as_f32("a"), std::vector<float>{1.25f});
        QCOMPARE(file.as_f64("b"), std::vector<double>{-3.5});
        QVERIFY(file.as_f32("e").empty());
        QCOMPARE(file.metadata_value("format"), std::string("x"));
        QVERIFY(file.find("zz") == nullptr);
        QCOMPARE(error_of([&] { file.as_f32("b"); }), std::string("v.safetensors: tensor \"b\" is F64, expected F32"));
        QCOMPARE(error_of([&] { file.as_f64("zz"); }), std::string("v.safetensors: no tensor named \"zz\""));
        QCOMPARE(error_of([&] { file.bytes("zz"); }), std::string("v.safetensors: no tensor named \"zz\""));
        QCOMPARE(error_of([&] { file.metadata_value("version"); }),
                 std::string("v.safetensors: __metadata__ has no \"version\" entry"));
    }

    void validateExpected_data()
    {
        QTest::addColumn<QStringList>("expected");   // "name:dtype:d0,d1"
        QTest::addColumn<QString>("message");
        QTest::newRow("all match") << QStringList{"fc.weight:F32:1,64", "fc.bias:F32:1", "extra:F32:2"} << "";
        QTest::newRow("mis-shaped") << QStringList{"fc.weight:F32:1,32", "fc.bias:F32:1", "extra:F32:2"}
                                    << "checkpoint m.safetensors: tensor \"fc.weight\" has shape [1, 64], the model needs [1, 32]";
        QTest::newRow("wrong dtype") << QStringList{"fc.weight:F32:1,64", "fc.bias:F64:1", "extra:F32:2"}
                                     << "checkpoint m.safetensors: tensor \"fc.bias\" has dtype F32, the model needs F64";
        QTest::newRow("missing") << QStringList{"fc.weight:F32:1,64", "fc.bias:F32:1", "extra:F32:2", "lstm.weight_ih_l0:F32:128,5"}
                                 << "checkpoint m.safetensors: tensor \"lstm.weight_ih_l0\" is missing";
        QTest::newRow("extra") << QStringList{"fc.weight:F32:1,64", "fc.bias:F32:1"}
                               << "checkpoint m.safetensors: tensor \"extra\" is not part of the model";
        QTest::newRow("everything at once")
            << QStringList{"fc.weight:F32:1,32", "a:F32:1", "b:F32:1", "c:F32:1", "d:F32:1", "e:F32:1", "f:F32:1", "g:F32:1"}
            << "checkpoint m.safetensors: 7 tensors are missing: \"a\", \"b\", \"c\", \"d\", \"e\" and 2 more; tensor "
               "\"fc.weight\" has shape [1, 64], the model needs [1, 32]; 2 tensors are not part of the model: "
               "\"fc.bias\", \"extra\"";
    }
    void validateExpected()
    {
        QFETCH(QStringList, expected);
        QFETCH(QString, message);
        const QByteArray header = R"({"fc.weight":{"dtype":"F32","shape":[1,64],"data_offsets":[0,256]},)"
                                  R"("fc.bias":{"dtype":"F32","shape":[1],"data_offsets":[256,260]},)"
                                  R"("extra":{"dtype":"F32","shape":[2],"data_offsets":[260,268]}})";
        const QByteArray bytes = file_bytes(header, 268);
        const SafetensorsFile file = lstmlab::parse_safetensors(as_span(bytes), "m.safetensors");
        std::vector<lstmlab::ExpectedTensor> needs;
        for (const QString& spec : expected) {
            const QStringList parts = spec.split(':');
            lstmlab::ExpectedTensor need{parts[0].toStdString(), *lstmlab::parse_dtype(parts[1].toStdString()), {}};
            for (const QString& dim : parts[2].split(','))
                need.shape.push_back(dim.toULongLong());
            needs.push_back(need);
        }
        const std::string got = error_of([&] { lstmlab::validate_expected(file, needs); });
        QCOMPARE(QString::fromStdString(got), message.isEmpty() ? QString("(no error)") : message);
    }

    // docs/reliability.md R4: random shapes and values, -0.0, subnormals, NaN payloads (quiet and
    // signalling), +-inf: what is read back is the same bits, for F32 and F64.
    void roundTripIsBitIdentical()
    {
        lstmlab::test::TempDir dir;
        lstmlab::Rng rng(20240611);
        for (int trial = 0; trial < 40; ++trial) {
            std::vector<std::vector<std::uint32_t>> f32s;
            std::vector<std::vector<std::uint64_t>> f64s;
            std::vector<TensorToWrite> tensors;
            const int count = 1 + static_cast<int>(rng.below(6));
            f32s.reserve(static_cast<std::size_t>(count));   // tensors point into these vectors
            f64s.reserve(static_cast<std::size_t>(count));
            for (int k = 0; k < count; ++k) {
                std::vector<std::size_t> shape(rng.below(4));
                std::size_t elements = 1;
                for (auto& dim : shape)
                    elements *= dim = rng.below(6);
                const std::string name = std::string(1, 't').append(std::to_string(k));
                if (rng.below(2) == 0) {
                    f32s.push_back(awkward_bits<std::uint32_t>(elements, rng));
                    tensors.push_back(tensor_of(name, Dtype::f32, shape, f32s.back()));
                } else {
                    f64s.push_back(awkward_bits<std::uint64_t>(elements, rng));
                    tensors.push_back(tensor_of(name, Dtype::f64, shape, f64s.back()));
                }
            }
            const std::map<std::string, std::string> metadata{{"trial", std::to_string(trial)}, {"text", "\"\\\n\xc3\xa9"}};
            const std::string path = dir.file("r.safetensors");
            lstmlab::write_safetensors(path, tensors, metadata);
            const SafetensorsFile file = lstmlab::read_safetensors(path);
            QCOMPARE(file.metadata(), metadata);
            QCOMPARE(file.tensors().size(), tensors.size());
            for (std::size_t k = 0; k < tensors.size(); ++k) {
                const auto& got = file.tensors()[k];
                QCOMPARE(got.name, tensors[k].name);
                QCOMPARE(got.shape, tensors[k].shape);
                QVERIFY(got.dtype == tensors[k].dtype);
                const auto bytes = file.bytes(got);
                QCOMPARE(bytes.size(), tensors[k].byte_count);
                QVERIFY(bytes.empty() || std::memcmp(bytes.data(), tensors[k].data, bytes.size()) == 0);
                if (got.dtype == Dtype::f32) {   // the typed copy keeps NaN payloads too
                    const auto values = file.as_f32(got.name);
                    QVERIFY(values.empty() || std::memcmp(values.data(), tensors[k].data, bytes.size()) == 0);
                } else {
                    const auto values = file.as_f64(got.name);
                    QVERIFY(values.empty() || std::memcmp(values.data(), tensors[k].data, bytes.size()) == 0);
                }
            }
            const auto raw = read_all(path);
            QCOMPARE(lstmlab::serialize_safetensors(tensors, metadata), raw);
            std::uint64_t n = 0;
            std::memcpy(&n, raw.data(), 8);
            QCOMPARE(n % 8, std::uint64_t{0});   // data starts 8-byte aligned
        }
    }

    // A smoke test of R1 until the fuzz harness of R2 exists: 20,000 random mutations of a valid
    // file (byte flips, truncations, insertions, a random header length) either parse into a file
    // whose spans tile its data exactly or throw lstmlab::Error; nothing else (ASan checks memory).
    void randomMutationsFailCleanly()
    {
        const std::vector<float> a(6, 1.5f);
        const std::vector<double> b(3, -2.0);
        const auto valid = lstmlab::serialize_safetensors(
            {tensor_of("a", Dtype::f32, {2, 3}, a), tensor_of("b", Dtype::f64, {3}, b)}, {{"k", "v"}});
        lstmlab::Rng rng(99);
        int parsed = 0;
        for (int trial = 0; trial < 20000; ++trial) {
            std::vector<std::byte> bytes = valid;
            const int edits = 1 + static_cast<int>(rng.below(3));
            for (int e = 0; e < edits && !bytes.empty(); ++e) {
                const std::size_t at = rng.below(bytes.size());
                switch (rng.below(4)) {
                case 0: bytes[at] = static_cast<std::byte>(rng.below(256)); break;
                case 1: bytes.resize(at); break;
                case 2: bytes.insert(bytes.begin() + static_cast<std::ptrdiff_t>(at), static_cast<std::byte>(rng.below(256))); break;
                default: bytes[rng.below(std::min<std::size_t>(8, bytes.size()))] = static_cast<std::byte>(rng.below(256));
                }
            }
            try {
                const SafetensorsFile file = lstmlab::parse_safetensors(bytes, "fuzz");
                std::size_t covered = 0;
                for (const auto& tensor : file.tensors()) {
                    QCOMPARE(tensor.begin, covered);
                    covered = tensor.end;
                    QCOMPARE(file.bytes(tensor).size(), tensor.byte_count());
                }
                ++parsed;
            } catch (const lstmlab::Error&) {
            }
        }
        QVERIFY(parsed > 0);   // some mutations (e.g. of a value byte) leave a valid file
    }

    // The byte sequences of the reference implementation's own tests (huggingface/safetensors,
    // safetensors/src/tensor.rs: test_serialization and test_empty), rebuilt from their text.
    void matchesReferenceBytes()
    {
        const std::vector<float> values{0, 1, 2, 3, 4, 5};
        const auto bytes = lstmlab::serialize_safetensors({tensor_of("attn.0", Dtype::f32, {1, 2, 3}, values)}, {});
        const std::string header = R"({"attn.0":{"dtype":"F32","shape":[1,2,3],"data_offsets":[0,24]}})";
        QCOMPARE(header.size(), std::size_t{64});   // the reference's length field is 64
        std::string expected("\x40\0\0\0\0\0\0\0", 8);
        expected += header;
        expected.append(reinterpret_cast<const char*>(values.data()), 24);
        QCOMPARE(std::string(reinterpret_cast<const char*>(bytes.data()), bytes.size()), expected);

        const auto empty = lstmlab::serialize_safetensors({}, {});
        QCOMPARE(std::string(reinterpret_cast<const char*>(empty.data()), empty.size()),
                 std::string("\x08\0\0\0\0\0\0\0{}      ", 16));
        const auto framework = lstmlab::serialize_safetensors({}, {{"framework", "pt"}});
        QCOMPARE(std::string(reinterpret_cast<const char*>(framework.data()), framework.size()),
                 std::string("\x28\0\0\0\0\0\0\0", 8) + R"({"__metadata__":{"framework":"pt"}})" + "     ");
    }

    void writerRejectsBadTensors()
    {
        lstmlab::test::TempDir dir;
        const std::string path = dir.file("w.safetensors");
        const std::vector<float> six(6);
        const auto write = [&](std::vector<TensorToWrite> tensors) {
            return error_of([&] { lstmlab::write_safetensors(path, tensors, {}); });
        };
        QCOMPARE(write({tensor_of("a", Dtype::f32, {6}, six), tensor_of("a", Dtype::f32, {2, 3}, six)}),
                 path + ": tensor \"a\" is given twice");
        QCOMPARE(write({tensor_of("__metadata__", Dtype::f32, {6}, six)}),
                 path + ": \"__metadata__\" is reserved and cannot name a tensor");
        QCOMPARE(write({tensor_of("a", Dtype::f32, {7}, six)}),
                 path + ": tensor \"a\": shape [7] of F32 needs 28 bytes, but 24 were given");
        QCOMPARE(write({TensorToWrite{"a", Dtype::f32, {6}, nullptr, 24}}), path + ": tensor \"a\": no data for its 24 bytes");
        QCOMPARE(write({tensor_of("bad\xff", Dtype::f32, {6}, six)}), path + ": the name of tensor #1 is not valid UTF-8");
        QVERIFY(!std::filesystem::exists(path));   // nothing was written
        QCOMPARE(error_of([&] { lstmlab::write_safetensors(dir.path(), {tensor_of("a", Dtype::f32, {6}, six)}, {}); }),
                 dir.path() + ": cannot save: it is a directory");
    }

    // A file written by tests/fixtures/safetensors_numpy.py (numpy, not our code): header order is
    // the reverse of data order, names and metadata use \u escapes. Values from its make().
    void readsPythonWrittenFixture()
    {
        const SafetensorsFile file = lstmlab::read_safetensors(lstmlab::test::source_path("tests/fixtures/io/python_numpy.safetensors"));
        std::vector<std::string> names;
        for (const auto& tensor : file.tensors())
            names.push_back(tensor.name);
        QCOMPARE(names, (std::vector<std::string>{"f32", "f64", "i64", "empty", "scalar", "half", "flags", "gr\xc3\xb6\xc3\x9f" "e"}));
        const auto f32 = file.as_f32("f32");
        std::vector<std::uint32_t> f32_bits(f32.size());
        std::memcpy(f32_bits.data(), f32.data(), f32.size() * 4);
        QCOMPARE(f32_bits, (std::vector<std::uint32_t>{0x00000000, 0x80000000, 0x3fc00000, 0x00000001, 0x7f800000, 0x7fc00123}));
        QCOMPARE(file.find("f32")->shape, (std::vector<std::size_t>{2, 3}));
        const auto f64 = file.as_f64("f64");
        QCOMPARE(f64[0], -std::numeric_limits<double>::infinity());
        QCOMPARE(f64[1], std::numeric_limits<double>::denorm_min());
        QCOMPARE(f64[2], std::numbers::pi);
        std::vector<std::int64_t> i64(4);
        std::memcpy(i64.data(), file.bytes("i64").data(), 32);
        QCOMPARE(i64, (std::vector<std::int64_t>{-1, std::int64_t{1} << 62, 0, std::numeric_limits<std::int64_t>::min()}));
        QCOMPARE(file.find("empty")->shape, (std::vector<std::size_t>{0, 3}));
        QVERIFY(file.find("scalar")->shape.empty());
        QCOMPARE(std::to_integer<int>(file.bytes("scalar")[0]), 255);
        QVERIFY(file.find("half")->dtype == Dtype::f16);
        QVERIFY(file.find("flags")->dtype == Dtype::boolean);
        QCOMPARE(file.metadata_value("unicode"), std::string("Gr\xc3\xb6\xc3\x9f" "e \xe2\x9c\x93 \xf0\x9f\x98\x80"));
        QCOMPARE(file.metadata_value("json"), std::string(R"({"a": [1, 2]})"));
    }

    // The other way round: numpy reads a file we wrote and sees the same names, dtypes, shapes,
    // offsets, bits and metadata. python3-numpy is one of .ci/debian-packages.txt: without it the
    // test fails (make deps installs it).
    void pythonReadsOurFile()
    {
        const std::string python = python_with_numpy();
        QVERIFY2(!python.empty(), "python3 with numpy is not available (make deps installs python3-numpy)");
        lstmlab::test::TempDir dir;
        lstmlab::Rng rng(77);
        const auto f32 = awkward_bits<std::uint32_t>(12, rng);
        const auto f64 = awkward_bits<std::uint64_t>(9, rng);
        const std::vector<std::int64_t> i64{-5, 1LL << 60};
        const std::vector<std::uint16_t> f16{0x3c00, 0x7e01};
        const std::vector<float> none;
        const std::vector<TensorToWrite> tensors{
            tensor_of("lstm.weight_ih_l0", Dtype::f32, {3, 4}, f32), tensor_of("\xce\xb1.bias", Dtype::f64, {9}, f64),
            tensor_of("step", Dtype::i64, {2}, i64), tensor_of("half", Dtype::f16, {1, 2}, f16),
            tensor_of("empty", Dtype::f32, {0}, none)};
        const std::map<std::string, std::string> metadata{{"model", R"({"cell":"lstm"})"}, {"note", "\xe2\x9c\x93 \x01"}};
        const std::string path = dir.file("ours.safetensors");
        lstmlab::write_safetensors(path, tensors, metadata);
        const std::string script = lstmlab::test::source_path("tests/fixtures/safetensors_numpy.py");
        const std::string out = run_and_capture(python + " '" + script + "' dump '" + path + "'");
        const lstmlab::Json dump = lstmlab::parse_json(out, "python dump");
        const auto& listed = dump.find("tensors")->items();
        QCOMPARE(listed.size(), tensors.size());
        std::size_t offset = 0;
        for (std::size_t k = 0; k < tensors.size(); ++k) {
            const auto& entry = listed[k];
            QCOMPARE(entry.find("name")->as_string(), tensors[k].name);
            QCOMPARE(entry.find("dtype")->as_string(), std::string(lstmlab::dtype_name(tensors[k].dtype)));
            std::vector<std::size_t> shape;
            for (const auto& dim : entry.find("shape")->items())
                shape.push_back(static_cast<std::size_t>(dim.as_number()));
            QCOMPARE(shape, tensors[k].shape);
            QCOMPARE(entry.find("data_offsets")->items()[0].as_number(), static_cast<double>(offset));
            offset += tensors[k].byte_count;
            std::vector<std::string> bits;
            for (const auto& value : entry.find("bits")->items())
                bits.push_back(value.as_string());
            std::vector<std::string> want;
            const std::size_t width = lstmlab::dtype_size(tensors[k].dtype);
            for (std::size_t e = 0; e < tensors[k].byte_count / width; ++e) {
                std::uint64_t value = 0;
                std::memcpy(&value, static_cast<const char*>(tensors[k].data) + e * width, width);
                want.push_back(width == 8   ? hex_of<std::uint64_t>(value)
                               : width == 4 ? hex_of<std::uint32_t>(static_cast<std::uint32_t>(value))
                                            : hex_of<std::uint16_t>(static_cast<std::uint16_t>(value)));
            }
            QCOMPARE(bits, want);
        }
        QCOMPARE(dump.find("metadata")->find("note")->as_string(), metadata.at("note"));
        QCOMPARE(dump.find("metadata")->find("model")->as_string(), metadata.at("model"));
    }

    // Files other parts of the project made with PyTorch through resources/python/lstmlab_torch.py.
    void readsPyTorchMadeFixtures()
    {
        int read = 0;
        for (const char* folder : {"tests/fixtures/parity", "tests/fixtures/interop"}) {
            const std::filesystem::path root = lstmlab::test::source_path(folder);
            if (!std::filesystem::is_directory(root))
                continue;
            for (const auto& entry : std::filesystem::directory_iterator(root)) {
                if (entry.path().extension() != ".safetensors")
                    continue;
                const SafetensorsFile file = lstmlab::read_safetensors(entry.path().string());
                QVERIFY(!file.tensors().empty());
                ++read;
            }
        }
        // The fixtures are committed (tests/fixtures): none found is a broken tree, not a reason to skip.
        QVERIFY2(read > 0, "no PyTorch-made fixtures found under tests/fixtures");
    }
};

LSTMLAB_TEST_APPLESS_MAIN(TestSafetensors)

}  // namespace tst_safetensors
#include "tst_safetensors.moc"
