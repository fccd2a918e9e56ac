// Parameters: every trainable tensor of a model in one flat value buffer and one flat gradient buffer.
//
// Layers declare their tensors once (name, rows, cols) and keep the returned index; the buffers are
// allocated after the last declaration. Layers then read and write through Eigen maps created on the
// fly, so the optimizer sees one contiguous vector and a checkpoint sees tensors with PyTorch names.
// Matrices are row-major, exactly PyTorch's memory layout: bytes move to and from safetensors as is.
// A bias or other vector is a (n, 1) tensor whose shape() reports the one-dimensional [n].
//
// Reads go through value() / values(); writes through mutable_value() / mutable_values(), which bump
// version(). Layers that keep a packed copy of their weights (the recurrent kernels) repack when the
// version moved, so a forward with unchanged weights (inference, evaluation) packs nothing. A writer
// that keeps a mutable reference across forwards calls mark_changed() after writing. The sanitizer
// build (LSTMLAB_VERIFY_WEIGHT_VERSIONS) compares the bytes as well and throws on a missed change.
#pragma once

#include "engine/core/aligned_vector.h"

#include <Eigen/Core>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace lstmlab {

template <typename Scalar>
using RowMatrix = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
template <typename Scalar>
using ColMatrix = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic>;
template <typename Scalar>
using Vector = Eigen::Matrix<Scalar, Eigen::Dynamic, 1>;

struct TensorInfo {
    std::string name;        // PyTorch state_dict name, e.g. "lstm.weight_ih_l0"
    int rows = 0;
    int cols = 0;
    bool is_vector = false;  // a bias: shape [rows]
    std::size_t offset = 0;  // into the flat buffers
    std::size_t size() const { return static_cast<std::size_t>(rows) * static_cast<std::size_t>(cols); }
    std::vector<std::size_t> shape() const;
};

template <typename Scalar>
class Parameters {
public:
    using Matrix = RowMatrix<Scalar>;
    using Map = Eigen::Map<Matrix, Eigen::Aligned16>;
    using VectorMap = Eigen::Map<Vector<Scalar>, Eigen::Aligned16>;
    using ConstMap = Eigen::Map<const Matrix, Eigen::Aligned16>;
    using ConstVectorMap = Eigen::Map<const Vector<Scalar>, Eigen::Aligned16>;

    // Declares a tensor; returns its index. Only before allocate().
    int declare_matrix(const std::string& name, int rows, int cols);
    int declare_vector(const std::string& name, int size);
    // Allocates values and gradients (zeroed); sizes are final afterwards.
    void allocate();

    ConstMap value(int index) const;
    ConstVectorMap value_vector(int index) const;
    Map mutable_value(int index);
    VectorMap mutable_value_vector(int index);
    Map grad(int index);
    VectorMap grad_vector(int index);

    const std::vector<TensorInfo>& tensors() const { return m_tensors; }
    int find(const std::string& name) const;   // -1 when absent
    std::size_t count() const { return m_values.size(); }

    const AlignedVector<Scalar>& values() const { return m_values; }
    AlignedVector<Scalar>& mutable_values()
    {
        mark_changed();
        return m_values;
    }
    // Increases on every mutable access: equal versions mean equal values.
    std::uint64_t version() const { return m_version; }
    void mark_changed() { ++m_version; }
    AlignedVector<Scalar>& grads() { return m_grads; }
    const AlignedVector<Scalar>& grads() const { return m_grads; }
    void zero_grad();

private:
    int declare(const std::string& name, int rows, int cols, bool is_vector);
    std::vector<TensorInfo> m_tensors;
    AlignedVector<Scalar> m_values;   // every tensor, each starting on a 16-scalar boundary
    AlignedVector<Scalar> m_grads;    // same layout as m_values
    bool m_allocated = false;
    std::uint64_t m_version = 1;
};

} // namespace lstmlab
