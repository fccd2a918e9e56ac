// The recurrent layers' outputs for a window do not depend on the batch it is in: one window alone,
// two together, or all nine in one batch give the same bits, on one thread or two. The kernels take
// different paths for these (batches of one or two project W_ih x_t for every step first when a layer
// has 16 inputs or more, recurrent_kernels.h; bigger ones split by windows, tiny ones by units), so this
// holds them to computing each number the same way. The whole model's predictions and attention
// weights are held to the same: the head's and attention's small products sum each element in one
// fixed order (column_product.h), where Eigen's product differs between one column and several. And an
// inference forward gives a training forward's bits.
#include "engine/nn/model.h"
#include "engine/nn/recurrent_stack.h"
#include "engine_metatypes.h"
#include "test_main.h"

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <stdexcept>

namespace tst_batch_invariance {

using namespace lstmlab;

namespace {

ModelSpec spec_of(CellType cell, std::vector<int> hidden, bool bidirectional, int features = 5)
{
    ModelSpec spec;
    spec.cell = cell;
    spec.hidden = std::move(hidden);
    spec.bidirectional = bidirectional;
    spec.features = features;
    spec.outputs = 2;
    return spec;
}

// Top-layer outputs (D, T*n) of windows [first, first + n) of x, run as one batch, in window order.
std::vector<float> predict(RecurrentStack<float>& stack, const ColMatrix<float>& x, int T, int B, int first, int n)
{
    // x holds the windows time-major (column t * B + b); a sub-batch is gathered the same way.
    ColMatrix<float> part(x.rows(), Eigen::Index(T) * n);
    for (int t = 0; t < T; ++t)
        for (int b = 0; b < n; ++b)
            part.col(Eigen::Index(t) * n + b) = x.col(Eigen::Index(t) * B + first + b);
    stack.forward(part, T, n, Mode::inference, nullptr);
    const auto y = stack.output();
    std::vector<float> by_window;
    for (int b = 0; b < n; ++b)
        for (int t = 0; t < T; ++t)
            by_window.insert(by_window.end(), y.col(Eigen::Index(t) * n + b).data(),
                             y.col(Eigen::Index(t) * n + b).data() + y.rows());
    return by_window;
}

// A recurrent stack on a team of `threads`, initialised from `seed`, and an input of `columns` values
// per feature, uniform in (-2, 2), drawn after the weights.
struct StackRun {
    Parameters<float> params;
    RecurrentStack<float> stack;
    ComputeContext<float> context;
    Rng rng;
    ColMatrix<float> x;

    StackRun(const ModelSpec& spec, int threads, std::uint64_t seed, Eigen::Index columns)
        : stack(params, spec), context(threads), rng(seed), x(spec.features, columns)
    {
        params.allocate();
        stack.set_context(&context);
        stack.initialize(rng);
        for (Eigen::Index k = 0; k < x.size(); ++k)
            x.data()[k] = float(rng.uniform(-2, 2));
    }
};

bool same_bits(const std::vector<float>& a, const std::vector<float>& b)
{
    return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0;
}

} // namespace

class TestBatchInvariance : public QObject {
    Q_OBJECT
private slots:
    void windowAloneEqualsWindowInBatch_data()
    {
        QTest::addColumn<ModelSpec>("spec");
        QTest::newRow("lstm [37]") << spec_of(CellType::lstm, {37}, false);
        QTest::newRow("lstm [37], 20 features") << spec_of(CellType::lstm, {37}, false, 20);
        QTest::newRow("lstm [128, 128]") << spec_of(CellType::lstm, {128, 128}, false);
        QTest::newRow("lstm [112, 96]") << spec_of(CellType::lstm, {112, 96}, false);
        QTest::newRow("lstm [40, 24] bidirectional") << spec_of(CellType::lstm, {40, 24}, true);
        QTest::newRow("gru [64, 20]") << spec_of(CellType::gru, {64, 20}, false);
    }
    void windowAloneEqualsWindowInBatch()
    {
        QFETCH(ModelSpec, spec);
        const int T = 7, B = 9;
        for (int threads : {1, 2}) {
            StackRun run(spec, threads, 11, T * B);
            RecurrentStack<float>& model = run.stack;
            const ColMatrix<float>& x = run.x;
            const int per_window = T * spec.layer_output_width(spec.layers() - 1);
            const std::vector<float> all = predict(model, x, T, B, 0, B);
            const auto slice = [&](int first, int n) {
                return std::vector<float>(all.begin() + first * per_window, all.begin() + (first + n) * per_window);
            };
            for (int b = 0; b < B; ++b)
                QVERIFY2(same_bits(predict(model, x, T, B, b, 1), slice(b, 1)),
                         qPrintable(QString("window %1 alone, %2 thread(s)").arg(b).arg(threads)));
            for (int b = 0; b + 1 < B; b += 2)
                QVERIFY2(same_bits(predict(model, x, T, B, b, 2), slice(b, 2)),
                         qPrintable(QString("windows %1-%2, %3 thread(s)").arg(b).arg(b + 1).arg(threads)));
            QVERIFY(same_bits(predict(model, x, T, B, 2, 5), slice(2, 5)));
        }
    }

