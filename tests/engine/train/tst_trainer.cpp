// The fit loop: it learns, it is reproducible bit for bit, a stopped run resumes exactly (mid-epoch
// and at an epoch boundary), a non-finite loss stops before the update (R6), early stopping restores
// the best weights, clipping matches torch.nn.utils.clip_grad_norm_.
#include "engine/train/trainer.h"
#include "engine/core/error.h"
#include "train_test_data.h"
#include "test_main.h"

#include <QtTest>

#include <cmath>

namespace tst_trainer {

using namespace lstmlab;
using namespace lstmlab::test;

namespace {

TrainConfig small_config(int epochs)
{
    TrainConfig config;
    config.epochs = epochs;
    config.batch_size = 16;
    config.adam.learning_rate = 5e-3;
    config.patience = 0;
    config.seed = 9;
    return config;
}

ModelSpec small_spec(bool attention = false)
{
    ModelSpec spec;
    spec.hidden = {12, 8};
    spec.dropout = 0.1;   // dropout draws must be resumed exactly too
    spec.attention = attention;
    spec.features = 1;
    spec.outputs = 1;
    return spec;
}

struct Run {
    AlignedVector<float> weights;
    std::vector<EpochRecord> history;
};

Run train_uninterrupted(const PreparedData& data, const ModelSpec& spec, const TrainConfig& config)
{
    Model<float> model(spec);
    Rng init(config.seed);
    model.initialize(init);
    Trainer trainer(model, data, config);
    trainer.run({});
    return {model.parameters().values(), trainer.state().history};
}

} // namespace

class TestTrainer : public QObject {
    Q_OBJECT
private slots:
    void learnsASine()
    {
        const PreparedData data = sine_data();
        Model<float> model(small_spec());
        Rng init(1);
        model.initialize(init);
        Trainer trainer(model, data, small_config(30));
        const double before = trainer.evaluate_loss(Split::Validation);
        const TrainState& state = trainer.run({});
        QCOMPARE(state.status, TrainStatus::finished);
        QCOMPARE(int(state.history.size()), 30);
        const double after = state.history.back().validation_loss;
        QVERIFY2(after < 0.1 * before, qPrintable(QString("validation loss %1 -> %2").arg(before).arg(after)));
        QCOMPARE(state.step, std::int64_t(30 * std::ceil(data.windows[Split::Train].count / 16.0)));
    }

    void sameSeedSameBits()
    {
        const PreparedData data = sine_data();
        const Run a = train_uninterrupted(data, small_spec(true), small_config(3));
        const Run b = train_uninterrupted(data, small_spec(true), small_config(3));
        QVERIFY(a.weights == b.weights);
        for (std::size_t e = 0; e < a.history.size(); ++e) {
            QCOMPARE(a.history[e].train_loss, b.history[e].train_loss);   // exact, not fuzzy
            QCOMPARE(a.history[e].validation_loss, b.history[e].validation_loss);
        }
        TrainConfig other = small_config(3);
        other.seed = 10;
        const Run c = train_uninterrupted(data, small_spec(true), other);
        QVERIFY(a.weights != c.weights);
    }

    void resumeIsExact_data()
    {
        QTest::addColumn<int>("stopAfterBatches");
        QTest::addColumn<bool>("attention");
        QTest::newRow("mid-epoch") << 7 << false;
        QTest::newRow("epoch boundary") << 18 << false;   // 18 = 2 epochs of 9 batches
        QTest::newRow("mid-epoch attention") << 12 << true;
    }
    void resumeIsExact()
    {
        QFETCH(int, stopAfterBatches);
        QFETCH(bool, attention);
        const PreparedData data = sine_data(180);
        const TrainConfig config = small_config(4);
        const Run reference = train_uninterrupted(data, small_spec(attention), config);

        // First part: stop after `stopAfterBatches` steps.
        Model<float> first(small_spec(attention));
        Rng init(config.seed);
        first.initialize(init);
        Trainer part1(first, data, config);
        int steps = 0;
        part1.run({[&](const TrainProgress& p) { return p.epoch_end || ++steps < stopAfterBatches; }, {}});
        QCOMPARE(part1.state().status, TrainStatus::stopped);
        QCOMPARE(part1.state().step, std::int64_t(stopAfterBatches));

        // Second part: a fresh model and trainer given only what a checkpoint holds.
        Model<float> second(small_spec(attention));
        second.parameters().mutable_values() = first.parameters().values();
        Trainer part2(second, data, config);
        part2.restore(part1.state(), part1.optimizer(), part1.best_weights());
        part2.run({});
        QCOMPARE(part2.state().status, TrainStatus::finished);
        QVERIFY(second.parameters().values() == reference.weights);
        QCOMPARE(part2.state().history.size(), reference.history.size());
        for (std::size_t e = 0; e < reference.history.size(); ++e) {
            QCOMPARE(part2.state().history[e].train_loss, reference.history[e].train_loss);
            QCOMPARE(part2.state().history[e].validation_loss, reference.history[e].validation_loss);
        }
    }

