#include "engine/nn/model.h"

#include <utility>

namespace lstmlab {

template <typename Scalar>
Model<Scalar>::Model(const ModelSpec& spec)
    : m_spec((spec.validate(), spec)),
      m_context(std::make_unique<ComputeContext<Scalar>>(1)),
      m_stack(m_params, m_spec),
      m_attention(spec.attention ? std::make_unique<Attention<Scalar>>(m_params, spec.top_width()) : nullptr),
      m_head(m_params, "fc", spec.head_input_width(), spec.outputs)
{
    m_params.allocate();
    m_stack.set_context(m_context.get());
    if (m_attention)
        m_attention->set_context(m_context.get());
}

template <typename Scalar>
void Model<Scalar>::set_threads(int threads)
{
    if (threads == m_context->threads())
        return;
    m_context = std::make_unique<ComputeContext<Scalar>>(threads);
    m_stack.set_context(m_context.get());
    if (m_attention)
        m_attention->set_context(m_context.get());
}

template <typename Scalar>
void Model<Scalar>::initialize(Rng& rng)
{
    m_stack.initialize(rng);
    if (m_attention)
        m_attention->initialize(rng);
    m_head.initialize(rng);
}

template <typename Scalar>
Eigen::Map<const ColMatrix<Scalar>> Model<Scalar>::forward(const ConstSeqRef<Scalar>& x, int steps, int batch,
                                                           Mode mode, Rng* dropout_rng)
{
    m_steps = steps;
    m_batch = batch;
    m_stack.forward(x, steps, batch, mode, dropout_rng);
    const auto top = m_stack.output();                                   // (D, T*B)
    auto features = m_features.view(m_spec.head_input_width(), batch);
    if (m_attention)
        m_attention->forward(top, steps, batch, features);
    else
        features = top.rightCols(batch);                                 // last step
    auto predictions = m_predictions.view(m_spec.outputs, batch);
    m_head.forward(features, predictions);
    return std::as_const(m_predictions).current();
}

template <typename Scalar>
Eigen::Map<const ColMatrix<Scalar>> Model<Scalar>::attention_weights() const
{
    if (!m_attention)
        return Eigen::Map<const ColMatrix<Scalar>>(nullptr, 0, 0);
    return m_attention->weights();
}

template <typename Scalar>
void Model<Scalar>::backward(const ConstSeqRef<Scalar>& x, const ConstSeqRef<Scalar>& d_predictions, SeqMap<Scalar>* dx)
{
    const Eigen::Index B = m_batch;
    const Eigen::Index TB = Eigen::Index(m_steps) * B;
    const auto features = m_features.current();
    auto d_features = m_feature_grad.view(features.rows(), B);
    m_head.backward(features, d_predictions, &d_features);

    auto d_stack = m_stack_grad.view(m_spec.top_width(), TB);
    if (m_attention) {
        d_stack.setZero();
        m_attention->backward(m_stack.output(), d_features, d_stack);
    } else {
        d_stack.leftCols(TB - B).setZero();
        d_stack.rightCols(B) = d_features;
    }
    m_stack.backward(x, d_stack, dx);
}

template class Model<float>;
template class Model<double>;

std::vector<TensorInfo> parameter_layout(const ModelSpec& spec)
{
    spec.validate();
    // The declarations of Model's constructor, in its order; nothing is allocated.
    Parameters<float> params;
    const RecurrentStack<float> stack(params, spec);
    const auto attention = spec.attention ? std::make_unique<Attention<float>>(params, spec.top_width()) : nullptr;
    const Linear<float> head(params, "fc", spec.head_input_width(), spec.outputs);
    return params.tensors();
}

} // namespace lstmlab
