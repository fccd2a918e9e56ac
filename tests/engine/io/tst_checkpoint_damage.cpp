// Damaged and foreign checkpoints (R1): one flipped exponent bit in ANY tensor -- every weight kind,
// both Adam moments and the best weights -- is refused at load with the tensor's name and the index
// of the bad value; weights PyTorch saved as F64 or BF16 load as F32 with a note; a model-only file
// loads but cannot prepare data, and says so naming the file.
#include "engine/io/checkpoint.h"
#include "engine/io/safetensors.h"
#include "engine/workflow/checkpoint_data.h"
#include "test_files.h"
#include "test_support.h"
#include "../train/train_test_data.h"
#include "test_main.h"

#include <QtTest>

#include <cstring>
#include <fstream>
#include <sstream>

namespace tst_checkpoint_damage {

using namespace lstmlab;
using namespace lstmlab::test;

namespace {

// A run stopped mid-epoch: the file holds every kind of tensor (LSTM, attention, fc, both Adam
// moments, best.*).
Checkpoint stopped_run_checkpoint(const PreparedData& data)
{
    ModelSpec spec;
    spec.hidden = {6, 4};
    spec.attention = true;
    spec.features = 1;
    spec.outputs = 1;
    Model<float> model(spec);
    Rng init(3);
    model.initialize(init);
    TrainConfig config;
    config.epochs = 3;
    config.batch_size = 16;
    config.adam.learning_rate = 5e-3;
    Trainer trainer(model, data, config);
    int batches = 0;
    trainer.run({[&](const TrainProgress& p) { return p.epoch_end || ++batches < 12; }, {}});
    return make_checkpoint(trainer, data.pipeline, "test");
}

// Where tensor `name`'s element `k` starts in the file.
std::size_t element_offset(const std::string& file_bytes, const SafetensorsTensor& tensor, std::size_t k)
{
    std::uint64_t header = 0;
    std::memcpy(&header, file_bytes.data(), 8);
    return 8 + header + tensor.begin + k * sizeof(float);
}

std::string index_text(std::size_t flat, const std::vector<std::size_t>& shape)
{
    std::vector<std::size_t> index(shape.size());
    for (std::size_t d = shape.size(); d-- > 0;) {
        index[d] = flat % shape[d];
        flat /= shape[d];
    }
    return shape_text(index);
}

std::string load_error(const std::string& path)
{
    try {
        load_checkpoint(path);
    } catch (const Error& error) {
        return error.what();
    }
    return "(loaded)";
}

// The model tensors of `checkpoint`, stored as `dtype` (F64 or BF16) with its metadata: what
// lstmlab_torch.save_checkpoint writes for model.double() or a bfloat16 model, plus `metadata`.
void write_converted(const std::string& path, const Checkpoint& checkpoint, Dtype dtype,
                     const std::map<std::string, std::string>& metadata, double first_value_override = 0)
{
    const Model<float> layout(checkpoint.spec);
    std::vector<std::vector<std::byte>> storage;
    std::vector<TensorToWrite> tensors;
    for (const TensorInfo& tensor : layout.parameters().tensors()) {
        std::vector<std::byte> bytes(tensor.size() * dtype_size(dtype));
        for (std::size_t k = 0; k < tensor.size(); ++k) {
            const float value = checkpoint.weights[tensor.offset + k];
            if (dtype == Dtype::f64) {
                double wide = value;
                if (first_value_override != 0 && tensor.offset + k == 0)
                    wide = first_value_override;
                std::memcpy(bytes.data() + 8 * k, &wide, 8);
            } else {
                std::uint32_t bits = 0;
                std::memcpy(&bits, &value, 4);
                const std::uint16_t top = std::uint16_t(bits >> 16);
                std::memcpy(bytes.data() + 2 * k, &top, 2);
            }
        }
        storage.push_back(std::move(bytes));
        tensors.push_back({tensor.name, dtype, tensor.shape(), storage.back().data(), storage.back().size()});
    }
    write_safetensors(path, tensors, metadata);
}

} // namespace

class TestCheckpointDamage : public QObject {
    Q_OBJECT

