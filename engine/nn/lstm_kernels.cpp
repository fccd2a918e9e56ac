#include "engine/nn/lstm_kernels.h"

#include "engine/nn/gemm.h"

#include <algorithm>

namespace lstmlab {

using Eigen::Index;
using namespace simd;

namespace {

constexpr int max_columns = gemm_blocking::columns;
constexpr int tile_packets = 4;   // backward: 4 packets of units per tile

template <typename Scalar>
constexpr int P = packet_size<Scalar>;

// Forward packed block: (I + H) k-steps of 4P weights, then 4P summed biases.
template <typename Scalar>
std::size_t forward_block_size(int input, int hidden)
{
    return std::size_t(input + hidden + 1) * 4 * P<Scalar>;
}

// acc[g][j] += sum over k < K of w_k[g] * sources[j][k], in k order: packed rows of 4 gates x P units
// (4P scalars per k) against K scalars of each column. Both parts of equation (1) run through it.
template <typename Scalar, int NR>
EIGEN_ALWAYS_INLINE void multiply_add(const Scalar* w, int K, const Scalar* const* sources,
                                      Packet<Scalar> (&acc)[4][NR])
{
    using PacketT = Packet<Scalar>;
    constexpr int p = P<Scalar>;
    for (int k = 0; k < K; ++k, w += 4 * p) {
        const PacketT a0 = pload<PacketT>(w), a1 = pload<PacketT>(w + p);
        const PacketT a2 = pload<PacketT>(w + 2 * p), a3 = pload<PacketT>(w + 3 * p);
        for (int j = 0; j < NR; ++j) {
            const PacketT v = pset1<PacketT>(sources[j][k]);
            acc[0][j] = pmadd(a0, v, acc[0][j]);
            acc[1][j] = pmadd(a1, v, acc[1][j]);
            acc[2][j] = pmadd(a2, v, acc[2][j]);
            acc[3][j] = pmadd(a3, v, acc[3][j]);
        }
    }
}

// Accumulators of one forward tile before the recurrent part: the summed biases plus W_ih x_t.
template <typename Scalar, int NR>
EIGEN_ALWAYS_INLINE void input_part(const Scalar* w, int I, int H, const Scalar* const* xs, Packet<Scalar> (&acc)[4][NR])
{
    using PacketT = Packet<Scalar>;
    constexpr int p = P<Scalar>;
    const Scalar* bias = w + Index(I + H) * 4 * p;
    for (int g = 0; g < 4; ++g) {
        const PacketT b = pload<PacketT>(bias + g * p);
        for (int j = 0; j < NR; ++j)
            acc[g][j] = b;
    }
    multiply_add<Scalar, NR>(w, I, xs, acc);
}

// Projection tile: the input part of block u for the flat columns [col, col + NR) of x (any steps),
// stored in `gates` (4H per column, gate g of unit n at g*H + n) for forward tiles to start from.
template <typename Scalar, int NR>
void projection_tile(const LstmStepData<Scalar>& d, const Scalar* w, int u, Index col)
{
    using PacketT = Packet<Scalar>;
    constexpr int p = P<Scalar>;
    const Scalar* xs[NR];
    for (int j = 0; j < NR; ++j)
        xs[j] = d.x + (col + j) * d.ldx;
    PacketT acc[4][NR];
    input_part<Scalar, NR>(w, d.input, d.hidden, xs, acc);
    const int unit = u * p;
    const int count = std::min(p, d.hidden - unit);
    for (int j = 0; j < NR; ++j)
        for (int g = 0; g < 4; ++g)
            store_partial(d.gates + (col + j) * 4 * d.hidden + g * d.hidden + unit, acc[g][j], count);
}

// One forward tile: 4 gates x P units of block u, columns [col, col + cols). With d.projected the input
// part comes from projection_tile (same operations in the same order, so the same bits).
template <typename Scalar, int NR>
void forward_tile(const LstmStepData<Scalar>& d, const Scalar* w, int u, int t, Index col)
{
    constexpr int cols = NR;
    using PacketT = Packet<Scalar>;
    constexpr int p = P<Scalar>;
    const int I = d.input;
    const int H = d.hidden;
    const Index B = d.batch;
    const Index previous = Index(d.order.previous_block(t)) * B;
    const Index current = Index(d.order.state_block(t)) * B;
    const Index step = Index(t) * B;
    const int unit = u * p;
    const int count = std::min(p, H - unit);

    const Scalar* hs[NR];
    for (int j = 0; j < NR; ++j)
        hs[j] = d.states + (previous + col + j) * H;
    PacketT acc[4][NR];
    if (d.projected) {
        for (int j = 0; j < NR; ++j)
            for (int g = 0; g < 4; ++g)
                acc[g][j] = load_partial(d.gates + (step + col + j) * 4 * H + g * H + unit, count);
    } else {
        const Scalar* xs[NR];
        for (int j = 0; j < NR; ++j)
            xs[j] = d.x + (step + col + j) * d.ldx;
        input_part<Scalar, NR>(w, I, H, xs, acc);
    }
    multiply_add<Scalar, NR>(w + Index(I) * 4 * p, H, hs, acc);

    for (int j = 0; j < cols; ++j) {
        const Index c = col + j;
        const PacketT i = sigmoid<Scalar>(acc[0][j]);                                   // (2)
        const PacketT f = sigmoid<Scalar>(acc[1][j]);
        const PacketT g = simd::tanh<Scalar>(acc[2][j]);
        const PacketT o = sigmoid<Scalar>(acc[3][j]);
        const PacketT c_prev = load_partial(d.cells + (previous + c) * H + unit, count);
        const PacketT cell = padd(pmul(f, c_prev), pmul(i, g));                         // (3)
        const PacketT cell_tanh = simd::tanh<Scalar>(cell);
        store_partial(d.cells + (current + c) * H + unit, cell, count);
        store_partial(d.states + (current + c) * H + unit, pmul(o, cell_tanh), count);  // (4)
        if (d.store_activations) {
            Scalar* a = d.gates + (step + c) * 4 * H + unit;
            store_partial(a, i, count);
            store_partial(a + H, f, count);
            store_partial(a + 2 * H, g, count);
            store_partial(a + 3 * H, o, count);
            store_partial(d.cell_tanh + (step + c) * H + unit, cell_tanh, count);
        }
    }
}

// One backward tile: R packets of units starting at `unit`, columns [col, col + cols).
template <typename Scalar, int R, int NR>
void backward_tile(const LstmStepData<Scalar>& d, const Scalar* w, int unit, int t, int later_t, Index col)
{
    constexpr int cols = NR;
    using PacketT = Packet<Scalar>;
    constexpr int p = P<Scalar>;
    constexpr int UB = tile_packets * p;
    const int H = d.hidden;
    const Index B = d.batch;
    const Index step = Index(t) * B;
    const Index previous = Index(d.order.previous_block(t)) * B;

    PacketT acc[R][NR];
    int counts[R];
    for (int r = 0; r < R; ++r)
        counts[r] = std::clamp(H - unit - r * p, 0, p);
    for (int j = 0; j < NR; ++j) {
        const Index c = col + j;
        for (int r = 0; r < R; ++r)
            acc[r][j] = load_partial(d.dy + (step + c) * d.lddy + unit + r * p, counts[r]);
    }
    if (later_t >= 0) {
        const Scalar* da[NR];
        for (int j = 0; j < NR; ++j)
            da[j] = d.gate_grads + (Index(later_t) * B + col + j) * 4 * H;
        for (int k = 0; k < 4 * H; ++k, w += UB) {
            PacketT a[R];
            for (int r = 0; r < R; ++r)
                a[r] = pload<PacketT>(w + r * p);
            for (int j = 0; j < NR; ++j) {
                const PacketT v = pset1<PacketT>(da[j][k]);
                for (int r = 0; r < R; ++r)
                    acc[r][j] = pmadd(a[r], v, acc[r][j]);
            }
        }
    }

    const PacketT one = pset1<PacketT>(Scalar(1));
    for (int j = 0; j < cols; ++j) {
        const Index c = col + j;
        const Scalar* gates = d.gates + (step + c) * 4 * H;
        Scalar* da = d.gate_grads + (step + c) * 4 * H;
        for (int r = 0; r < R; ++r) {
            const int n = counts[r];
            if (n == 0)
                continue;
            const int u = unit + r * p;
            const PacketT dh = acc[r][j];
            const PacketT i = load_partial(gates + u, n);
            const PacketT f = load_partial(gates + H + u, n);
            const PacketT g = load_partial(gates + 2 * H + u, n);
            const PacketT o = load_partial(gates + 3 * H + u, n);
            const PacketT tc = load_partial(d.cell_tanh + (step + c) * H + u, n);
            const PacketT c_prev = load_partial(d.cells + (previous + c) * H + u, n);
            Scalar* dc_at = d.cell_grad + c * H + u;
            PacketT dc = load_partial(dc_at, n);
            store_partial(da + 3 * H + u, pmul(pmul(pmul(dh, tc), o), psub(one, o)), n);         // (5)
            dc = padd(dc, pmul(pmul(dh, o), psub(one, pmul(tc, tc))));                          // (6)
            store_partial(da + u, pmul(pmul(pmul(dc, g), i), psub(one, i)), n);                  // (7)
            store_partial(da + H + u, pmul(pmul(pmul(dc, c_prev), f), psub(one, f)), n);
            store_partial(da + 2 * H + u, pmul(pmul(dc, i), psub(one, pmul(g, g))), n);
            store_partial(dc_at, pmul(dc, f), n);                                              // (8)
        }
    }
}

template <typename Scalar, int R>
void backward_tile_columns(const LstmStepData<Scalar>& d, const Scalar* w, int unit, int t, int later_t, Index col, int cols)
{
    switch (cols) {
    case 1: backward_tile<Scalar, R, 1>(d, w, unit, t, later_t, col); break;
    case 2: backward_tile<Scalar, R, 2>(d, w, unit, t, later_t, col); break;
    case 3: backward_tile<Scalar, R, 3>(d, w, unit, t, later_t, col); break;
    case 4: backward_tile<Scalar, R, 4>(d, w, unit, t, later_t, col); break;
    case 5: backward_tile<Scalar, R, 5>(d, w, unit, t, later_t, col); break;
    default: backward_tile<Scalar, R, max_columns>(d, w, unit, t, later_t, col); break;
    }
}

template <typename Scalar>
void run_backward_tile(const LstmStepData<Scalar>& d, const Scalar* w, int unit, int t, int later_t, Index col,
                       int cols)
{
    switch (std::min(tile_packets, (d.hidden - unit + P<Scalar> - 1) / P<Scalar>)) {
    case 1: backward_tile_columns<Scalar, 1>(d, w, unit, t, later_t, col, cols); break;
    case 2: backward_tile_columns<Scalar, 2>(d, w, unit, t, later_t, col, cols); break;
    case 3: backward_tile_columns<Scalar, 3>(d, w, unit, t, later_t, col, cols); break;
    default: backward_tile_columns<Scalar, 4>(d, w, unit, t, later_t, col, cols); break;
    }
}

template <typename Scalar>
void run_projection_tile(const LstmStepData<Scalar>& d, const Scalar* w, int u, Index col, int cols)
{
    switch (cols) {
    case 1: projection_tile<Scalar, 1>(d, w, u, col); break;
    case 2: projection_tile<Scalar, 2>(d, w, u, col); break;
    case 3: projection_tile<Scalar, 3>(d, w, u, col); break;
    case 4: projection_tile<Scalar, 4>(d, w, u, col); break;
    case 5: projection_tile<Scalar, 5>(d, w, u, col); break;
    default: projection_tile<Scalar, max_columns>(d, w, u, col); break;
    }
}

template <typename Scalar>
void run_forward_tile(const LstmStepData<Scalar>& d, const Scalar* w, int u, int t, Index col, int cols)
{
    switch (cols) {
    case 1: forward_tile<Scalar, 1>(d, w, u, t, col); break;
    case 2: forward_tile<Scalar, 2>(d, w, u, t, col); break;
    case 3: forward_tile<Scalar, 3>(d, w, u, t, col); break;
    case 4: forward_tile<Scalar, 4>(d, w, u, t, col); break;
    case 5: forward_tile<Scalar, 5>(d, w, u, t, col); break;
    default: forward_tile<Scalar, max_columns>(d, w, u, t, col); break;
    }
}

} // namespace

template <typename Scalar>
int lstm_forward_blocks(int hidden)
{
    return (hidden + P<Scalar> - 1) / P<Scalar>;
}

template <typename Scalar>
int lstm_backward_tiles(int hidden)
{
    constexpr int UB = tile_packets * P<Scalar>;
    return (hidden + UB - 1) / UB;
}

template <typename Scalar>
std::size_t lstm_forward_packed_size(int input, int hidden)
{
    return std::size_t(lstm_forward_blocks<Scalar>(hidden)) * forward_block_size<Scalar>(input, hidden);
}

template <typename Scalar>
std::size_t lstm_backward_packed_size(int hidden)
{
    return std::size_t(lstm_backward_tiles<Scalar>(hidden)) * 4 * hidden * tile_packets * P<Scalar>;
}

template <typename Scalar>
void pack_lstm_forward(const Scalar* w_ih, const Scalar* w_hh, const Scalar* b_ih, const Scalar* b_hh, int input,
                       int hidden, int first, int last, Scalar* packed)
{
    constexpr int p = P<Scalar>;
    for (int u = first; u < last; ++u) {
        Scalar* w = packed + std::size_t(u) * forward_block_size<Scalar>(input, hidden);
        const int unit = u * p;
        const int count = std::min(p, hidden - unit);
        std::fill(w, w + forward_block_size<Scalar>(input, hidden), Scalar(0));
        // P x P blocks transposed in registers: rows of W (units) become the lanes of a packed k-step.
        for (int g = 0; g < 4; ++g) {
            const Index row = Index(g) * hidden + unit;
            for (int k = 0; k < input; k += p)
                transpose_block(w_ih + row * input + k, input, count, std::min(p, input - k),
                                w + (Index(k) * 4 + g) * p, 4 * p);
            for (int k = 0; k < hidden; k += p)
                transpose_block(w_hh + row * hidden + k, hidden, count, std::min(p, hidden - k),
                                w + (Index(input + k) * 4 + g) * p, 4 * p);
        }
        for (int g = 0; g < 4; ++g)
            for (int l = 0; l < count; ++l) {
                const Index row = Index(g) * hidden + unit + l;
                w[(Index(input + hidden) * 4 + g) * p + l] = b_ih[row] + b_hh[row];
            }
    }
}

template <typename Scalar>
void pack_lstm_backward(const Scalar* w_hh, int hidden, int first, int last, Scalar* packed)
{
    constexpr int UB = tile_packets * P<Scalar>;
    for (int tile = first; tile < last; ++tile) {
        Scalar* w = packed + std::size_t(tile) * 4 * hidden * UB;
        const int unit = tile * UB;
        const int count = std::min(UB, hidden - unit);
        for (int k = 0; k < 4 * hidden; ++k) {
            const Scalar* row = w_hh + Index(k) * hidden + unit;
            Scalar* out = w + Index(k) * UB;
            std::copy(row, row + count, out);
            std::fill(out + count, out + UB, Scalar(0));
        }
    }
}

template <typename Scalar>
void lstm_forward_step(const LstmStepData<Scalar>& data, int t, Index b0, Index b1, int u0, int u1)
{
    const std::size_t block = forward_block_size<Scalar>(data.input, data.hidden);
    for (int u = u0; u < u1; ++u)
        for (Index col = b0; col < b1; col += max_columns)
            run_forward_tile(data, data.packed + std::size_t(u) * block, u, t, col,
                             int(std::min<Index>(max_columns, b1 - col)));
}

template <typename Scalar>
void lstm_project_inputs(const LstmStepData<Scalar>& data, Index c0, Index c1, int u0, int u1)
{
    const std::size_t block = forward_block_size<Scalar>(data.input, data.hidden);
    for (int u = u0; u < u1; ++u)
        for (Index col = c0; col < c1; col += max_columns)
            run_projection_tile(data, data.packed + std::size_t(u) * block, u, col,
                                int(std::min<Index>(max_columns, c1 - col)));
}

template <typename Scalar>
void lstm_backward_step(const LstmStepData<Scalar>& data, int t, int later_t, Index b0, Index b1, int u0, int u1)
{
    constexpr int UB = tile_packets * P<Scalar>;
    const std::size_t tile_size = std::size_t(4) * data.hidden * UB;
    for (int u = u0; u < u1; ++u)
        for (Index col = b0; col < b1; col += max_columns)
            run_backward_tile(data, data.packed + std::size_t(u) * tile_size, u * UB, t, later_t, col,
                              int(std::min<Index>(max_columns, b1 - col)));
}

#define LSTMLAB_INSTANTIATE(Scalar)                                                                                  \
    template int lstm_forward_blocks<Scalar>(int);                                                                   \
    template int lstm_backward_tiles<Scalar>(int);                                                                   \
    template std::size_t lstm_forward_packed_size<Scalar>(int, int);                                                 \
    template std::size_t lstm_backward_packed_size<Scalar>(int);                                                     \
    template void pack_lstm_forward<Scalar>(const Scalar*, const Scalar*, const Scalar*, const Scalar*, int, int,   \
                                            int, int, Scalar*);                                                      \
    template void pack_lstm_backward<Scalar>(const Scalar*, int, int, int, Scalar*);                                 \
    template void lstm_forward_step<Scalar>(const LstmStepData<Scalar>&, int, Index, Index, int, int);               \
    template void lstm_project_inputs<Scalar>(const LstmStepData<Scalar>&, Index, Index, int, int);                  \
    template void lstm_backward_step<Scalar>(const LstmStepData<Scalar>&, int, int, Index, Index, int, int);
LSTMLAB_INSTANTIATE(float)
LSTMLAB_INSTANTIATE(double)
#undef LSTMLAB_INSTANTIATE

} // namespace lstmlab
