#include "engine/nn/gemm.h"

#include <algorithm>

namespace lstmlab {

using Eigen::Index;
using namespace simd;

template <typename Scalar>
Index StackedRows<Scalar>::rows() const
{
    Index total = 0;
    for (int p = 0; p < count; ++p)
        total += parts[std::size_t(p)].rows;
    return total;
}

template <typename Scalar>
GemmWorkspace<Scalar>::GemmWorkspace()
    : packed_a(std::size_t(gemm_blocking::row_block * gemm_blocking::depth)),
      packed_b(std::size_t(panel_stride(gemm_blocking::depth) * (gemm_blocking::column_block / gemm_blocking::columns)))
{
}

Range split_range(Index count, int member, int members, Index quantum)
{
    const Index units = (count + quantum - 1) / quantum;
    const Index per = units / members;
    const Index extra = units % members;
    const Index first = member * per + std::min<Index>(member, extra);
    const Index last = first + per + (member < extra ? 1 : 0);
    return {std::min(count, first * quantum), std::min(count, last * quantum)};
}

namespace {

using gemm_blocking::columns;
using gemm_blocking::tile_packets;

// Packs rows [m0, m0+mc) x cols [k0, k0+kc) of A into micro-panels of MR rows, k-major, zero padded.
template <typename Scalar>
void pack_a(const StackedRows<Scalar>& a, Index m0, Index mc, Index k0, Index kc, Scalar* out)
{
    constexpr Index MR = tile_packets * packet_size<Scalar>;
    const Index panels = (mc + MR - 1) / MR;
    std::fill(out, out + panels * MR * kc, Scalar(0));
    Index part_first = 0;
    for (int p = 0; p < a.count; ++p) {
        const MatrixView<Scalar>& part = a.parts[std::size_t(p)];
        const Index lo = std::max(m0, part_first);
        const Index hi = std::min(m0 + mc, part_first + part.rows);
        // Runs of rows inside one micro-panel; k outer, so a column-major part is read contiguously.
        for (Index r = lo; r < hi;) {
            const Index local = r - m0;
            const Index lane = local % MR;
            const Index n = std::min(hi - r, MR - lane);
            Scalar* target = out + (local / MR) * MR * kc + lane;
            if (!part.data) {
                for (Index k = 0; k < kc; ++k)
                    std::fill(target + k * MR, target + k * MR + n, Scalar(1));
            } else {
                const Scalar* source = part.data + (r - part_first) * part.row_stride + k0 * part.col_stride;
                for (Index k = 0; k < kc; ++k, source += part.col_stride)
                    for (Index i = 0; i < n; ++i)
                        target[k * MR + i] = source[i * part.row_stride];
            }
            r += n;
        }
        part_first += part.rows;
    }
}

// Packs rows [k0, k0+kc) x cols [n0, n0+nc) of B into micro-panels of NR columns, k-major, zero padded.
template <typename Scalar>
void pack_b(const MatrixView<Scalar>& b, Index k0, Index kc, Index n0, Index nc, Scalar* out)
{
    const Index panels = (nc + columns - 1) / columns;
    if (b.col_stride == 1) {
        // Rows of B are contiguous: read each row once, in order, and deal it out to the panels (zero
        // padded). Panel by panel, every row was read once per panel, and packing took ~16 % of a GRU
        // h64x2 training step.
        for (Index k = 0; k < kc; ++k) {
            const Scalar* row = b.data + (k0 + k) * b.row_stride + n0;
            Scalar* target = out + k * columns;
            for (Index q = 0; q < panels; ++q, target += panel_stride(kc)) {
                const int width = int(std::min<Index>(columns, nc - q * columns));
                store_partial(target, load_partial(row + q * columns, width), columns);
            }
        }
        return;
    }
    for (Index q = 0; q < panels; ++q) {
        Scalar* panel = out + q * panel_stride(kc);
        const Index width = std::min<Index>(columns, nc - q * columns);
        const Scalar* source = b.data + k0 * b.row_stride + (n0 + q * columns) * b.col_stride;
        for (Index j = 0; j < columns; ++j) {
            if (j >= width) {
                for (Index k = 0; k < kc; ++k)
                    panel[k * columns + j] = Scalar(0);
                continue;
            }
            const Scalar* column = source + j * b.col_stride;
            for (Index k = 0; k < kc; ++k)
                panel[k * columns + j] = column[k * b.row_stride];
        }
    }
}

// acc (R packets x NR) over kc steps of packed A (stride MR per k) and packed B (NR per k), then
// stored into C's rows [0, rows) x cols [0, cols); `load` starts from C instead of 0.
template <typename Scalar, int R>
void micro_kernel(Index kc, const Scalar* a, const Scalar* b, Scalar* c, Index ldc, bool load, int rows, int cols)
{
    using PacketT = Packet<Scalar>;
    constexpr int P = packet_size<Scalar>;
    constexpr int MR = tile_packets * P;
    PacketT acc[R][columns];
    const bool full = rows == R * P && cols == columns;
    for (int j = 0; j < columns; ++j)
        for (int r = 0; r < R; ++r) {
            if (!load || j >= cols)
                acc[r][j] = pset1<PacketT>(Scalar(0));
            else if (full)
                acc[r][j] = ploadu<PacketT>(c + j * ldc + r * P);
            else
                acc[r][j] = load_partial(c + j * ldc + r * P, std::clamp(rows - r * P, 0, P));
        }
    for (Index k = 0; k < kc; ++k) {
        PacketT av[R];
        for (int r = 0; r < R; ++r)
            av[r] = pload<PacketT>(a + k * MR + r * P);
        for (int j = 0; j < columns; ++j) {
            const PacketT bj = pset1<PacketT>(b[k * columns + j]);
            for (int r = 0; r < R; ++r)
                acc[r][j] = pmadd(av[r], bj, acc[r][j]);
        }
    }
    for (int j = 0; j < cols; ++j)
        for (int r = 0; r < R; ++r) {
            if (full)
                pstoreu(c + j * ldc + r * P, acc[r][j]);
            else if (rows > r * P)
                store_partial(c + j * ldc + r * P, acc[r][j], std::min(rows - r * P, P));
        }
}

template <typename Scalar>
void run_micro_kernel(Index kc, const Scalar* a, const Scalar* b, Scalar* c, Index ldc, bool load, int rows, int cols)
{
    constexpr int P = packet_size<Scalar>;
    switch ((rows + P - 1) / P) {
    case 1: micro_kernel<Scalar, 1>(kc, a, b, c, ldc, load, rows, cols); break;
    case 2: micro_kernel<Scalar, 2>(kc, a, b, c, ldc, load, rows, cols); break;
    case 3: micro_kernel<Scalar, 3>(kc, a, b, c, ldc, load, rows, cols); break;
    default: micro_kernel<Scalar, 4>(kc, a, b, c, ldc, load, rows, cols); break;
    }
}

} // namespace

template <typename Scalar>
void gemm(const StackedRows<Scalar>& a, const MatrixView<Scalar>& b, Scalar* c, Index ldc, bool accumulate,
          GemmWorkspace<Scalar>& workspace, Index n_begin, Index n_end)
{
    constexpr Index MR = tile_packets * packet_size<Scalar>;
    const Index M = a.rows();
    const Index K = a.cols();
    if (M == 0 || n_end <= n_begin)
        return;
    if (K == 0) {
        if (!accumulate)
            for (Index n = n_begin; n < n_end; ++n)
                std::fill(c + n * ldc, c + n * ldc + M, Scalar(0));
        return;
    }
    Scalar* packed_a = workspace.packed_a.data();
    Scalar* packed_b = workspace.packed_b.data();
    for (Index n0 = n_begin; n0 < n_end; n0 += gemm_blocking::column_block) {
        const Index nc = std::min(gemm_blocking::column_block, n_end - n0);
        for (Index k0 = 0; k0 < K; k0 += gemm_blocking::depth) {
            const Index kc = std::min(gemm_blocking::depth, K - k0);
            const bool load = accumulate || k0 > 0;
            pack_b(b, k0, kc, n0, nc, packed_b);
            for (Index m0 = 0; m0 < M; m0 += gemm_blocking::row_block) {
                const Index mc = std::min(gemm_blocking::row_block, M - m0);
                pack_a(a, m0, mc, k0, kc, packed_a);
                for (Index j = 0; j < nc; j += columns) {
                    const int cols = int(std::min<Index>(columns, nc - j));
                    for (Index i = 0; i < mc; i += MR) {
                        const int rows = int(std::min(MR, mc - i));
                        run_micro_kernel(kc, packed_a + i * kc, packed_b + (j / columns) * panel_stride(kc),
                                         c + (n0 + j) * ldc + m0 + i, ldc, load, rows, cols);
                    }
                }
            }
        }
    }
}

template struct StackedRows<float>;
template struct StackedRows<double>;
template struct GemmWorkspace<float>;
template struct GemmWorkspace<double>;
template void gemm<float>(const StackedRows<float>&, const MatrixView<float>&, float*, Index, bool,
                          GemmWorkspace<float>&, Index, Index);
template void gemm<double>(const StackedRows<double>&, const MatrixView<double>&, double*, Index, bool,
                           GemmWorkspace<double>&, Index, Index);

} // namespace lstmlab
