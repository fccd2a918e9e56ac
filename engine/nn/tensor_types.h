// Shapes and storage of the engine's sequences.
//
// Dimension legend used in every nn/ file:
//   B = batch (windows), T = time steps (sequence length), I = input width (features),
//   H = hidden size of one direction, G = gate rows (4H for LSTM, 3H for GRU),
//   D = width of a layer's output sequence (H, or 2H when bidirectional), O = outputs (horizon x targets).
//
// A sequence is a column-major matrix of shape (width, T*B): column t*B + b holds window b at step t,
// t = 0 the oldest step. So one time step is a contiguous (width, B) block, the input projection of all
// steps is one GEMM, and a weight gradient over all steps is one GEMM.
#pragma once

#include "engine/core/aligned_vector.h"
#include "engine/nn/parameters.h"

#include <Eigen/Core>

#include <vector>

namespace lstmlab {

template <typename Scalar>
using SeqMap = Eigen::Map<ColMatrix<Scalar>>;
// A read-only view of a sequence or of a row block of one (bidirectional halves) without copying.
template <typename Scalar>
using ConstSeqRef = Eigen::Ref<const ColMatrix<Scalar>, 0, Eigen::OuterStride<>>;
template <typename Scalar>
using SeqRef = Eigen::Ref<ColMatrix<Scalar>, 0, Eigen::OuterStride<>>;

// A growable scratch buffer: view(rows, cols) returns a map over storage that only grows, so after the
// first batch of the largest size no call allocates. Views taken before a growing call are invalid.
template <typename Scalar>
class Buffer {
public:
    SeqMap<Scalar> view(Eigen::Index rows, Eigen::Index cols)
    {
        const auto needed = static_cast<std::size_t>(rows * cols);
        if (needed > m_storage.size())
            m_storage.resize(needed);
        m_rows = rows;
        m_cols = cols;
        return SeqMap<Scalar>(m_storage.data(), rows, cols);
    }
    // The last view's shape, again.
    SeqMap<Scalar> current() { return SeqMap<Scalar>(m_storage.data(), m_rows, m_cols); }
    Eigen::Map<const ColMatrix<Scalar>> current() const
    {
        return Eigen::Map<const ColMatrix<Scalar>>(m_storage.data(), m_rows, m_cols);
    }
    std::size_t capacity() const { return m_storage.size(); }

private:
    AlignedVector<Scalar> m_storage;
    Eigen::Index m_rows = 0;
    Eigen::Index m_cols = 0;
};

enum class Mode { training, inference };

} // namespace lstmlab
