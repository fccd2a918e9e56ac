// Finite-difference gradient checks (double precision) of every layer alone: Linear, one LSTM and one
// GRU direction (forward and reverse), Bahdanau attention, and a recurrent stack with per-layer sizes,
// both directions and dropout (masks fixed by re-seeding the generator for every loss evaluation).
// Each layer's loss is L = <R, output> for a fixed random R, so dL/doutput = R.
#include "engine/nn/attention.h"
#include "engine/nn/cell_direction.h"
#include "engine/nn/linear.h"
#include "engine/nn/recurrent_stack.h"
#include "gradient_check.h"
#include "nn_test_util.h"
#include "test_main.h"

#include <QtTest>

#include <memory>

namespace tst_layer_gradients {

using namespace lstmlab;
using namespace lstmlab::test;

namespace {

constexpr double tolerance = 1e-6;

// Checks parameters and the input: `run` computes the loss from params + x, `analytic` fills the
// parameter gradients (zeroed before) and returns the input gradient.
void check_layer(Parameters<double>& params, ColMatrix<double>& x, const std::function<double()>& run,
                 const std::function<ColMatrix<double>()>& analytic)
{
    params.zero_grad();
    run();
    const ColMatrix<double> dx = analytic();
    const std::vector<double> grads(params.grads().begin(), params.grads().end());

    const GradientCheck p = check_parameter_gradient(params, grads, run);
    QVERIFY2(p.norm_relative < tolerance && p.max_relative < tolerance, qPrintable("parameters: " + QString::fromStdString(p.describe())));

    std::vector<double> xv = as_vector(x);
    const auto x_loss = [&] {
        x = Eigen::Map<ColMatrix<double>>(xv.data(), x.rows(), x.cols());
        return run();
    };
    const GradientCheck i = check_gradient(xv, as_vector(dx), x_loss);
    QVERIFY2(i.norm_relative < tolerance && i.max_relative < tolerance, qPrintable("input: " + QString::fromStdString(i.describe())));
}

} // namespace

class TestLayerGradients : public QObject {
    Q_OBJECT
private slots:
    void linear()
    {
        Rng rng(1);
        Parameters<double> params;
        Linear<double> layer(params, "fc", 5, 3);
        params.allocate();
        layer.initialize(rng);
        ColMatrix<double> x = random_matrix(rng, 5, 4);
        const ColMatrix<double> r = random_matrix(rng, 3, 4);
        ColMatrix<double> y(3, 4);
        const auto run = [&] { layer.forward(x, y); return inner(y, r); };
        check_layer(params, x, run, [&] {
            ColMatrix<double> dx(5, 4);
            SeqMap<double> dx_map(dx.data(), 5, 4);
            layer.backward(x, r, &dx_map);
            return dx;
        });
    }

    void recurrentDirection_data()
    {
        QTest::addColumn<bool>("gru");
        QTest::addColumn<bool>("reverse");
        QTest::newRow("lstm forward") << false << false;
        QTest::newRow("lstm reverse") << false << true;
        QTest::newRow("gru forward") << true << false;
        QTest::newRow("gru reverse") << true << true;
    }
    void recurrentDirection()
    {
        QFETCH(bool, gru);
        QFETCH(bool, reverse);
        const int I = 3, H = 5, T = 4, B = 2;
        Rng rng(2);
        Parameters<double> params;
        std::unique_ptr<RecurrentDirection<double>> cell;
        if (gru)
            cell = std::make_unique<GruDirection<double>>(params, "gru.", "_l0", I, H, reverse);
        else
            cell = std::make_unique<LstmDirection<double>>(params, "lstm.", "_l0", I, H, reverse);
        params.allocate();
        cell->initialize(rng);
        ColMatrix<double> x = random_matrix(rng, I, T * B);
        const ColMatrix<double> r = random_matrix(rng, H, T * B);
        const auto run = [&] { cell->forward(x, T, B); return inner(cell->output(), r); };
        check_layer(params, x, run, [&] {
            ColMatrix<double> dx = ColMatrix<double>::Zero(I, T * B);
            SeqMap<double> dx_map(dx.data(), I, T * B);
            cell->backward(x, r, &dx_map);
            return dx;
        });
    }

    void attention()
    {
        const int D = 4, T = 5, B = 3;
        Rng rng(3);
        Parameters<double> params;
        Attention<double> layer(params, D);
        params.allocate();
        layer.initialize(rng);
        ColMatrix<double> y = random_matrix(rng, D, T * B);
        const ColMatrix<double> r = random_matrix(rng, 2 * D, B);
        ColMatrix<double> out(2 * D, B);
        const auto run = [&] { layer.forward(y, T, B, out); return inner(out, r); };
        run();
        for (Eigen::Index b = 0; b < B; ++b)
            QVERIFY(std::abs(layer.weights().row(b).sum() - 1.0) < 1e-12);
        check_layer(params, y, run, [&] {
            ColMatrix<double> dy = ColMatrix<double>::Zero(D, T * B);
            layer.backward(y, r, dy);
            return dy;
        });
    }

    void stackWithDropout_data()
    {
        QTest::addColumn<QString>("cell");
        QTest::newRow("lstm") << "lstm";
        QTest::newRow("gru") << "gru";
    }
    void stackWithDropout()
    {
        QFETCH(QString, cell);
        ModelSpec spec;
        spec.cell = parse_cell(cell.toStdString());
        spec.hidden = {5, 3, 4};
        spec.bidirectional = true;
        spec.dropout = 0.3;
        spec.features = 3;
        const int T = 4, B = 2;
        Rng rng(4);
        Parameters<double> params;
        RecurrentStack<double> stack(params, spec);
        params.allocate();
        stack.initialize(rng);
        ColMatrix<double> x = random_matrix(rng, spec.features, T * B);
        const ColMatrix<double> r = random_matrix(rng, spec.top_width(), T * B);
        const auto run = [&] {
            Rng masks(77);   // the same dropout masks for every evaluation
            stack.forward(x, T, B, Mode::training, &masks);
            return inner(stack.output(), r);
        };
        check_layer(params, x, run, [&] {
            ColMatrix<double> dx(spec.features, T * B);
            SeqMap<double> dx_map(dx.data(), dx.rows(), dx.cols());
            stack.backward(x, r, &dx_map);
            return dx;
        });
        // Dropout really happened: some intermediate activations were zeroed, so a forward without
        // masks gives a different output.
        run();
        const ColMatrix<double> with_masks = stack.output();
        stack.forward(x, T, B, Mode::inference, nullptr);
        QVERIFY((with_masks - ColMatrix<double>(stack.output())).norm() > 1e-3);
    }
};

LSTMLAB_TEST_APPLESS_MAIN(TestLayerGradients)

}  // namespace tst_layer_gradients
#include "tst_layer_gradients.moc"
