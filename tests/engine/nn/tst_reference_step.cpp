// The step kernels (recurrent_kernels.h) against a plain reference: for each cell, two steps forward
// and their backward written as straightforward loops over units and weights in double, straight from
// the equations in lstm_cell.h and gru_cell.h. Odd sizes put units in packet tails, tiles of several
// packets and column tiles of every width: hidden 1, 7, 33; batch 1, 5, 7; 3 and 17 inputs; float and
// double kernels. Also: projecting the input part first (project_inputs) gives the unprojected bits.
#include "engine/core/aligned_vector.h"
#include "engine/nn/gru_cell.h"
#include "engine/nn/lstm_cell.h"
#include "engine/nn/recurrent_kernels.h"
#include "nn_test_util.h"
#include "test_main.h"

#include <QtTest>

#include <cmath>
#include <cstring>
#include <vector>

namespace tst_reference_step {

using namespace lstmlab;
using namespace lstmlab::test;

namespace {

constexpr int T = 2;

double sigma(double v)
{
    return 1.0 / (1.0 + std::exp(-v));
}

// Weights (G H, I) and (G H, H) row-major, biases (G H); one column's step in double.
struct Weights {
    int I = 0, H = 0, G = 0;
    std::vector<double> w_ih, w_hh, b_ih, b_hh;
    // rows [g H, (g+1) H) of W x + b for one column.
    std::vector<double> affine(const std::vector<double>& w, const std::vector<double>& b, const double* v, int K) const
    {
        std::vector<double> out(std::size_t(G * H));
        for (int row = 0; row < G * H; ++row) {
            double sum = b[std::size_t(row)];
            for (int k = 0; k < K; ++k)
                sum += w[std::size_t(row) * K + k] * v[k];
            out[std::size_t(row)] = sum;
        }
        return out;
    }
    // W_hh^T g (H) for a gradient g (G H).
    std::vector<double> hidden_transposed(const std::vector<double>& g) const
    {
        std::vector<double> out(std::size_t(H), 0.0);
        for (int row = 0; row < G * H; ++row)
            for (int k = 0; k < H; ++k)
                out[std::size_t(k)] += w_hh[std::size_t(row) * H + k] * g[std::size_t(row)];
        return out;
    }
};

// The reference of one column over T steps. x[t] (I), h[0] / c[0] the initial state; fills h[t+1],
// c[t+1], and from dy[t] (H) the gradients du[t], dv[t] (G H) and the carry left after step 0.
struct Reference {
    std::vector<std::vector<double>> h, c, du, dv;
    std::vector<double> carry;
};

Reference lstm_reference(const Weights& w, const std::vector<std::vector<double>>& x, std::vector<double> h0,
                         std::vector<double> c0, const std::vector<std::vector<double>>& dy)
{
    const int H = w.H;
    Reference ref;
    ref.h = {h0};
    ref.c = {c0};
    std::vector<std::vector<double>> gates;
    for (int t = 0; t < T; ++t) {
        std::vector<double> a = w.affine(w.w_ih, w.b_ih, x[std::size_t(t)].data(), w.I);
        const std::vector<double> ah = w.affine(w.w_hh, w.b_hh, ref.h.back().data(), H);
        std::vector<double> h(static_cast<std::size_t>(H)), c(static_cast<std::size_t>(H));
        for (int n = 0; n < H; ++n) {
            for (int g = 0; g < 4; ++g)
                a[std::size_t(g * H + n)] += ah[std::size_t(g * H + n)];
            const double i = sigma(a[std::size_t(n)]), f = sigma(a[std::size_t(H + n)]);
            const double gg = std::tanh(a[std::size_t(2 * H + n)]), o = sigma(a[std::size_t(3 * H + n)]);
            a[std::size_t(n)] = i;
            a[std::size_t(H + n)] = f;
            a[std::size_t(2 * H + n)] = gg;
            a[std::size_t(3 * H + n)] = o;
            c[std::size_t(n)] = f * ref.c.back()[std::size_t(n)] + i * gg;
            h[std::size_t(n)] = o * std::tanh(c[std::size_t(n)]);
        }
        gates.push_back(a);
        ref.h.push_back(h);
        ref.c.push_back(c);
    }
    ref.du.resize(T);
    std::vector<double> dc(std::size_t(H), 0.0), dh_next(std::size_t(H), 0.0);
    for (int t = T - 1; t >= 0; --t) {
        const std::vector<double>& a = gates[std::size_t(t)];
        std::vector<double> da(static_cast<std::size_t>(4 * H));
        for (int n = 0; n < H; ++n) {
            const double i = a[std::size_t(n)], f = a[std::size_t(H + n)], g = a[std::size_t(2 * H + n)];
            const double o = a[std::size_t(3 * H + n)];
            const double tc = std::tanh(ref.c[std::size_t(t + 1)][std::size_t(n)]);
            const double dh = dy[std::size_t(t)][std::size_t(n)] + dh_next[std::size_t(n)];
            da[std::size_t(3 * H + n)] = dh * tc * o * (1 - o);
            const double dct = dc[std::size_t(n)] + dh * o * (1 - tc * tc);
            da[std::size_t(n)] = dct * g * i * (1 - i);
            da[std::size_t(H + n)] = dct * ref.c[std::size_t(t)][std::size_t(n)] * f * (1 - f);
            da[std::size_t(2 * H + n)] = dct * i * (1 - g * g);
            dc[std::size_t(n)] = dct * f;
        }
        dh_next = w.hidden_transposed(da);
        ref.du[std::size_t(t)] = da;
    }
    ref.dv = ref.du;
    ref.carry = dc;
    return ref;
}

Reference gru_reference(const Weights& w, const std::vector<std::vector<double>>& x, std::vector<double> h0,
                        const std::vector<std::vector<double>>& dy)
{
    const int H = w.H;
    Reference ref;
    ref.h = {h0};
    std::vector<std::vector<double>> rzn, vs;
    for (int t = 0; t < T; ++t) {
        const std::vector<double> u = w.affine(w.w_ih, w.b_ih, x[std::size_t(t)].data(), w.I);
        const std::vector<double> v = w.affine(w.w_hh, w.b_hh, ref.h.back().data(), H);
        std::vector<double> h(static_cast<std::size_t>(H)), a(static_cast<std::size_t>(3 * H));
        for (int n = 0; n < H; ++n) {
            const double r = sigma(u[std::size_t(n)] + v[std::size_t(n)]);
            const double z = sigma(u[std::size_t(H + n)] + v[std::size_t(H + n)]);
            const double nn = std::tanh(u[std::size_t(2 * H + n)] + r * v[std::size_t(2 * H + n)]);
            h[std::size_t(n)] = (1 - z) * nn + z * ref.h.back()[std::size_t(n)];
            a[std::size_t(n)] = r;
            a[std::size_t(H + n)] = z;
            a[std::size_t(2 * H + n)] = nn;
        }
        rzn.push_back(a);
        vs.push_back(v);
        ref.h.push_back(h);
    }
    ref.du.resize(T);
    ref.dv.resize(T);
    std::vector<double> dh_next(std::size_t(H), 0.0);
    for (int t = T - 1; t >= 0; --t) {
        const std::vector<double>& a = rzn[std::size_t(t)];
        std::vector<double> du(static_cast<std::size_t>(3 * H)), dv(static_cast<std::size_t>(3 * H)), dh(static_cast<std::size_t>(H));
        for (int n = 0; n < H; ++n) {
            const double r = a[std::size_t(n)], z = a[std::size_t(H + n)], nn = a[std::size_t(2 * H + n)];
            const double vn = vs[std::size_t(t)][std::size_t(2 * H + n)];
            dh[std::size_t(n)] = dy[std::size_t(t)][std::size_t(n)] + dh_next[std::size_t(n)];
            const double du_n = dh[std::size_t(n)] * (1 - z) * (1 - nn * nn);
            const double du_r = du_n * vn * r * (1 - r);
            const double du_z = dh[std::size_t(n)] * (ref.h[std::size_t(t)][std::size_t(n)] - nn) * z * (1 - z);
            du[std::size_t(n)] = dv[std::size_t(n)] = du_r;
            du[std::size_t(H + n)] = dv[std::size_t(H + n)] = du_z;
            du[std::size_t(2 * H + n)] = du_n;
            dv[std::size_t(2 * H + n)] = du_n * r;
        }
        // dh_{t-1} = dh z + W_hh^T dv (9)
        dh_next = w.hidden_transposed(dv);
        for (int n = 0; n < H; ++n)
            dh_next[std::size_t(n)] += dh[std::size_t(n)] * a[std::size_t(H + n)];
        ref.du[std::size_t(t)] = du;
        ref.dv[std::size_t(t)] = dv;
        ref.carry = dh;   // the kernel keeps step 0's dh
    }
    return ref;
}

// The engine's kernels on the same numbers (Scalar), T steps forward then backward, over B columns.
template <typename Scalar, typename Cell>
struct Engine {
    std::vector<Scalar> x, gates, states, cells, saved, dy, du, dv, carry;
    AlignedVector<Scalar> packed, packed_t;   // the kernels load packed weights aligned
    RecurrentStepData<Scalar> data;

