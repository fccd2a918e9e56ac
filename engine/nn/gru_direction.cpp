#include "engine/nn/gru_direction.h"

#include "engine/nn/init.h"

namespace lstmlab {

template <typename Scalar>
GruDirection<Scalar>::GruDirection(Parameters<Scalar>& params, const std::string& prefix, const std::string& suffix,
                                   int input, int hidden, bool reverse)
    : m_params(params), m_input(input), m_hidden(hidden), m_reverse(reverse)
{
    m_weight_ih = params.declare_matrix(prefix + "weight_ih" + suffix, 3 * hidden, input);
    m_weight_hh = params.declare_matrix(prefix + "weight_hh" + suffix, 3 * hidden, hidden);
    m_bias_ih = params.declare_vector(prefix + "bias_ih" + suffix, 3 * hidden);
    m_bias_hh = params.declare_vector(prefix + "bias_hh" + suffix, 3 * hidden);
}

template <typename Scalar>
void GruDirection<Scalar>::initialize(Rng& rng)
{
    const double bound = 1.0 / std::sqrt(static_cast<double>(m_hidden));
    for (int index : {m_weight_ih, m_weight_hh, m_bias_ih, m_bias_hh})
        fill_uniform(m_params.value(index), rng, bound);
}

template <typename Scalar>
void GruDirection<Scalar>::forward(const ConstSeqRef<Scalar>& x, int steps, int batch)
{
    const int H = m_hidden;
    const int B = batch;
    const Eigen::Index TB = Eigen::Index(steps) * B;
    const StepOrder order{steps, m_reverse};
    m_steps = steps;
    m_batch = batch;

    auto gates = m_gates.view(3 * H, TB);          // (3H, T*B)
    auto hidden_n = m_hidden_n.view(H, TB);        // (H, T*B)
    auto v = m_recurrent.view(3 * H, B);           // (3H, B)
    auto states = m_states.view(H, TB + B);        // (H, (T+1)*B)
    const auto w_hh = m_params.value(m_weight_hh);
    const auto b_hh = m_params.value_vector(m_bias_hh);

    gates.noalias() = m_params.value(m_weight_ih) * x;                                       // (1)
    gates.colwise() += m_params.value_vector(m_bias_ih);
    states.middleCols(Eigen::Index(order.initial_block()) * B, B).setZero();

    for (int k = 0; k < steps; ++k) {
        const int t = order.time_at(k);
        auto a = gates.middleCols(Eigen::Index(t) * B, B);                                   // (3H, B)
        const auto h_prev = states.middleCols(Eigen::Index(order.previous_block(t)) * B, B);  // (H, B)
        auto h = states.middleCols(Eigen::Index(order.state_block(t)) * B, B);

        v.noalias() = w_hh * h_prev;                                                         // (2)
        v.colwise() += b_hh;
        a.topRows(2 * H) = (a.topRows(2 * H) + v.topRows(2 * H)).array().logistic();        // (3)
        hidden_n.middleCols(Eigen::Index(t) * B, B) = v.bottomRows(H);
        a.bottomRows(H) =
            (a.bottomRows(H).array() + a.topRows(H).array() * v.bottomRows(H).array()).tanh().matrix(); // (4)
        const auto z = a.middleRows(H, H).array();
        h = ((Scalar(1) - z) * a.bottomRows(H).array() + z * h_prev.array()).matrix();     // (5)
    }
}

template <typename Scalar>
Eigen::Map<const ColMatrix<Scalar>> GruDirection<Scalar>::output() const
{
    const StepOrder order{m_steps, m_reverse};
    const Eigen::Index B = m_batch;
    const auto states = m_states.current();
    return Eigen::Map<const ColMatrix<Scalar>>(states.data() + order.output_first_block() * B * m_hidden,
                                               m_hidden, Eigen::Index(m_steps) * B);
}

template <typename Scalar>
void GruDirection<Scalar>::backward(const ConstSeqRef<Scalar>& x, const ConstSeqRef<Scalar>& dy, SeqMap<Scalar>* dx)
{
    const int H = m_hidden;
    const int B = m_batch;
    const Eigen::Index TB = Eigen::Index(m_steps) * B;
    const StepOrder order{m_steps, m_reverse};
    const auto gates = m_gates.current();
    const auto hidden_n = m_hidden_n.current();
    const auto states = m_states.current();
    const auto w_hh = m_params.value(m_weight_hh);
    constexpr Scalar one = 1;

    auto du = m_input_grads.view(3 * H, TB);   // (3H, T*B)
    auto dv = m_hidden_grads.view(3 * H, TB);  // (3H, T*B)
    auto dh = m_dh.view(H, B);                 // (H, B)
    dh.setZero();

    for (int k = m_steps - 1; k >= 0; --k) {
        const int t = order.time_at(k);
        const Eigen::Index col = Eigen::Index(t) * B;
        const auto a = gates.middleCols(col, B);
        const auto r = a.topRows(H).array();
        const auto z = a.middleRows(H, H).array();
        const auto n = a.bottomRows(H).array();
        const auto vn = hidden_n.middleCols(col, B).array();
        const auto h_prev = states.middleCols(Eigen::Index(order.previous_block(t)) * B, B).array();
        auto u_grad = du.middleCols(col, B);
        auto v_grad = dv.middleCols(col, B);

        dh += dy.middleCols(col, B);
        u_grad.bottomRows(H) = (dh.array() * (one - z) * (one - n.square())).matrix();          // (6), (7)
        v_grad.bottomRows(H) = (u_grad.bottomRows(H).array() * r).matrix();
        u_grad.topRows(H) = (u_grad.bottomRows(H).array() * vn * r * (one - r)).matrix();       // (8)
        u_grad.middleRows(H, H) = (dh.array() * (h_prev - n) * z * (one - z)).matrix();
        v_grad.topRows(2 * H) = u_grad.topRows(2 * H);
        if (k > 0) {
            dh.array() *= z;                                                                   // (9)
            dh.noalias() += w_hh.transpose() * v_grad;
        }
    }

    const auto h_prev = states.middleCols(Eigen::Index(order.previous_first_block()) * B, TB); // (H, T*B)
    m_params.grad(m_weight_ih).noalias() += du * x.transpose();
    m_params.grad(m_weight_hh).noalias() += dv * h_prev.transpose();
    m_params.grad_vector(m_bias_ih) += du.rowwise().sum();
    m_params.grad_vector(m_bias_hh) += dv.rowwise().sum();
    if (dx)
        dx->noalias() += m_params.value(m_weight_ih).transpose() * du;
}

template class GruDirection<float>;
template class GruDirection<double>;

} // namespace lstmlab
