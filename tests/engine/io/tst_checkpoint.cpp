// The checkpoint bundle: save -> load is bit-identical for weights, optimizer state, best weights,
// pipeline and training record (R4); a loaded checkpoint resumes a run exactly (R5, through a file);
// a PyTorch-made checkpoint predicts what PyTorch predicted; wrong files are refused with a reason.
#include "engine/data/pipeline_json.h"
#include "engine/io/checkpoint.h"
#include "engine/io/safetensors.h"
#include "test_support.h"
#include "../train/train_test_data.h"
#include "test_main.h"

#include <QtTest>

#include <cstring>

namespace tst_checkpoint {

using namespace lstmlab;
using namespace lstmlab::test;

namespace {

ModelSpec small_spec()
{
    ModelSpec spec;
    spec.hidden = {10, 6};
    spec.dropout = 0.2;
    spec.attention = true;
    spec.features = 1;
    spec.outputs = 1;
    return spec;
}

TrainConfig small_config(int epochs)
{
    TrainConfig config;
    config.epochs = epochs;
    config.batch_size = 16;
    config.adam.learning_rate = 5e-3;
    config.patience = 2;
    config.seed = 4;
    return config;
}

bool same_bits(const AlignedVector<float>& a, const AlignedVector<float>& b)
{
    return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0;
}

} // namespace

class TestCheckpoint : public QObject {
    Q_OBJECT
private slots:
    void roundTripIsBitIdentical()
    {
        const PreparedData data = sine_data(200);
        Model<float> model(small_spec());
        Rng init(4);
        model.initialize(init);
        Trainer trainer(model, data, small_config(5));
        int batches = 0;
        trainer.run({[&](const TrainProgress& p) { return p.epoch_end || ++batches < 20; }, {}});   // stop mid-epoch 2
        QCOMPARE(trainer.state().status, TrainStatus::stopped);
        // Make the best weights differ from the current ones and give a weight special values.
        model.parameters().mutable_values()[0] = -0.0f;
        model.parameters().mutable_values()[1] = std::numeric_limits<float>::denorm_min();

        TempDir dir;
        const Checkpoint saved = make_checkpoint(trainer, data.pipeline, "test");
        QVERIFY(!saved.best_weights.empty());
        save_checkpoint(dir.file("m.safetensors"), saved);
        const Checkpoint loaded = load_checkpoint(dir.file("m.safetensors"));

        QVERIFY(loaded.spec == saved.spec);
        QVERIFY(same_bits(loaded.weights, saved.weights));
        QVERIFY(std::signbit(loaded.weights[0]));
        QVERIFY(same_bits(loaded.best_weights, saved.best_weights));
        QVERIFY(loaded.optimizer && saved.optimizer);
        QCOMPARE(loaded.optimizer->steps, saved.optimizer->steps);
        QVERIFY(same_bits(loaded.optimizer->exp_avg, saved.optimizer->exp_avg));
        QVERIFY(same_bits(loaded.optimizer->exp_avg_sq, saved.optimizer->exp_avg_sq));
        QCOMPARE(to_json(*loaded.pipeline), to_json(*saved.pipeline));
        const TrainState& a = loaded.training->state;
        const TrainState& b = saved.training->state;
        QCOMPARE(a.status, b.status);
        QCOMPARE(a.next_batch, b.next_batch);
        QCOMPARE(a.step, b.step);
        QVERIFY(a.shuffle_state == b.shuffle_state);
        QVERIFY(a.dropout_state == b.dropout_state);
        QCOMPARE(a.epoch_loss_sum, b.epoch_loss_sum);
        QVERIFY(a.history == b.history);
        QCOMPARE(loaded.training->config.seed, saved.training->config.seed);
        QCOMPARE(loaded.app_version, std::string("test"));
    }