    Engine(const Weights& w, int B, const std::vector<double>& xs, const std::vector<double>& h0,
           const std::vector<double>& c0, const std::vector<double>& dys, bool projected)
    {
        const int H = w.H, G = Cell::gates;
        const auto to = [](const std::vector<double>& v) { return std::vector<Scalar>(v.begin(), v.end()); };
        const std::vector<Scalar> w_ih = to(w.w_ih), w_hh = to(w.w_hh), b_ih = to(w.b_ih), b_hh = to(w.b_hh);
        x = to(xs);
        dy = to(dys);
        states.assign(std::size_t(H) * (T + 1) * B, Scalar(0));
        std::copy(h0.begin(), h0.end(), states.begin());   // block 0: the initial state
        cells.assign(states.size(), Scalar(0));
        std::copy(c0.begin(), c0.end(), cells.begin());
        gates.assign(std::size_t(G * H) * T * B, Scalar(0));
        saved.assign(std::size_t(H) * T * B, Scalar(0));
        du.assign(gates.size(), Scalar(0));
        dv.assign(gates.size(), Scalar(0));
        carry.assign(std::size_t(H) * B, Scalar(0));
        packed = AlignedVector<Scalar>(forward_packed_size<Scalar, Cell>(w.I, H));
        packed_t = AlignedVector<Scalar>(backward_packed_size<Scalar, Cell>(H));
        const int blocks = forward_blocks<Scalar>(H), tiles = backward_tiles<Scalar>(H);
        pack_forward<Scalar, Cell>(w_ih.data(), w_hh.data(), b_ih.data(), b_hh.data(), w.I, H, 0, blocks, packed.data());
        pack_backward<Scalar, Cell>(w_hh.data(), H, 0, tiles, packed_t.data());

        data.input = w.I;
        data.hidden = H;
        data.batch = B;
        data.order = StepOrder{T, false};
        data.x = x.data();
        data.ldx = w.I;
        data.gates = gates.data();
        data.states = states.data();
        data.cells = cells.data();
        data.saved = saved.data();
        data.packed = packed.data();
        data.projected = projected;
        if (projected)
            project_inputs<Scalar, Cell>(data, 0, Eigen::Index(T) * B, 0, blocks);
        for (int t = 0; t < T; ++t)
            forward_step<Scalar, Cell>(data, t, 0, B, 0, blocks);

        data.packed = packed_t.data();
        data.dy = dy.data();
        data.lddy = H;
        data.input_grads = du.data();
        data.hidden_grads = Cell::separate_hidden_grads ? dv.data() : du.data();
        data.carry = carry.data();
        for (int t = T - 1; t >= 0; --t)
            backward_step<Scalar, Cell>(data, t, t + 1 < T ? t + 1 : -1, 0, B, 0, tiles);
        if (!Cell::separate_hidden_grads)
            dv = du;
    }
};

Weights random_weights(Rng& rng, int I, int H, int G)
{
    Weights w;
    w.I = I;
    w.H = H;
    w.G = G;
    const auto fill = [&](std::size_t n) {
        std::vector<double> v(n);
        for (double& e : v)
            e = rng.uniform(-0.6, 0.6);
        return v;
    };
    w.w_ih = fill(std::size_t(G * H * I));
    w.w_hh = fill(std::size_t(G * H * H));
    w.b_ih = fill(std::size_t(G * H));
    w.b_hh = fill(std::size_t(G * H));
    return w;
}

// Largest |engine - reference| over `rows` values of each of `columns` columns of the engine's buffer
// (column j at engine[first + j * stride]) against reference(j).
template <typename Scalar, typename Get>
double max_error(const std::vector<Scalar>& engine, std::size_t first, std::size_t stride, int columns, int rows,
                 Get reference)
{
    double worst = 0;
    for (int j = 0; j < columns; ++j) {
        const std::vector<double>& want = reference(j);
        for (int r = 0; r < rows; ++r)
            worst = std::max(worst, std::abs(double(engine[first + std::size_t(j) * stride + std::size_t(r)]) -
                                             want[std::size_t(r)]));
    }
    return worst;
}

template <typename Scalar, typename Cell>
void check_cell(int I, int H, int B)
{
    constexpr bool lstm = Cell::keeps_cells;
    const int G = Cell::gates;
    Rng rng(std::uint64_t(1000 + 100 * H + 10 * B + I));
    const Weights w = random_weights(rng, I, H, G);
    const ColMatrix<double> x = random_matrix(rng, I, T * B);         // column t*B + b
    const ColMatrix<double> h0 = random_matrix(rng, H, B, 0.8);
    const ColMatrix<double> c0 = random_matrix(rng, H, B, 0.8);
    const ColMatrix<double> dy = random_matrix(rng, H, T * B);
    const auto flat = [](const ColMatrix<double>& m) { return std::vector<double>(m.data(), m.data() + m.size()); };

    std::vector<Reference> refs;
    for (int b = 0; b < B; ++b) {
        std::vector<std::vector<double>> xs, dys;
        for (int t = 0; t < T; ++t) {
            xs.push_back(flat(x.col(t * B + b)));
            dys.push_back(flat(dy.col(t * B + b)));
        }
        refs.push_back(lstm ? lstm_reference(w, xs, flat(h0.col(b)), flat(c0.col(b)), dys)
                            : gru_reference(w, xs, flat(h0.col(b)), dys));
    }
    const Engine<Scalar, Cell> engine(w, B, flat(x), flat(h0), flat(c0), flat(dy), false);
    const double tolerance = std::is_same_v<Scalar, float> ? 2e-5 : 1e-12;
    const std::size_t h = std::size_t(H), gh = std::size_t(G * H);
    for (int t = 0; t < T; ++t) {
        const std::size_t col = std::size_t(t) * B;
        const auto step_of = [&](std::vector<std::vector<double>> Reference::*member, int index) {
            return [&refs, member, index](int b) -> const std::vector<double>& {
                return (refs[std::size_t(b)].*member)[std::size_t(index)];
            };
        };
        const double e_h = max_error(engine.states, (col + B) * h, h, B, H, step_of(&Reference::h, t + 1));
        const double e_du = max_error(engine.du, col * gh, gh, B, G * H, step_of(&Reference::du, t));
        const double e_dv = max_error(engine.dv, col * gh, gh, B, G * H, step_of(&Reference::dv, t));
        QVERIFY2(e_h < tolerance, qPrintable(QString("h_%1 off by %2").arg(t).arg(e_h)));
        QVERIFY2(e_du < tolerance, qPrintable(QString("du_%1 off by %2").arg(t).arg(e_du)));
        QVERIFY2(e_dv < tolerance, qPrintable(QString("dv_%1 off by %2").arg(t).arg(e_dv)));
        if (lstm) {
            const double e_c = max_error(engine.cells, (col + B) * h, h, B, H, step_of(&Reference::c, t + 1));
            QVERIFY2(e_c < tolerance, qPrintable(QString("c_%1 off by %2").arg(t).arg(e_c)));
        }
    }
    const double e_carry = max_error(engine.carry, 0, h, B, H,
                                     [&](int b) -> const std::vector<double>& { return refs[std::size_t(b)].carry; });
    QVERIFY2(e_carry < tolerance, qPrintable(QString("carry off by %1").arg(e_carry)));

    // The projected input part gives the same bits.
    const Engine<Scalar, Cell> projected(w, B, flat(x), flat(h0), flat(c0), flat(dy), true);
    QVERIFY(std::memcmp(projected.states.data(), engine.states.data(), engine.states.size() * sizeof(Scalar)) == 0);
    QVERIFY(std::memcmp(projected.gates.data(), engine.gates.data(), engine.gates.size() * sizeof(Scalar)) == 0);
    QVERIFY(std::memcmp(projected.du.data(), engine.du.data(), engine.du.size() * sizeof(Scalar)) == 0);
}

} // namespace

class TestReferenceStep : public QObject {
    Q_OBJECT
private slots:
    void cells_data()
    {
        QTest::addColumn<int>("input");
        QTest::addColumn<int>("hidden");
        QTest::addColumn<int>("batch");
        for (int hidden : {1, 7, 33})
            for (int batch : {1, 5, 7})
                QTest::addRow("I3 H%d B%d", hidden, batch) << 3 << hidden << batch;
        QTest::addRow("I17 H33 B5") << 17 << 33 << 5;
        QTest::addRow("I17 H7 B1") << 17 << 7 << 1;
    }
    void cells()
    {
        QFETCH(int, input);
        QFETCH(int, hidden);
        QFETCH(int, batch);
        check_cell<double, LstmCell>(input, hidden, batch);
        check_cell<float, LstmCell>(input, hidden, batch);
        check_cell<double, GruCell>(input, hidden, batch);
        check_cell<float, GruCell>(input, hidden, batch);
    }
};

LSTMLAB_TEST_APPLESS_MAIN(TestReferenceStep)

} // namespace tst_reference_step
#include "tst_reference_step.moc"
