#include "engine/nn/lstm_direction.h"

#include "engine/nn/init.h"

namespace lstmlab {

template <typename Scalar>
LstmDirection<Scalar>::LstmDirection(Parameters<Scalar>& params, const std::string& prefix,
                                     const std::string& suffix, int input, int hidden, bool reverse)
    : m_params(params), m_input(input), m_hidden(hidden), m_reverse(reverse)
{
    m_weight_ih = params.declare_matrix(prefix + "weight_ih" + suffix, 4 * hidden, input);
    m_weight_hh = params.declare_matrix(prefix + "weight_hh" + suffix, 4 * hidden, hidden);
    m_bias_ih = params.declare_vector(prefix + "bias_ih" + suffix, 4 * hidden);
    m_bias_hh = params.declare_vector(prefix + "bias_hh" + suffix, 4 * hidden);
}

template <typename Scalar>
void LstmDirection<Scalar>::initialize(Rng& rng)
{
    // PyTorch: every weight and bias of an RNN ~ U(-1/sqrt(H), 1/sqrt(H)), in declaration order.
    const double bound = 1.0 / std::sqrt(static_cast<double>(m_hidden));
    for (int index : {m_weight_ih, m_weight_hh, m_bias_ih, m_bias_hh})
        fill_uniform(m_params.value(index), rng, bound);
}

template <typename Scalar>
void LstmDirection<Scalar>::forward(const ConstSeqRef<Scalar>& x, int steps, int batch)
{
    const int H = m_hidden;
    const int B = batch;
    const Eigen::Index TB = Eigen::Index(steps) * B;
    const StepOrder order{steps, m_reverse};
    m_steps = steps;
    m_batch = batch;

    auto gates = m_gates.view(4 * H, TB);                 // (4H, T*B)
    auto cells = m_cells.view(H, TB + B);                 // (H, (T+1)*B)
    auto cell_tanh = m_cell_tanh.view(H, TB);             // (H, T*B)
    auto states = m_states.view(H, TB + B);               // (H, (T+1)*B)
    const auto w_hh = m_params.value(m_weight_hh);        // (4H, H)

    // (1), input part for every step at once: one GEMM, then both biases.
    gates.noalias() = m_params.value(m_weight_ih) * x;
    gates.colwise() += m_params.value_vector(m_bias_ih) + m_params.value_vector(m_bias_hh);
    cells.middleCols(Eigen::Index(order.initial_block()) * B, B).setZero();
    states.middleCols(Eigen::Index(order.initial_block()) * B, B).setZero();

    for (int k = 0; k < steps; ++k) {
        const int t = order.time_at(k);
        auto a = gates.middleCols(Eigen::Index(t) * B, B);                                  // (4H, B)
        const auto h_prev = states.middleCols(Eigen::Index(order.previous_block(t)) * B, B); // (H, B)
        const auto c_prev = cells.middleCols(Eigen::Index(order.previous_block(t)) * B, B);  // (H, B)
        auto c = cells.middleCols(Eigen::Index(order.state_block(t)) * B, B);
        auto h = states.middleCols(Eigen::Index(order.state_block(t)) * B, B);
        auto tc = cell_tanh.middleCols(Eigen::Index(t) * B, B);

        a.noalias() += w_hh * h_prev;                                                       // (1)
        a.topRows(2 * H) = a.topRows(2 * H).array().logistic();                            // (2) i, f
        a.middleRows(2 * H, H) = a.middleRows(2 * H, H).array().tanh();                     //     g
        a.bottomRows(H) = a.bottomRows(H).array().logistic();                              //     o
        c = a.middleRows(H, H).cwiseProduct(c_prev) + a.topRows(H).cwiseProduct(a.middleRows(2 * H, H)); // (3)
        tc = c.array().tanh();
        h = a.bottomRows(H).cwiseProduct(tc);                                               // (4)
    }
}

template <typename Scalar>
Eigen::Map<const ColMatrix<Scalar>> LstmDirection<Scalar>::output() const
{
    const StepOrder order{m_steps, m_reverse};
    const Eigen::Index B = m_batch;
    const auto states = m_states.current();
    return Eigen::Map<const ColMatrix<Scalar>>(states.data() + order.output_first_block() * B * m_hidden,
                                               m_hidden, Eigen::Index(m_steps) * B);
}

template <typename Scalar>
void LstmDirection<Scalar>::backward(const ConstSeqRef<Scalar>& x, const ConstSeqRef<Scalar>& dy, SeqMap<Scalar>* dx)
{
    const int H = m_hidden;
    const int B = m_batch;
    const Eigen::Index TB = Eigen::Index(m_steps) * B;
    const StepOrder order{m_steps, m_reverse};
    const auto gates = m_gates.current();
    const auto cells = m_cells.current();
    const auto cell_tanh = m_cell_tanh.current();
    const auto states = m_states.current();
    const auto w_hh = m_params.value(m_weight_hh);
    constexpr Scalar one = 1;

    auto da = m_gate_grads.view(4 * H, TB);   // (4H, T*B)
    auto dh = m_dh.view(H, B);                // (H, B)
    auto dc = m_dc.view(H, B);                // (H, B)
    dh.setZero();
    dc.setZero();

    for (int k = m_steps - 1; k >= 0; --k) {
        const int t = order.time_at(k);
        const auto a = gates.middleCols(Eigen::Index(t) * B, B);
        const auto i = a.topRows(H).array();
        const auto f = a.middleRows(H, H).array();
        const auto g = a.middleRows(2 * H, H).array();
        const auto o = a.bottomRows(H).array();
        const auto tc = cell_tanh.middleCols(Eigen::Index(t) * B, B).array();
        const auto c_prev = cells.middleCols(Eigen::Index(order.previous_block(t)) * B, B).array();
        auto d = da.middleCols(Eigen::Index(t) * B, B);

        dh += dy.middleCols(Eigen::Index(t) * B, B);
        d.bottomRows(H) = (dh.array() * tc * o * (one - o)).matrix();                         // (5)
        dc.array() += dh.array() * o * (one - tc.square());                                   // (6)
        d.topRows(H) = (dc.array() * g * i * (one - i)).matrix();                             // (7)
        d.middleRows(H, H) = (dc.array() * c_prev * f * (one - f)).matrix();
        d.middleRows(2 * H, H) = (dc.array() * i * (one - g.square())).matrix();
        dc.array() *= f;                                                                     // (8)
        if (k > 0)
            dh.noalias() = w_hh.transpose() * d;
    }

    const auto h_prev = states.middleCols(Eigen::Index(order.previous_first_block()) * B, TB); // (H, T*B)
    m_params.grad(m_weight_ih).noalias() += da * x.transpose();
    m_params.grad(m_weight_hh).noalias() += da * h_prev.transpose();
    m_params.grad_vector(m_bias_ih) += da.rowwise().sum();
    m_params.grad_vector(m_bias_hh) += da.rowwise().sum();
    if (dx)
        dx->noalias() += m_params.value(m_weight_ih).transpose() * da;
}

template class LstmDirection<float>;
template class LstmDirection<double>;

} // namespace lstmlab
