#include "engine/nn/linear.h"

#include "engine/nn/column_product.h"
#include "engine/nn/init.h"

namespace lstmlab {

template <typename Scalar>
Linear<Scalar>::Linear(Parameters<Scalar>& params, const std::string& name, int in, int out, bool bias)
    : m_params(params), m_in(in), m_out(out)
{
    m_weight = params.declare_matrix(name + ".weight", out, in);
    if (bias)
        m_bias = params.declare_vector(name + ".bias", out);
}

template <typename Scalar>
void Linear<Scalar>::initialize(Rng& rng)
{
    const double bound = 1.0 / std::sqrt(static_cast<double>(m_in));
    fill_uniform(m_params.mutable_value(m_weight), rng, bound);
    if (m_bias >= 0)
        fill_uniform(m_params.mutable_value(m_bias), rng, bound);
}

template <typename Scalar>
void Linear<Scalar>::forward(const ConstSeqRef<Scalar>& x, SeqRef<Scalar> y)
{
    const auto w = m_params.value(m_weight);   // (out, in) row-major
    column_product(w.data(), w.rows(), w.cols(), w.cols(), x.data(), x.outerStride(), x.cols(), y.data(),
                   y.outerStride());
    if (m_bias >= 0)
        y.colwise() += m_params.value_vector(m_bias);
}

template <typename Scalar>
void Linear<Scalar>::backward(const ConstSeqRef<Scalar>& x, const ConstSeqRef<Scalar>& dy, SeqMap<Scalar>* dx)
{
    m_params.grad(m_weight).noalias() += dy * x.transpose();
    if (m_bias >= 0)
        m_params.grad_vector(m_bias) += dy.rowwise().sum();
    if (dx)
        dx->noalias() = m_params.value(m_weight).transpose() * dy;
}

template class Linear<float>;
template class Linear<double>;

} // namespace lstmlab