    void extendEqualsALongerRun()
    {
        // 2 epochs, then extend(2): the weights and history of one 4-epoch run with the same seed, bit
        // for bit (the 2-epoch run ends on its best epoch, so no best weights were restored).
        const PreparedData data = sine_data();
        const TrainConfig config = small_config(2);
        TrainConfig longer = config;
        longer.epochs = 4;
        const Run reference = train_uninterrupted(data, small_spec(), longer);

        Model<float> model(small_spec());
        Rng init(config.seed);
        model.initialize(init);
        Trainer trainer(model, data, config);
        QCOMPARE(trainer.run({}).status, TrainStatus::finished);
        QCOMPARE(trainer.state().best_epoch, 2);
        trainer.extend(2);
        QCOMPARE(trainer.state().target_epochs, 4);
        QCOMPARE(trainer.run({}).status, TrainStatus::finished);
        QCOMPARE(trainer.state().completed_epochs, 4);
        QVERIFY(model.parameters().values() == reference.weights);
        QCOMPARE(trainer.state().history.size(), reference.history.size());
        for (std::size_t e = 0; e < reference.history.size(); ++e)
            QCOMPARE(trainer.state().history[e].train_loss, reference.history[e].train_loss);
        QVERIFY_THROWS_EXCEPTION(Error, trainer.extend(0));
    }

    void nonFiniteStopsBeforeTheUpdate()
    {
        PreparedData data = sine_data();
        data.features(0, data.windows.end_row(Split::Train, 5)) = std::numeric_limits<double>::quiet_NaN();
        Model<float> model(small_spec());
        Rng init(1);
        model.initialize(init);
        TrainConfig config = small_config(2);
        config.batch_size = 1024;   // every training window in one batch: the first step meets the NaN
        Trainer trainer(model, data, config);
        const AlignedVector<float> before = model.parameters().values();
        const TrainState& state = trainer.run({});
        QCOMPARE(state.status, TrainStatus::diverged);
        QVERIFY2(QString::fromStdString(state.stop_reason).startsWith("training stopped at epoch 1, batch 1: the training loss is NaN"),
                 state.stop_reason.c_str());
        QVERIFY(model.parameters().values() == before);
        QCOMPARE(state.step, std::int64_t(0));
        QVERIFY(state.history.empty());
    }

    void earlyStoppingRestoresBest()
    {
        const PreparedData data = sine_data(300);
        Model<float> model(small_spec());
        Rng init(3);
        model.initialize(init);
        TrainConfig config = small_config(200);
        config.adam.learning_rate = 0.05;   // overfits and wanders: validation stops improving
        config.patience = 3;
        Trainer trainer(model, data, config);
        const TrainState& state = trainer.run({});
        QCOMPARE(state.status, TrainStatus::early_stopped);
        QVERIFY(state.completed_epochs < 200);
        QCOMPARE(state.completed_epochs, state.best_epoch + 3);
        QCOMPARE(trainer.evaluate_loss(Split::Validation), state.best_validation);
        double best = INFINITY;
        for (const EpochRecord& r : state.history)
            best = std::min(best, r.validation_loss);
        QCOMPARE(state.best_validation, best);
    }

    void plateauCutsTheLearningRate()
    {
        const PreparedData data = sine_data(300);
        Model<float> model(small_spec());
        Rng init(3);
        model.initialize(init);
        TrainConfig config = small_config(12);
        config.adam.learning_rate = 0.05;
        config.plateau.patience = 1;
        config.plateau.factor = 0.5;
        Trainer trainer(model, data, config);
        const TrainState& state = trainer.run({});
        QVERIFY(state.learning_rate < 0.05);
        // Every cut halves the rate, so it is 0.05 / 2^k.
        const double k = std::log2(0.05 / state.learning_rate);
        QVERIFY(std::abs(k - std::round(k)) < 1e-9);
        QCOMPARE(state.history.front().learning_rate, 0.05);
    }

    void clipping()
    {
        AlignedVector<float> grads{3.0f, 4.0f};   // norm 5
        QCOMPARE(clip_global_norm(grads, 1.0), 5.0);
        // torch.nn.utils.clip_grad_norm_([3, 4], 1.0) scales by 1 / (5 + 1e-6).
        QCOMPARE(grads[0], float(3.0 / (5.0 + 1e-6)));
        QCOMPARE(grads[1], float(4.0 / (5.0 + 1e-6)));
        AlignedVector<float> small{0.3f, 0.4f};
        QCOMPARE(clip_global_norm(small, 1.0), std::sqrt(double(0.3f) * 0.3f + double(0.4f) * 0.4f));
        QCOMPARE(small[0], 0.3f);   // below the limit: untouched
    }

    void progressReportsAndCanStop()
    {
        const PreparedData data = sine_data(180);
        Model<float> model(small_spec());
        Rng init(3);
        model.initialize(init);
        Trainer trainer(model, data, small_config(3));
        std::vector<TrainProgress> seen;
        trainer.run({[&](const TrainProgress& p) { seen.push_back(p); return true; }, {}});
        const int batches = seen.front().batches;
        QCOMPARE(int(seen.size()), 3 * (batches + 1));
        QVERIFY(seen[std::size_t(batches)].epoch_end);
        QVERIFY(std::isfinite(seen.back().validation_loss));
        QVERIFY(seen.front().samples_per_second > 0);
        QCOMPARE(seen.back().eta_seconds, 0.0);
    }
};

LSTMLAB_TEST_APPLESS_MAIN(TestTrainer)

}  // namespace tst_trainer
#include "tst_trainer.moc"
