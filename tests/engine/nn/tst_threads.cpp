// Threads change no bit: a model run on a team of 2 or 3 threads gives exactly the predictions,
// attention weights, loss, parameter gradients, input gradients and Adam-updated weights of the same
// model on one thread. The recurrent kernels split a batch by windows (big batches) or by units with a
// barrier per step (tiny batches, big layers); both splits are exercised, with tails in every
// dimension (hidden sizes not a multiple of 16, batches not a multiple of the 6-column tile).
// Members split work in proportion to their measured speeds (work_shares.h); the test also runs with
// fixed uneven shares, a member with no work among them, so every split point is exercised.
// The expected values are the one-thread run's own: the test holds the engine to its promise that the
// thread count is not part of the result (the trainer's bit-for-bit resume relies on it).
#include "engine/nn/loss.h"
#include "engine/nn/model.h"
#include "engine/train/adam.h"
#include "engine_metatypes.h"
#include "test_main.h"

#include <QtTest>

#include <cstring>

namespace tst_threads {

using namespace lstmlab;

namespace {

struct Outcome {
    std::vector<float> predictions;
    std::vector<float> attention;
    double loss = 0;
    AlignedVector<float> grads;
    std::vector<float> input_grad;
    AlignedVector<float> weights;   // after two Adam steps
};

Outcome run(const ModelSpec& spec, int threads, int batch, int steps, const std::vector<double>& shares = {})
{
    Model<float> model(spec);
    Rng rng(5);
    model.initialize(rng);
    model.set_threads(threads);
    if (!shares.empty())
        model.compute().shares().fix(shares);
    ColMatrix<float> x(spec.features, steps * batch);
    ColMatrix<float> y(spec.outputs, batch);
    for (Eigen::Index k = 0; k < x.size(); ++k)
        x.data()[k] = float(rng.uniform(-2, 2));
    for (Eigen::Index k = 0; k < y.size(); ++k)
        y.data()[k] = float(rng.uniform(-1, 1));
    ColMatrix<float> d_predictions(spec.outputs, batch);
    SeqMap<float> d_map(d_predictions.data(), spec.outputs, batch);
    ColMatrix<float> dx(spec.features, steps * batch);
    SeqMap<float> dx_map(dx.data(), dx.rows(), dx.cols());
    Adam<float> adam(AdamConfig{}, model.parameters().count());

    Outcome outcome;
    for (int k = 0; k < 2; ++k) {
        Rng dropout(11 + k);
        model.parameters().zero_grad();
        const auto predictions = model.forward(x, steps, batch, Mode::training, &dropout);
        const double loss = compute_loss<float>(LossKind::mse, predictions, y, &d_map);
        model.backward(x, d_predictions, &dx_map);
        if (k == 0) {
            outcome.predictions.assign(predictions.data(), predictions.data() + predictions.size());
            const auto weights = model.attention_weights();
            outcome.attention.assign(weights.data(), weights.data() + weights.size());
            outcome.loss = loss;
            outcome.grads = model.parameters().grads();
            outcome.input_grad.assign(dx.data(), dx.data() + dx.size());
        }
        adam.step(model.parameters().mutable_values(), model.parameters().grads(), model.compute());
    }
    outcome.weights = model.parameters().values();
    return outcome;
}

template <typename Container>
bool same_bits(const Container& a, const Container& b)
{
    return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(a[0])) == 0);
}

ModelSpec spec(CellType cell, std::vector<int> hidden, bool bidirectional, bool attention, double dropout)
{
    ModelSpec s;
    s.cell = cell;
    s.hidden = std::move(hidden);
    s.bidirectional = bidirectional;
    s.attention = attention;
    s.dropout = dropout;
    s.features = 7;
    s.outputs = 3;
    return s;
}

} // namespace

class TestThreads : public QObject {
    Q_OBJECT
private slots:
    void sameBitsForAnyThreadCount_data()
    {
        QTest::addColumn<ModelSpec>("model");
        QTest::addColumn<int>("batch");
        QTest::addColumn<int>("steps");
        // Batches of 37 and 64 split by windows; batches of 1 and 5 with hidden 200+ split by units.
        QTest::newRow("lstm [48, 40], batch 37") << spec(CellType::lstm, {48, 40}, false, false, 0.0) << 37 << 9;
        QTest::newRow("gru [52, 52], batch 64") << spec(CellType::gru, {52, 52}, false, false, 0.0) << 64 << 8;
        QTest::newRow("bi-lstm + attention + dropout, batch 41")
            << spec(CellType::lstm, {36, 24}, true, true, 0.3) << 41 << 7;
        QTest::newRow("bi-gru, batch 30") << spec(CellType::gru, {33}, true, false, 0.0) << 30 << 6;
        QTest::newRow("lstm [340], batch 1 (units)") << spec(CellType::lstm, {340}, false, false, 0.0) << 1 << 6;
        QTest::newRow("lstm [230] + attention, batch 5 (units)")
            << spec(CellType::lstm, {230}, false, true, 0.0) << 5 << 5;
        QTest::newRow("gru [270], batch 2 (units)") << spec(CellType::gru, {270}, false, false, 0.0) << 2 << 6;
    }