    // The conformal calibration travels in the "calibration" metadata bit for bit (infinite
    // half-widths as null); a file without it (written before it existed) loads with none, and one
    // whose calibration does not fit the model is refused by name.
    void calibrationRoundTripIsBitIdentical()
    {
        const PreparedData data = sine_data(200);
        Model<float> model(small_spec());
        Rng init(4);
        model.initialize(init);
        Trainer trainer(model, data, small_config(1));
        Checkpoint saved = make_checkpoint(trainer, data.pipeline, "test");
        TempDir dir;
        save_checkpoint(dir.file("old.safetensors"), saved);
        QVERIFY(!load_checkpoint(dir.file("old.safetensors")).calibration);

        ConformalCalibration calibration;
        calibration.transform = data.pipeline.config.target.transform;
        calibration.levels = {0.8, 0.95, 0.1 + 0.2};
        calibration.windows = 27;
        calibration.half_widths.resize(3, 1);
        calibration.half_widths << 0.1 + 0.7, std::numeric_limits<double>::denorm_min(),
            std::numeric_limits<double>::infinity();
        saved.calibration = calibration;
        save_checkpoint(dir.file("m.safetensors"), saved);
        const Checkpoint loaded = load_checkpoint(dir.file("m.safetensors"));
        QVERIFY(loaded.calibration);
        QCOMPARE(loaded.calibration->transform, calibration.transform);
        QCOMPARE(loaded.calibration->windows, std::size_t(27));
        QVERIFY(loaded.calibration->levels == calibration.levels);
        QCOMPARE(loaded.calibration->half_widths.rows(), 3);
        QCOMPARE(loaded.calibration->half_widths.cols(), 1);
        QVERIFY(std::memcmp(loaded.calibration->half_widths.data(), calibration.half_widths.data(), 3 * sizeof(double)) == 0);
        // A stored calibration answers any subset of its levels, in the order asked.
        const auto subset = select_levels(*loaded.calibration, {0.95, 0.8});
        QVERIFY(subset);
        QCOMPARE(subset->half_widths(0, 0), std::numeric_limits<double>::denorm_min());
        QCOMPARE(subset->half_widths(1, 0), 0.1 + 0.7);
        QVERIFY(!select_levels(*loaded.calibration, {0.9}));

        saved.calibration->half_widths.resize(3, 2);   // horizon 2 for a one-output model
        saved.calibration->half_widths.setZero();
        save_checkpoint(dir.file("bad.safetensors"), saved);
        try {
            load_checkpoint(dir.file("bad.safetensors"));
            QFAIL("a calibration for another horizon was accepted");
        } catch (const Error& error) {
            QVERIFY2(std::string(error.what()).find("metadata \"calibration\": the calibration is for horizon 2") !=
                         std::string::npos,
                     error.what());
        }
    }

    // The checkpoint written at an epoch's end is the one a SIGKILL leaves behind (and a stop "after
    // epoch N" keeps): resuming from it must continue with the next epoch's shuffle, not repeat the
    // last one (found by tests/faults/tst_cli_kills, which compares 100 interrupted rounds with one
    // uninterrupted run).
    void resumeFromAnEpochEndCheckpointIsExact()
    {
        const PreparedData data = sine_data(200);
        const TrainConfig config = small_config(4);
        Model<float> reference(small_spec());
        Rng init(config.seed);
        reference.initialize(init);
        Trainer whole(reference, data, config);
        whole.run({});

        Model<float> first(small_spec());
        Rng init2(config.seed);
        first.initialize(init2);
        Trainer part(first, data, config);
        TempDir dir;
        TrainCallbacks callbacks;
        callbacks.epoch_end = [&] {
            if (part.state().completed_epochs == 2)
                save_checkpoint(dir.file("m.safetensors"), make_checkpoint(part, data.pipeline, "test"));
        };
        callbacks.progress = [&](const TrainProgress& p) { return !(p.epoch_end && p.epoch == 2); };
        part.run(callbacks);
        QCOMPARE(part.state().next_batch, 0);
        QCOMPARE(part.state().completed_epochs, 2);

        const Checkpoint loaded = load_checkpoint(dir.file("m.safetensors"));
        const auto model = make_model(loaded);
        Trainer rest(*model, data, loaded.training->config);
        resume_trainer(rest, loaded, 0);
        rest.run({});
        QCOMPARE(rest.state().status, whole.state().status);
        QVERIFY(same_bits(model->parameters().values(), reference.parameters().values()));
        QCOMPARE(rest.state().history.size(), whole.state().history.size());
        for (std::size_t e = 0; e < whole.state().history.size(); ++e)
            QCOMPARE(rest.state().history[e].train_loss, whole.state().history[e].train_loss);
    }

    void resumeFromFileIsExact()
    {
        const PreparedData data = sine_data(200);
        const TrainConfig config = small_config(4);
        // Uninterrupted reference.
        Model<float> reference(small_spec());
        Rng init(config.seed);
        reference.initialize(init);
        Trainer whole(reference, data, config);
        whole.run({});

        Model<float> first(small_spec());
        Rng init2(config.seed);
        first.initialize(init2);
        Trainer part(first, data, config);
        int batches = 0;
        part.run({[&](const TrainProgress& p) { return p.epoch_end || ++batches < 13; }, {}});
        TempDir dir;
        save_checkpoint(dir.file("m.safetensors"), make_checkpoint(part, data.pipeline, "test"));

        const Checkpoint loaded = load_checkpoint(dir.file("m.safetensors"));
        const auto model = make_model(loaded);
        Trainer rest(*model, data, loaded.training->config);
        resume_trainer(rest, loaded, 0);
        rest.run({});
        QCOMPARE(rest.state().status, whole.state().status);
        QVERIFY(same_bits(model->parameters().values(), reference.parameters().values()));
        QVERIFY(rest.state().history.size() == whole.state().history.size());
        for (std::size_t e = 0; e < whole.state().history.size(); ++e) {
            QCOMPARE(rest.state().history[e].train_loss, whole.state().history[e].train_loss);
            QCOMPARE(rest.state().history[e].validation_loss, whole.state().history[e].validation_loss);
        }
    }

