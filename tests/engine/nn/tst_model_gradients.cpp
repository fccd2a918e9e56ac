// End-to-end finite-difference gradient checks (double) of whole models: the five presets (with their
// dropout on; masks fixed by re-seeding) and combinations, for every loss, w.r.t. every parameter and
// the input. This is the first half of requirement R13; tst_parity is the second.

#include "engine/nn/loss.h"
#include "engine/nn/model.h"
#include "gradient_check.h"
#include "nn_test_util.h"
#include "engine_metatypes.h"
#include "test_main.h"

#include <QtTest>

namespace tst_model_gradients {

using namespace lstmlab;
using namespace lstmlab::test;

namespace {

ModelSpec custom(CellType cell, std::vector<int> hidden, bool bidirectional, bool attention, double dropout)
{
    ModelSpec spec;
    spec.cell = cell;
    spec.hidden = std::move(hidden);
    spec.bidirectional = bidirectional;
    spec.attention = attention;
    spec.dropout = dropout;
    return spec;
}

} // namespace

class TestModelGradients : public QObject {
    Q_OBJECT
private slots:
    void model_data()
    {
        QTest::addColumn<ModelSpec>("spec");
        QTest::addColumn<LossKind>("loss");
        for (const std::string& name : preset_names())
            QTest::newRow(name.c_str()) << preset(name, 3, 2) << LossKind::mse;
        QTest::newRow("gru bidirectional attention") << custom(CellType::gru, {6, 4}, true, true, 0.25) << LossKind::mse;
        QTest::newRow("lstm 3 sizes attention") << custom(CellType::lstm, {7, 5, 3}, false, true, 0.0) << LossKind::mse;
        QTest::newRow("bidirectional 2 layers huber") << custom(CellType::lstm, {5, 5}, true, false, 0.0) << LossKind::huber;
        QTest::newRow("single mae") << custom(CellType::lstm, {6}, false, false, 0.0) << LossKind::mae;
    }
    void model()
    {
        QFETCH(ModelSpec, spec);
        QFETCH(LossKind, loss);
        spec.features = 3;
        spec.outputs = 2;
        const int T = 4, B = 3;
        Rng rng(11);
        Model<double> model(spec);
        model.initialize(rng);
        ColMatrix<double> x = random_matrix(rng, spec.features, T * B);
        // Small targets keep Huber in its smooth quadratic zone and MAE away from its kink.
        const double target_scale = loss == LossKind::mse ? 1.0 : 0.05;
        ColMatrix<double> targets = random_matrix(rng, spec.outputs, B, target_scale);
        if (loss == LossKind::mae)
            targets.array() += 3.0;   // every residual is clearly negative
        const auto run = [&] {
            Rng masks(5);
            const auto predictions = model.forward(x, T, B, Mode::training, &masks);
            return compute_loss<double>(loss, predictions, targets, nullptr);
        };

        auto& params = model.parameters();
        params.zero_grad();
        Rng masks(5);
        const auto predictions = model.forward(x, T, B, Mode::training, &masks);
        ColMatrix<double> d_predictions(spec.outputs, B);
        SeqMap<double> d_map(d_predictions.data(), spec.outputs, B);
        compute_loss<double>(loss, predictions, targets, &d_map);
        ColMatrix<double> dx(spec.features, T * B);
        SeqMap<double> dx_map(dx.data(), dx.rows(), dx.cols());
        model.backward(x, d_predictions, &dx_map);
        const std::vector<double> grads(params.grads().begin(), params.grads().end());

        // Large presets: every k-th scalar (at most ~4,000 checked), which still visits every tensor;
        // tst_layer_gradients checks every scalar of each layer type.
        const std::size_t stride = 1 + params.count() / 4000;
        const GradientCheck p = check_parameter_gradient(params, grads, run, 1e-3, stride);
        QVERIFY2(p.norm_relative < 1e-6 && p.max_relative < 1e-6, qPrintable(QString::fromStdString(p.describe())));
        std::vector<double> xv = as_vector(x);
        const GradientCheck i = check_gradient(xv, as_vector(dx), [&] {
            x = Eigen::Map<ColMatrix<double>>(xv.data(), x.rows(), x.cols());
            return run();
        });
        QVERIFY2(i.norm_relative < 1e-6 && i.max_relative < 1e-6, qPrintable(QString::fromStdString(i.describe())));
    }

    void attentionWeightsAreADistribution()
    {
        ModelSpec spec = preset("attention", 3, 1);
        Rng rng(2);
        Model<float> model(spec);
        model.initialize(rng);
        const int T = 7, B = 5;
        const ColMatrix<float> x = random_matrix(rng, 3, T * B).cast<float>();
        model.forward(x, T, B, Mode::inference);
        const auto weights = model.attention_weights();
        QCOMPARE(weights.rows(), Eigen::Index(B));
        QCOMPARE(weights.cols(), Eigen::Index(T));
        for (Eigen::Index b = 0; b < B; ++b) {
            QVERIFY(std::abs(weights.row(b).sum() - 1.0f) < 1e-6f);
            QVERIFY(weights.row(b).minCoeff() > 0.0f);
        }
        // Windows differ, so their weights differ.
        QVERIFY((weights.row(0) - weights.row(1)).norm() > 1e-6f);
    }

    void inferenceIgnoresDropoutAndIsDeterministic()
    {
        ModelSpec spec = preset("stacked", 3, 1);
        Rng rng(3);
        Model<float> model(spec);
        model.initialize(rng);
        const ColMatrix<float> x = random_matrix(rng, 3, 5 * 4).cast<float>();
        const ColMatrix<float> a = model.forward(x, 5, 4, Mode::inference);
        const ColMatrix<float> b = model.forward(x, 5, 4, Mode::inference);
        QCOMPARE(a, b);
        Rng masks(1);
        const ColMatrix<float> c = model.forward(x, 5, 4, Mode::training, &masks);
        QVERIFY((a - c).norm() > 1e-6f);
    }

    void batchOfOneMatchesRowOfBatch()
    {
        // A window's prediction does not depend on the other windows in its batch.
        ModelSpec spec = preset("attention", 3, 2);
        Rng rng(4);
        Model<double> model(spec);
        model.initialize(rng);
        const int T = 6, B = 4;
        const ColMatrix<double> x = random_matrix(rng, 3, T * B);
        const ColMatrix<double> all = model.forward(x, T, B, Mode::inference);
        ColMatrix<double> one(3, T);
        for (int t = 0; t < T; ++t)
            one.col(t) = x.col(t * B + 2);
        const ColMatrix<double> single = model.forward(one, T, 1, Mode::inference);
        QVERIFY((single.col(0) - all.col(2)).norm() < 1e-12);
    }
};

LSTMLAB_TEST_APPLESS_MAIN(TestModelGradients)

}  // namespace tst_model_gradients
#include "tst_model_gradients.moc"
