// Gemm: C = A B or C += A B for the engine's products, deterministic and allocation-free.
//
//   A  (M, K)   up to three row blocks stacked ([x; h_prev; ones]), each with any strides
//   B  (K, N)   any strides (a transposed operand is a view with swapped strides)
//   C  (M, N)   column-major, leading dimension ldc
// Every C element is one chain of fused multiply-adds over k = 0 .. K-1 in order, started from 0
// (assign) or from C's old value (accumulate), whatever the blocking, the tile an element falls in or
// the column range a thread computes. So splitting N between threads changes no bit.
// The classic GotoBLAS/BLIS structure: B is packed in (KC x NC) blocks of `columns` (NR) wide
// micro-panels, A in (MC x KC) blocks of 4 packets tall micro-panels, and a register-tile kernel
// (4 packets x NR accumulators) runs over them. The packing buffers are a GemmWorkspace, allocated
// once per thread.
#pragma once

#include "engine/core/aligned_vector.h"
#include "engine/nn/simd.h"

#include <array>

namespace lstmlab {

// Element (r, c) at data[r * row_stride + c * col_stride]. data == nullptr means "every element 1"
// (the row of ones that turns a bias gradient into one more output row of a weight gradient).
template <typename Scalar>
struct MatrixView {
    const Scalar* data = nullptr;
    Eigen::Index rows = 0;
    Eigen::Index cols = 0;
    Eigen::Index row_stride = 1;
    Eigen::Index col_stride = 0;

    static MatrixView column_major(const Scalar* data, Eigen::Index rows, Eigen::Index cols, Eigen::Index ld)
    {
        return {data, rows, cols, 1, ld};
    }
    // The transpose of a column-major (cols x rows) matrix with leading dimension ld.
    static MatrixView transposed(const Scalar* data, Eigen::Index rows, Eigen::Index cols, Eigen::Index ld)
    {
        return {data, rows, cols, ld, 1};
    }
    static MatrixView ones(Eigen::Index rows, Eigen::Index cols) { return {nullptr, rows, cols, 0, 0}; }
};

// Rows of A stacked from up to three views with equal column counts.
template <typename Scalar>
struct StackedRows {
    std::array<MatrixView<Scalar>, 3> parts{};
    int count = 0;

    StackedRows() = default;
    StackedRows(const MatrixView<Scalar>& only) : count(1) { parts[0] = only; }
    void append(const MatrixView<Scalar>& part) { parts[std::size_t(count++)] = part; }
    Eigen::Index rows() const;
    Eigen::Index cols() const { return parts[0].cols; }
};

namespace gemm_blocking {
inline constexpr int tile_packets = 4;   // MR = 4 packets
#if defined(EIGEN_VECTORIZE_AVX512)
inline constexpr int columns = 6;        // NR: 24 accumulators of the 32 vector registers
#else
inline constexpr int columns = 2;        // NR with 16 vector registers
#endif
inline constexpr Eigen::Index depth = 256;          // KC
inline constexpr Eigen::Index row_block = 192;      // MC (a multiple of MR for every packet size)
inline constexpr Eigen::Index column_block = 1536;  // NC (a multiple of NR)
} // namespace gemm_blocking

// Scalars from one packed panel of B (NR columns x kc steps) to the next: one cache line more than the
// panel, so that packing, which writes to every panel in turn, does not send them all to the same few
// L1 sets (NR x KC floats is 6 KiB: without the pad, 16 of 32 panels shared each set).
inline constexpr Eigen::Index panel_stride(Eigen::Index kc)
{
    return gemm_blocking::columns * kc + 16;
}

template <typename Scalar>
struct GemmWorkspace {
    GemmWorkspace();
    AlignedVector<Scalar> packed_a;   // MC x KC
    AlignedVector<Scalar> packed_b;   // NC / NR panels of panel_stride(KC)
};

// C(:, n_begin:n_end) (+)= A B(:, n_begin:n_end). A thread computes a column range; the ranges of a
// team need not be multiples of anything.
template <typename Scalar>
void gemm(const StackedRows<Scalar>& a, const MatrixView<Scalar>& b, Scalar* c, Eigen::Index ldc, bool accumulate,
          GemmWorkspace<Scalar>& workspace, Eigen::Index n_begin, Eigen::Index n_end);

// The same over every column.
template <typename Scalar>
void gemm(const StackedRows<Scalar>& a, const MatrixView<Scalar>& b, Scalar* c, Eigen::Index ldc, bool accumulate,
          GemmWorkspace<Scalar>& workspace)
{
    gemm(a, b, c, ldc, accumulate, workspace, 0, b.cols);
}

// [begin, end) of `count` items for member `member` of `members`, in multiples of `quantum` except the
// last: a fixed function of its arguments.
struct Range {
    Eigen::Index begin = 0;
    Eigen::Index end = 0;
};
Range split_range(Eigen::Index count, int member, int members, Eigen::Index quantum);

} // namespace lstmlab
