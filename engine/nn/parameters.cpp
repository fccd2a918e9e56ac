#include "engine/nn/parameters.h"

#include "engine/core/error.h"

#include <algorithm>

namespace lstmlab {

std::vector<std::size_t> TensorInfo::shape() const
{
    if (is_vector)
        return {static_cast<std::size_t>(rows)};
    return {static_cast<std::size_t>(rows), static_cast<std::size_t>(cols)};
}

template <typename Scalar>
int Parameters<Scalar>::declare(const std::string& name, int rows, int cols, bool is_vector)
{
    if (m_allocated)
        throw Error("internal: tensor \"" + name + "\" declared after the parameters were allocated");
    if (find(name) >= 0)
        throw Error("internal: tensor \"" + name + "\" declared twice");
    // Every tensor starts on a 16-scalar boundary so maps are aligned for any SIMD width.
    std::size_t offset = 0;
    if (!m_tensors.empty()) {
        const TensorInfo& last = m_tensors.back();
        offset = (last.offset + last.size() + 15) / 16 * 16;
    }
    m_tensors.push_back({name, rows, cols, is_vector, offset});
    return static_cast<int>(m_tensors.size()) - 1;
}

template <typename Scalar>
int Parameters<Scalar>::declare_matrix(const std::string& name, int rows, int cols)
{
    return declare(name, rows, cols, false);
}

template <typename Scalar>
int Parameters<Scalar>::declare_vector(const std::string& name, int size)
{
    return declare(name, size, 1, true);
}

template <typename Scalar>
void Parameters<Scalar>::allocate()
{
    const std::size_t total = m_tensors.empty() ? 0 : m_tensors.back().offset + m_tensors.back().size();
    m_values.assign(total, Scalar(0));
    m_grads.assign(total, Scalar(0));
    m_allocated = true;
    mark_changed();
}

template <typename Scalar>
typename Parameters<Scalar>::ConstMap Parameters<Scalar>::value(int index) const
{
    const TensorInfo& t = m_tensors[static_cast<std::size_t>(index)];
    return ConstMap(m_values.data() + t.offset, t.rows, t.cols);
}

template <typename Scalar>
typename Parameters<Scalar>::Map Parameters<Scalar>::mutable_value(int index)
{
    mark_changed();
    const TensorInfo& t = m_tensors[static_cast<std::size_t>(index)];
    return Map(m_values.data() + t.offset, t.rows, t.cols);
}

template <typename Scalar>
typename Parameters<Scalar>::Map Parameters<Scalar>::grad(int index)
{
    const TensorInfo& t = m_tensors[static_cast<std::size_t>(index)];
    return Map(m_grads.data() + t.offset, t.rows, t.cols);
}

template <typename Scalar>
typename Parameters<Scalar>::ConstVectorMap Parameters<Scalar>::value_vector(int index) const
{
    const TensorInfo& t = m_tensors[static_cast<std::size_t>(index)];
    return ConstVectorMap(m_values.data() + t.offset, t.rows * t.cols);
}

template <typename Scalar>
typename Parameters<Scalar>::VectorMap Parameters<Scalar>::mutable_value_vector(int index)
{
    mark_changed();
    const TensorInfo& t = m_tensors[static_cast<std::size_t>(index)];
    return VectorMap(m_values.data() + t.offset, t.rows * t.cols);
}

template <typename Scalar>
typename Parameters<Scalar>::VectorMap Parameters<Scalar>::grad_vector(int index)
{
    const TensorInfo& t = m_tensors[static_cast<std::size_t>(index)];
    return VectorMap(m_grads.data() + t.offset, t.rows * t.cols);
}

template <typename Scalar>
int Parameters<Scalar>::find(const std::string& name) const
{
    for (std::size_t k = 0; k < m_tensors.size(); ++k)
        if (m_tensors[k].name == name)
            return static_cast<int>(k);
    return -1;
}

template <typename Scalar>
void Parameters<Scalar>::zero_grad()
{
    std::fill(m_grads.begin(), m_grads.end(), Scalar(0));
}

template class Parameters<float>;
template class Parameters<double>;

} // namespace lstmlab