    // An inference forward skips what only backward() reads (gate activations, the LSTM's tanh(c_t)):
    // its outputs are the training forward's bits, for windows split by units or by windows, and a
    // backward() after it is refused instead of reading stale activations.
    void inferenceEqualsTraining_data()
    {
        QTest::addColumn<ModelSpec>("spec");
        QTest::addColumn<int>("batch");
        QTest::newRow("lstm [128, 128], 1 window") << spec_of(CellType::lstm, {128, 128}, false) << 1;
        QTest::newRow("lstm [128, 128], 9 windows") << spec_of(CellType::lstm, {128, 128}, false) << 9;
        QTest::newRow("lstm [70, 36] bidirectional, 2 windows, 20 features")
            << spec_of(CellType::lstm, {70, 36}, true, 20) << 2;
        QTest::newRow("gru [64, 20], 1 window") << spec_of(CellType::gru, {64, 20}, false) << 1;
    }
    void inferenceEqualsTraining()
    {
        QFETCH(ModelSpec, spec);
        QFETCH(int, batch);
        const int T = 7;
        for (int threads : {1, 2}) {
            StackRun run(spec, threads, 3, T * batch);
            RecurrentStack<float>& stack = run.stack;
            const ColMatrix<float>& x = run.x;
            stack.forward(x, T, batch, Mode::training, nullptr);
            const ColMatrix<float> trained = stack.output();
            stack.forward(x, T, batch, Mode::inference, nullptr);
            const ColMatrix<float> inferred = stack.output();
            const QString where = QString("%1 thread(s)").arg(threads);
            QVERIFY2(trained.size() == inferred.size() &&
                         std::memcmp(trained.data(), inferred.data(), sizeof(float) * std::size_t(trained.size())) == 0,
                     qPrintable(where));
            const ColMatrix<float> d_output = ColMatrix<float>::Constant(trained.rows(), trained.cols(), 0.5f);
            QVERIFY_THROWS_EXCEPTION(std::logic_error, stack.backward(x, d_output, nullptr));
            stack.forward(x, T, batch, Mode::training, nullptr);
            stack.backward(x, d_output, nullptr);   // after a training forward: fine
            const auto& grads = run.params.grads();
            QVERIFY(std::all_of(grads.begin(), grads.end(), [](float g) { return std::isfinite(g); }));
            QVERIFY(std::any_of(grads.begin(), grads.end(), [](float g) { return g != 0.0f; }));
        }
    }

    void predictionAloneEqualsPredictionInBatch_data()
    {
        QTest::addColumn<ModelSpec>("spec");
        ModelSpec attention = spec_of(CellType::lstm, {37, 29}, false, 7);
        attention.attention = true;
        ModelSpec wide = spec_of(CellType::lstm, {128, 128}, false);
        wide.outputs = 3;
        ModelSpec gru_attention = spec_of(CellType::gru, {40}, true);
        gru_attention.attention = true;
        QTest::newRow("lstm [37, 29] attention") << attention;
        QTest::newRow("lstm [128, 128], 3 outputs") << wide;
        QTest::newRow("gru [40] bidirectional attention") << gru_attention;
        QTest::newRow("lstm [33] bidirectional") << spec_of(CellType::lstm, {33}, true, 20);
    }
    void predictionAloneEqualsPredictionInBatch()
    {
        QFETCH(ModelSpec, spec);
        const int T = 6, B = 9;
        for (int threads : {1, 2}) {
            Model<float> model(spec);
            model.set_threads(threads);
            Rng rng(5);
            model.initialize(rng);
            ColMatrix<float> x(spec.features, T * B);   // time-major: column t * B + b
            for (Eigen::Index k = 0; k < x.size(); ++k)
                x.data()[k] = float(rng.uniform(-2, 2));
            const ColMatrix<float> all = model.forward(x, T, B, Mode::inference);   // (O, B)
            const ColMatrix<float> all_weights = model.attention_weights();         // (B, T) or empty
            for (int b = 0; b < B; ++b) {
                ColMatrix<float> window(spec.features, T);
                for (int t = 0; t < T; ++t)
                    window.col(t) = x.col(Eigen::Index(t) * B + b);
                const ColMatrix<float> alone = model.forward(window, T, 1, Mode::inference);
                const QString where = QString("window %1, %2 thread(s)").arg(b).arg(threads);
                QVERIFY2(std::memcmp(alone.data(), all.col(b).data(), sizeof(float) * std::size_t(alone.size())) == 0,
                         qPrintable("prediction of " + where));
                if (spec.attention) {
                    const ColMatrix<float> weights = model.attention_weights();   // (1, T)
                    const Eigen::RowVectorXf in_batch = all_weights.row(b);
                    QVERIFY2(std::memcmp(weights.data(), in_batch.data(), sizeof(float) * std::size_t(T)) == 0,
                             qPrintable("attention weights of " + where));
                }
            }
        }
    }
};

LSTMLAB_TEST_APPLESS_MAIN(TestBatchInvariance)

}  // namespace tst_batch_invariance
#include "tst_batch_invariance.moc"