    void sameBitsForAnyThreadCount()
    {
        QFETCH(ModelSpec, model);
        QFETCH(int, batch);
        QFETCH(int, steps);
        const Outcome one = run(model, 1, batch, steps);
        QVERIFY(std::isfinite(one.loss));
        // Measured shares, then fixed uneven ones (0 = a member without work).
        const std::vector<std::vector<double>> splits{{}, {}, {0.83, 0.17}, {0.1, 0.9}, {1, 0}, {0.6, 0.1, 0.3}};
        for (std::size_t k = 0; k < splits.size(); ++k) {
            const int threads = k == 1 ? 3 : std::max(2, int(splits[k].size()));
            const Outcome many = run(model, threads, batch, steps, splits[k]);
            QByteArray where = QByteArray::number(threads) + " threads";
            for (double share : splits[k])
                where += " " + QByteArray::number(share);
            where += ": ";
            QVERIFY2(same_bits(one.predictions, many.predictions), where + "predictions differ");
            QVERIFY2(same_bits(one.attention, many.attention), where + "attention weights differ");
            QVERIFY2(one.loss == many.loss, where + "loss differs");
            QVERIFY2(same_bits(one.grads, many.grads), where + "parameter gradients differ");
            QVERIFY2(same_bits(one.input_grad, many.input_grad), where + "input gradients differ");
            QVERIFY2(same_bits(one.weights, many.weights), where + "weights after two Adam steps differ");
        }
    }

    void adamOnTheTeamKeepsSubnormals()
    {
        // The team's threads flush subnormals to zero; the optimizer step on them must not (PyTorch
        // does not). Gradients of 1e-20 give second moments of (1 - beta2) g^2 = 1e-43, a subnormal
        // float: the team's update must keep it, bit for bit what one thread without FTZ computes.
        const std::size_t n = 200'003;   // enough for two members, with a tail
        AlignedVector<float> values(n), grads(n);
        for (std::size_t k = 0; k < n; ++k) {
            values[k] = 0.25f + float(k % 7) * 0.125f;
            grads[k] = k % 3 == 0 ? 1e-20f : float(k % 11) * 1e-3f - 5e-3f;
        }
        Adam<float> alone(AdamConfig{}, n);
        AlignedVector<float> values_alone = values;
        alone.step(values_alone, grads);
        for (int threads : {2, 3}) {
            ComputeContext<float> compute(threads);
            QVERIFY(compute.members_for(double(n), Adam<float>::min_scalars_per_member) == threads);
            Adam<float> team(AdamConfig{}, n);
            AlignedVector<float> values_team = values;
            team.step(values_team, grads, compute);
            QVERIFY(team.exp_avg_sq()[0] > 0.0f && team.exp_avg_sq()[0] < 1e-38f);
            QVERIFY(same_bits(alone.exp_avg_sq(), team.exp_avg_sq()));
            QVERIFY(same_bits(alone.exp_avg(), team.exp_avg()));
            QVERIFY(same_bits(values_alone, values_team));
        }
    }

    void teamRunsEveryMemberAndWaits()
    {
        // Each member writes its own mark in several phases separated by barriers; after run() every
        // mark holds the last phase's value, and each phase saw all of the previous one.
        for (int size : {1, 2, 3, 4}) {
            ThreadTeam team(size);
            QCOMPARE(team.size(), size);
            std::vector<int> marks(std::size_t(size), 0);
            std::atomic<int> mismatches{0};
            for (int round = 0; round < 50; ++round) {
                team.run([&](int member) {
                    for (int phase = 1; phase <= 3; ++phase) {
                        marks[std::size_t(member)] = round * 10 + phase;
                        team.barrier();
                        for (int other = 0; other < size; ++other)
                            if (marks[std::size_t(other)] != round * 10 + phase)
                                ++mismatches;
                        team.barrier();
                    }
                });
                for (int member = 0; member < size; ++member)
                    QCOMPARE(marks[std::size_t(member)], round * 10 + 3);
            }
            QCOMPARE(mismatches.load(), 0);
        }
    }
};

LSTMLAB_TEST_APPLESS_MAIN(TestThreads)

}  // namespace tst_threads
#include "tst_threads.moc"