    PreparedData m_data = sine_data(200);
    TempDir m_dir;
    std::string m_good;

private slots:
    void initTestCase()
    {
        m_good = m_dir.file("good.safetensors");
        save_checkpoint(m_good, stopped_run_checkpoint(m_data));
        const SafetensorsFile file = read_safetensors(m_good);
        for (const char* prefix : {"lstm.", "attention.", "fc.", "optimizer.exp_avg.", "optimizer.exp_avg_sq.", "best."}) {
            const bool present = std::any_of(file.tensors().begin(), file.tensors().end(),
                                             [&](const SafetensorsTensor& t) { return t.name.rfind(prefix, 0) == 0; });
            QVERIFY2(present, prefix);   // every kind is in the file, so the rows below cover it
        }
    }

    // Every tensor of the file, one bit flipped: bit 30 (the top exponent bit) of a value 1.0 makes
    // +Inf, of 1.25 a NaN. The element is the tensor's last, so the index is not trivially 0.
    void oneFlippedExponentBitIsRefused_data()
    {
        QTest::addColumn<QString>("tensor");
        QTest::addColumn<float>("value");
        QTest::addColumn<QString>("shown");
        const SafetensorsFile file = read_safetensors(m_good);
        for (const SafetensorsTensor& t : file.tensors()) {
            QTest::addRow("%s Inf", t.name.c_str()) << QString::fromStdString(t.name) << 1.0f << "+Inf";
            QTest::addRow("%s NaN", t.name.c_str()) << QString::fromStdString(t.name) << 1.25f << "NaN";
        }
    }
    void oneFlippedExponentBitIsRefused()
    {
        QFETCH(QString, tensor);
        QFETCH(float, value);
        QFETCH(QString, shown);
        const SafetensorsFile file = read_safetensors(m_good);
        const SafetensorsTensor* t = file.find(tensor.toStdString());
        QVERIFY(t);
        const std::size_t k = t->element_count() - 1;
        std::string bytes = read_file_bytes(m_good);
        std::uint32_t bits = 0;
        std::memcpy(&bits, &value, 4);
        bits ^= std::uint32_t(1) << 30;
        std::memcpy(bytes.data() + element_offset(bytes, *t, k), &bits, 4);
        const std::string damaged = m_dir.file("damaged.safetensors");
        write_file_bytes(damaged, bytes);
        QCOMPARE(QString::fromStdString(load_error(damaged)),
                 QString("%1: tensor \"%2\" holds %3 at index %4 (element %5 of %6); the checkpoint is damaged, so it is refused")
                     .arg(QString::fromStdString(damaged), tensor, shown, QString::fromStdString(index_text(k, t->shape)))
                     .arg(k)
                     .arg(t->element_count()));
    }

    // A negative second moment is as damaging (the update takes its square root).
    void negativeSecondMomentIsRefused()
    {
        const SafetensorsFile file = read_safetensors(m_good);
        const SafetensorsTensor* t = file.find("optimizer.exp_avg_sq.fc.weight");
        QVERIFY(t);
        std::string bytes = read_file_bytes(m_good);
        const float negative = -0.5f;
        std::memcpy(bytes.data() + element_offset(bytes, *t, 0), &negative, 4);
        const std::string damaged = m_dir.file("negative.safetensors");
        write_file_bytes(damaged, bytes);
        const QString error = QString::fromStdString(load_error(damaged));
        QVERIFY2(error.contains("tensor \"optimizer.exp_avg_sq.fc.weight\" holds a negative value") &&
                     error.contains("Adam's second moment is never negative"),
                 qPrintable(error));
    }

    // lstmlab_torch.save_checkpoint of model.double(): F64 weights, converted exactly (they came from F32).
    void f64WeightsLoadAsF32WithANote()
    {
        const Checkpoint original = load_checkpoint(m_good);
        const SafetensorsFile file = read_safetensors(m_good);
        const std::string path = m_dir.file("f64.safetensors");
        write_converted(path, original, Dtype::f64,
                        {{"format", "lstmlab-checkpoint"}, {"version", "1"}, {"model", file.metadata_value("model")},
                         {"data", file.metadata_value("data")}});
        const Checkpoint loaded = load_checkpoint(path);
        QVERIFY(loaded.weights == original.weights);
        QCOMPARE(QString::fromStdString(loaded.note),
                 QString("note: %1 stores its weights as F64; they were converted to F32, the precision LSTM Lab computes in")
                     .arg(QString::fromStdString(path)));
        QVERIFY(loaded.pipeline && !loaded.optimizer && !loaded.training);
    }