    void finishedRunNeedsMoreEpochs()
    {
        const PreparedData data = sine_data(120);
        Model<float> model(small_spec());
        Rng init(1);
        model.initialize(init);
        Trainer trainer(model, data, small_config(2));
        trainer.run({});
        const Checkpoint checkpoint = make_checkpoint(trainer, data.pipeline, "test");
        QVERIFY(checkpoint.best_weights.empty());   // finished: the saved weights are the best
        const auto again = make_model(checkpoint);
        Trainer more(*again, data, checkpoint.training->config);
        QVERIFY_THROWS_EXCEPTION(Error, resume_trainer(more, checkpoint, 0));
        resume_trainer(more, checkpoint, 3);
        more.run({});
        QCOMPARE(more.state().completed_epochs, 5);
        QCOMPARE(int(more.state().history.size()), 5);
    }

    void pytorchCheckpointPredictsTheSame()
    {
        // Made by tests/fixtures/make_parity_fixtures.py: trained in PyTorch, saved by the reference module.
        const Checkpoint checkpoint = load_checkpoint(source_path("tests/fixtures/interop/attention_torch.safetensors"));
        QVERIFY(!checkpoint.pipeline && !checkpoint.training && !checkpoint.optimizer);
        const auto model = make_model(checkpoint);
        const SafetensorsFile io = read_safetensors(source_path("tests/fixtures/interop/attention_torch_io.safetensors"));
        const std::vector<float> input = io.as_f32("input");   // (B, T, I)
        const SafetensorsTensor* shape = io.find("input");
        const int B = int(shape->shape[0]), T = int(shape->shape[1]), I = int(shape->shape[2]);
        ColMatrix<float> x(I, T * B);
        for (int b = 0; b < B; ++b)
            for (int t = 0; t < T; ++t)
                for (int i = 0; i < I; ++i)
                    x(i, t * B + b) = input[std::size_t((b * T + t) * I + i)];
        const ColMatrix<float> predictions = model->forward(x, T, B, Mode::inference);
        const std::vector<float> expected = io.as_f32("output");   // (B, 1)
        const std::vector<float> attention = io.as_f32("attention");   // (B, T)
        for (int b = 0; b < B; ++b) {
            QVERIFY(std::abs(predictions(0, b) - expected[std::size_t(b)]) < 1e-5f);
            for (int t = 0; t < T; ++t)
                QVERIFY(std::abs(model->attention_weights()(b, t) - attention[std::size_t(b * T + t)]) < 1e-5f);
        }
    }

    void refusesWhatIsNotACheckpoint()
    {
        TempDir dir;
        const float w[2] = {1, 2};
        write_safetensors(dir.file("plain.safetensors"), {{"w", Dtype::f32, {2}, w, sizeof w}}, {});
        try {
            load_checkpoint(dir.file("plain.safetensors"));
            QFAIL("loaded a file without checkpoint metadata");
        } catch (const Error& e) {
            QVERIFY2(QString(e.what()).contains("not an LSTM Lab checkpoint"), e.what());
        }
        write_safetensors(dir.file("v2.safetensors"), {{"w", Dtype::f32, {2}, w, sizeof w}},
                          {{"format", "lstmlab-checkpoint"}, {"version", "2"}});
        try {
            load_checkpoint(dir.file("v2.safetensors"));
            QFAIL("loaded version 2");
        } catch (const Error& e) {
            QVERIFY2(QString(e.what()).contains("checkpoint version \"2\" is not 1"), e.what());
        }
        // Right metadata, wrong tensors: named precisely.
        write_safetensors(dir.file("wrong.safetensors"), {{"w", Dtype::f32, {2}, w, sizeof w}},
                          {{"format", "lstmlab-checkpoint"}, {"version", "1"},
                           {"model", R"({"cell":"lstm","hidden":[2],"bidirectional":false,"attention":false,"dropout":0,"features":1,"outputs":1})"}});
        try {
            load_checkpoint(dir.file("wrong.safetensors"));
            QFAIL("loaded a checkpoint without its tensors");
        } catch (const Error& e) {
            QVERIFY2(QString(e.what()).contains("lstm.weight_ih_l0"), e.what());
        }
    }
};

LSTMLAB_TEST_APPLESS_MAIN(TestCheckpoint)

}  // namespace tst_checkpoint
#include "tst_checkpoint.moc"
