#include "engine/nn/attention.h"

#include "engine/nn/column_product.h"
#include "engine/nn/init.h"

namespace lstmlab {

template <typename Scalar>
Attention<Scalar>::Attention(Parameters<Scalar>& params, int width) : m_params(params), m_width(width)
{
    m_attn_weight = params.declare_matrix("attention.attn.weight", width, 2 * width);
    m_attn_bias = params.declare_vector("attention.attn.bias", width);
    m_v_weight = params.declare_matrix("attention.v.weight", 1, width);
}

template <typename Scalar>
void Attention<Scalar>::initialize(Rng& rng)
{
    const double attn_bound = 1.0 / std::sqrt(2.0 * m_width);   // fan_in of attn is 2D
    fill_uniform(m_params.mutable_value(m_attn_weight), rng, attn_bound);
    fill_uniform(m_params.mutable_value(m_attn_bias), rng, attn_bound);
    fill_uniform(m_params.mutable_value(m_v_weight), rng, 1.0 / std::sqrt(double(m_width)));
}

template <typename Scalar>
ComputeContext<Scalar>& Attention<Scalar>::context()
{
    if (!m_context) {
        m_own_context = std::make_unique<ComputeContext<Scalar>>(1);
        m_context = m_own_context.get();
    }
    return *m_context;
}

template <typename Scalar>
void Attention<Scalar>::forward(const ConstSeqRef<Scalar>& y, int steps, int batch, SeqRef<Scalar> out)
{
    const int D = m_width;
    const Eigen::Index B = batch;
    const Eigen::Index TB = Eigen::Index(steps) * batch;
    m_steps = steps;
    m_batch = batch;
    const auto w = m_params.value(m_attn_weight);
    const auto last = y.middleCols(TB - B, B);                         // (D, B)

    auto query = m_query.view(D, B);
    auto energy = m_energy.view(D, TB);
    auto weights = m_weights.view(B, steps);
    column_product(w.data(), D, D, 2 * D, last.data(), last.outerStride(), B, query.data(), D);   // W_q last
    query.colwise() += m_params.value_vector(m_attn_bias);
    const MatrixView<Scalar> w_k{w.data() + D, D, D, 2 * D, 1};        // W_k (D, D), row-major in w
    const MatrixView<Scalar> y_view = MatrixView<Scalar>::column_major(y.data(), D, TB, y.outerStride());
    context().gemm(w_k, y_view, energy.data(), D, false);              // W_k h for every step
    for (int t = 0; t < steps; ++t)                                    // (1)
        energy.middleCols(t * B, B) = (energy.middleCols(t * B, B) + query).array().tanh().matrix();

    Eigen::Map<Eigen::Matrix<Scalar, 1, Eigen::Dynamic>> scores(weights.data(), TB);
    column_product(m_params.value(m_v_weight).data(), 1, D, D, energy.data(), D, TB, scores.data(), 1);   // (2)
    for (Eigen::Index b = 0; b < B; ++b) {                              // (3), stable softmax per row
        auto row = weights.row(b);
        row.array() = (row.array() - row.maxCoeff()).exp();
        row /= row.sum();
    }

    auto context = out.bottomRows(D);                                  // (4)
    context.setZero();
    for (int t = 0; t < steps; ++t)
        context.noalias() += y.middleCols(t * B, B) * weights.col(t).asDiagonal();
    out.topRows(D) = last;                                             // (5)
}

template <typename Scalar>
void Attention<Scalar>::backward(const ConstSeqRef<Scalar>& y, const ConstSeqRef<Scalar>& d_out, SeqRef<Scalar> dy)
{
    const int D = m_width;
    const int steps = m_steps;
    const Eigen::Index B = m_batch;
    const Eigen::Index TB = Eigen::Index(steps) * B;
    const auto w = m_params.value(m_attn_weight);
    auto w_grad = m_params.grad(m_attn_weight);
    const auto weights = m_weights.current();
    const auto energy = m_energy.current();
    const auto d_context = d_out.bottomRows(D);
    const auto last = y.middleCols(TB - B, B);

    auto ds = m_score_grad.view(B, steps);
    for (int t = 0; t < steps; ++t) {                                  // (6)
        dy.middleCols(t * B, B).noalias() += d_context * weights.col(t).asDiagonal();
        ds.col(t) = d_context.cwiseProduct(y.middleCols(t * B, B)).colwise().sum().transpose();
    }
    auto expected = m_row_sums.view(B, 1);                                    // (B, 1) sum_u a_u da_u
    expected = weights.cwiseProduct(ds).rowwise().sum();
    ds = weights.cwiseProduct(ds.colwise() - expected.col(0));                // (7)

    Eigen::Map<const Eigen::Matrix<Scalar, 1, Eigen::Dynamic>> ds_row(ds.data(), TB);
    m_params.grad(m_v_weight).noalias() += ds_row * energy.transpose();       // (8)
    auto dp = m_energy_grad.view(D, TB);
    dp.noalias() = m_params.value(m_v_weight).transpose() * ds_row;
    dp.array() *= Scalar(1) - energy.array().square();

    // (9): dW_k += dp y^T, computed as its transpose y dp^T straight into the row-major gradient.
    const MatrixView<Scalar> y_view = MatrixView<Scalar>::column_major(y.data(), D, TB, y.outerStride());
    context().gemm(y_view, MatrixView<Scalar>::transposed(dp.data(), TB, D, D), w_grad.data() + D, 2 * D, true);
    context().gemm(MatrixView<Scalar>{w.data() + D, D, D, 1, 2 * D},                // W_k^T
                   MatrixView<Scalar>::column_major(dp.data(), D, TB, D), dy.data(), dy.outerStride(), true);
    auto dq = m_query.view(D, B);
    dq = dp.middleCols(0, B);
    for (int t = 1; t < steps; ++t)
        dq += dp.middleCols(t * B, B);
    m_params.grad_vector(m_attn_bias) += dq.rowwise().sum();
    w_grad.leftCols(D).noalias() += dq * last.transpose();
    auto d_last = dy.middleCols(TB - B, B);                                   // (10)
    d_last += d_out.topRows(D);
    d_last.noalias() += w.leftCols(D).transpose() * dq;
}

template class Attention<float>;
template class Attention<double>;

} // namespace lstmlab