    void bf16WeightsLoadAsF32WithANote()
    {
        const Checkpoint original = load_checkpoint(m_good);
        const SafetensorsFile file = read_safetensors(m_good);
        const std::string path = m_dir.file("bf16.safetensors");
        write_converted(path, original, Dtype::bf16,
                        {{"format", "lstmlab-checkpoint"}, {"version", "1"}, {"model", file.metadata_value("model")}});
        const Checkpoint loaded = load_checkpoint(path);
        QCOMPARE(loaded.weights.size(), original.weights.size());
        for (std::size_t k = 0; k < loaded.weights.size(); ++k) {   // BF16 is the top half of the F32
            std::uint32_t bits = 0;
            std::memcpy(&bits, &original.weights[k], 4);
            bits &= 0xFFFF0000u;
            float truncated = 0;
            std::memcpy(&truncated, &bits, 4);
            QCOMPARE(loaded.weights[k], truncated);
        }
        QVERIFY(QString::fromStdString(loaded.note).contains("stores its weights as BF16"));
    }

    void f64BeyondTheF32RangeIsRefused()
    {
        const Checkpoint original = load_checkpoint(m_good);
        const SafetensorsFile file = read_safetensors(m_good);
        const std::string path = m_dir.file("huge.safetensors");
        write_converted(path, original, Dtype::f64,
                        {{"format", "lstmlab-checkpoint"}, {"version", "1"}, {"model", file.metadata_value("model")}}, 1e300);
        const QString error = QString::fromStdString(load_error(path));
        QVERIFY2(error.contains("holds 1e+300 at index [0, 0], beyond the range of F32"), qPrintable(error));
    }

    // A model-only file loads and runs, but no data can be prepared for it: the sentence names the file
    // and what is missing.
    void modelOnlyFileNamesItselfWhenDataIsNeeded()
    {
        const Checkpoint original = load_checkpoint(m_good);
        const SafetensorsFile file = read_safetensors(m_good);
        const std::string path = m_dir.file("model_only.safetensors");
        write_converted(path, original, Dtype::f64,
                        {{"format", "lstmlab-checkpoint"}, {"version", "1"}, {"model", file.metadata_value("model")}});
        const Checkpoint loaded = load_checkpoint(path);
        QVERIFY(!loaded.pipeline);
        QVERIFY(make_model(loaded)->parameters().values() == original.weights);
        try {
            prepare_checkpoint_data(source_path("resources/data/ohlcv_sample.csv"), loaded);
            QFAIL("prepared data for a model-only checkpoint");
        } catch (const Error& error) {
            QVERIFY2(QString(error.what()).startsWith(QString::fromStdString(path) +
                                                      ": the checkpoint holds a model only, no data pipeline"),
                     error.what());
        }
    }

    // Metadata that breaks the model's rules is worded as the file's content, not as an option.
    void badModelMetadataIsWordedAsContent()
    {
        const std::string path = m_dir.file("features0.safetensors");
        const float w = 0;
        write_safetensors(path, {{"w", Dtype::f32, {1}, &w, sizeof w}},
                          {{"format", "lstmlab-checkpoint"}, {"version", "1"},
                           {"model", R"({"cell":"lstm","hidden":[2],"bidirectional":false,"attention":false,"dropout":0,"features":0,"outputs":1})"}});
        QCOMPARE(QString::fromStdString(load_error(path)),
                 QString("%1 metadata \"model\": features: 0 is outside 1..100000").arg(QString::fromStdString(path)));
    }
};

LSTMLAB_TEST_APPLESS_MAIN(TestCheckpointDamage)

}  // namespace tst_checkpoint_damage
#include "tst_checkpoint_damage.moc"
