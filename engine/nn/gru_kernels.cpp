#include "engine/nn/gru_kernels.h"

#include "engine/nn/gemm.h"

#include <algorithm>

namespace lstmlab {

using Eigen::Index;
using namespace simd;

namespace {

constexpr int max_columns = gemm_blocking::columns;
constexpr int tile_packets = 4;

template <typename Scalar>
constexpr int P = packet_size<Scalar>;

template <typename Scalar>
std::size_t forward_block_size(int input, int hidden)
{
    return std::size_t(input + hidden) * 3 * P<Scalar> + 4 * P<Scalar>;
}

template <typename Scalar, int NR>
void forward_tile(const GruStepData<Scalar>& d, const Scalar* w, int u, int t, Index col)
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

    const Scalar* xs[NR];
    const Scalar* hs[NR];
    for (int j = 0; j < NR; ++j) {
        const Index c = col + j;
        xs[j] = d.x + (step + c) * d.ldx;
        hs[j] = d.states + (previous + c) * H;
    }
    PacketT acc[4][NR];   // r, z, u_n, v_n
    const Scalar* bias = w + Index(I + H) * 3 * p;
    for (int g = 0; g < 4; ++g) {
        const PacketT b = pload<PacketT>(bias + g * p);
        for (int j = 0; j < NR; ++j)
            acc[g][j] = b;
    }
    for (int k = 0; k < I; ++k, w += 3 * p) {                                      // (1)
        const PacketT a0 = pload<PacketT>(w), a1 = pload<PacketT>(w + p), a2 = pload<PacketT>(w + 2 * p);
        for (int j = 0; j < NR; ++j) {
            const PacketT v = pset1<PacketT>(xs[j][k]);
            acc[0][j] = pmadd(a0, v, acc[0][j]);
            acc[1][j] = pmadd(a1, v, acc[1][j]);
            acc[2][j] = pmadd(a2, v, acc[2][j]);
        }
    }
    for (int k = 0; k < H; ++k, w += 3 * p) {                                      // (2)
        const PacketT a0 = pload<PacketT>(w), a1 = pload<PacketT>(w + p), a2 = pload<PacketT>(w + 2 * p);
        for (int j = 0; j < NR; ++j) {
            const PacketT v = pset1<PacketT>(hs[j][k]);
            acc[0][j] = pmadd(a0, v, acc[0][j]);
            acc[1][j] = pmadd(a1, v, acc[1][j]);
            acc[3][j] = pmadd(a2, v, acc[3][j]);
        }
    }

    const PacketT one = pset1<PacketT>(Scalar(1));
    const int unit = u * p;
    const int count = std::min(p, H - unit);
    for (int j = 0; j < cols; ++j) {
        const Index c = col + j;
        const PacketT r = sigmoid<Scalar>(acc[0][j]);                                 // (3)
        const PacketT z = sigmoid<Scalar>(acc[1][j]);
        const PacketT n = simd::tanh<Scalar>(padd(acc[2][j], pmul(r, acc[3][j])));   // (4)
        const PacketT h_prev = load_partial(d.states + (previous + c) * H + unit, count);
        store_partial(d.states + (current + c) * H + unit, padd(pmul(psub(one, z), n), pmul(z, h_prev)), count); // (5)
        if (d.store_activations) {
            Scalar* a = d.gates + (step + c) * 3 * H + unit;
            store_partial(a, r, count);
            store_partial(a + H, z, count);
            store_partial(a + 2 * H, n, count);
            store_partial(d.hidden_n + (step + c) * H + unit, acc[3][j], count);
        }
    }
}

template <typename Scalar, int R, int NR>
void backward_tile(const GruStepData<Scalar>& d, const Scalar* w, int unit, int t, int later_t, Index col)
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
        for (int r = 0; r < R; ++r) {
            const int u = unit + r * p;
            acc[r][j] = load_partial(d.dy + (step + c) * d.lddy + u, counts[r]);
            if (later_t >= 0) {                                                   // (9): dh_{t+1} z_{t+1}
                const PacketT z = load_partial(d.gates + (Index(later_t) * B + c) * 3 * H + H + u, counts[r]);
                acc[r][j] = padd(acc[r][j], pmul(load_partial(d.state_grad + c * H + u, counts[r]), z));
            }
        }
    }
    if (later_t >= 0) {                                                           // (9): W_hh^T dv_{t+1}
        const Scalar* dv[NR];
        for (int j = 0; j < NR; ++j)
            dv[j] = d.hidden_grads + (Index(later_t) * B + col + j) * 3 * H;
        for (int k = 0; k < 3 * H; ++k, w += UB) {
            PacketT a[R];
            for (int r = 0; r < R; ++r)
                a[r] = pload<PacketT>(w + r * p);
            for (int j = 0; j < NR; ++j) {
                const PacketT v = pset1<PacketT>(dv[j][k]);
                for (int r = 0; r < R; ++r)
                    acc[r][j] = pmadd(a[r], v, acc[r][j]);
            }
        }
    }

    const PacketT one = pset1<PacketT>(Scalar(1));
    for (int j = 0; j < cols; ++j) {
        const Index c = col + j;
        const Scalar* gates = d.gates + (step + c) * 3 * H;
        Scalar* du = d.input_grads + (step + c) * 3 * H;
        Scalar* dv = d.hidden_grads + (step + c) * 3 * H;
        for (int r = 0; r < R; ++r) {
            const int n_lanes = counts[r];
            if (n_lanes == 0)
                continue;
            const int u = unit + r * p;
            const PacketT dh = acc[r][j];
            store_partial(d.state_grad + c * H + u, dh, n_lanes);
            const PacketT rg = load_partial(gates + u, n_lanes);
            const PacketT z = load_partial(gates + H + u, n_lanes);
            const PacketT n = load_partial(gates + 2 * H + u, n_lanes);
            const PacketT vn = load_partial(d.hidden_n + (step + c) * H + u, n_lanes);
            const PacketT h_prev = load_partial(d.states + (previous + c) * H + u, n_lanes);
            const PacketT du_n = pmul(pmul(dh, psub(one, z)), psub(one, pmul(n, n)));            // (6), (7)
            const PacketT du_r = pmul(pmul(pmul(du_n, vn), rg), psub(one, rg));                 // (8)
            const PacketT du_z = pmul(pmul(pmul(dh, psub(h_prev, n)), z), psub(one, z));
            store_partial(du + u, du_r, n_lanes);
            store_partial(du + H + u, du_z, n_lanes);
            store_partial(du + 2 * H + u, du_n, n_lanes);
            store_partial(dv + u, du_r, n_lanes);
            store_partial(dv + H + u, du_z, n_lanes);
            store_partial(dv + 2 * H + u, pmul(du_n, rg), n_lanes);
        }
    }
}

template <typename Scalar, int R>
void backward_tile_columns(const GruStepData<Scalar>& d, const Scalar* w, int unit, int t, int later_t, Index col, int cols)
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
void run_backward_tile(const GruStepData<Scalar>& d, const Scalar* w, int unit, int t, int later_t, Index col,
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
void run_forward_tile(const GruStepData<Scalar>& d, const Scalar* w, int u, int t, Index col, int cols)
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
int gru_forward_blocks(int hidden)
{
    return (hidden + P<Scalar> - 1) / P<Scalar>;
}

template <typename Scalar>
int gru_backward_tiles(int hidden)
{
    constexpr int UB = tile_packets * P<Scalar>;
    return (hidden + UB - 1) / UB;
}

template <typename Scalar>
std::size_t gru_forward_packed_size(int input, int hidden)
{
    return std::size_t(gru_forward_blocks<Scalar>(hidden)) * forward_block_size<Scalar>(input, hidden);
}

template <typename Scalar>
std::size_t gru_backward_packed_size(int hidden)
{
    return std::size_t(gru_backward_tiles<Scalar>(hidden)) * 3 * hidden * tile_packets * P<Scalar>;
}

template <typename Scalar>
void pack_gru_forward(const Scalar* w_ih, const Scalar* w_hh, const Scalar* b_ih, const Scalar* b_hh, int input,
                      int hidden, int first, int last, Scalar* packed)
{
    constexpr int p = P<Scalar>;
    const std::size_t size = forward_block_size<Scalar>(input, hidden);
    for (int u = first; u < last; ++u) {
        Scalar* w = packed + std::size_t(u) * size;
        const int unit = u * p;
        const int count = std::min(p, hidden - unit);
        std::fill(w, w + size, Scalar(0));
        Scalar* bias = w + Index(input + hidden) * 3 * p;
        // P x P blocks transposed in registers: rows of W (units) become the lanes of a packed k-step.
        for (int g = 0; g < 3; ++g) {
            const Index row = Index(g) * hidden + unit;
            for (int k = 0; k < input; k += p)
                transpose_block(w_ih + row * input + k, input, count, std::min(p, input - k),
                                w + (Index(k) * 3 + g) * p, 3 * p);
            for (int k = 0; k < hidden; k += p)
                transpose_block(w_hh + row * hidden + k, hidden, count, std::min(p, hidden - k),
                                w + (Index(input + k) * 3 + g) * p, 3 * p);
        }
        for (int g = 0; g < 3; ++g)
            for (int l = 0; l < count; ++l) {
                const Index row = Index(g) * hidden + unit + l;
                if (g < 2)
                    bias[g * p + l] = b_ih[row] + b_hh[row];
                else {
                    bias[2 * p + l] = b_ih[row];
                    bias[3 * p + l] = b_hh[row];
                }
            }
    }
}

template <typename Scalar>
void pack_gru_backward(const Scalar* w_hh, int hidden, int first, int last, Scalar* packed)
{
    constexpr int UB = tile_packets * P<Scalar>;
    for (int tile = first; tile < last; ++tile) {
        Scalar* w = packed + std::size_t(tile) * 3 * hidden * UB;
        const int unit = tile * UB;
        const int count = std::min(UB, hidden - unit);
        for (int k = 0; k < 3 * hidden; ++k) {
            const Scalar* row = w_hh + Index(k) * hidden + unit;
            Scalar* out = w + Index(k) * UB;
            std::copy(row, row + count, out);
            std::fill(out + count, out + UB, Scalar(0));
        }
    }
}

template <typename Scalar>
void gru_forward_step(const GruStepData<Scalar>& data, int t, Index b0, Index b1, int u0, int u1)
{
    const std::size_t block = forward_block_size<Scalar>(data.input, data.hidden);
    for (int u = u0; u < u1; ++u)
        for (Index col = b0; col < b1; col += max_columns)
            run_forward_tile(data, data.packed + std::size_t(u) * block, u, t, col,
                             int(std::min<Index>(max_columns, b1 - col)));
}

template <typename Scalar>
void gru_backward_step(const GruStepData<Scalar>& data, int t, int later_t, Index b0, Index b1, int u0, int u1)
{
    constexpr int UB = tile_packets * P<Scalar>;
    const std::size_t tile_size = std::size_t(3) * data.hidden * UB;
    for (int u = u0; u < u1; ++u)
        for (Index col = b0; col < b1; col += max_columns)
            run_backward_tile(data, data.packed + std::size_t(u) * tile_size, u * UB, t, later_t, col,
                              int(std::min<Index>(max_columns, b1 - col)));
}

#define LSTMLAB_INSTANTIATE(Scalar)                                                                                  \
    template int gru_forward_blocks<Scalar>(int);                                                                    \
    template int gru_backward_tiles<Scalar>(int);                                                                    \
    template std::size_t gru_forward_packed_size<Scalar>(int, int);                                                  \
    template std::size_t gru_backward_packed_size<Scalar>(int);                                                      \
    template void pack_gru_forward<Scalar>(const Scalar*, const Scalar*, const Scalar*, const Scalar*, int, int, int, \
                                           int, Scalar*);                                                            \
    template void pack_gru_backward<Scalar>(const Scalar*, int, int, int, Scalar*);                                  \
    template void gru_forward_step<Scalar>(const GruStepData<Scalar>&, int, Index, Index, int, int);                 \
    template void gru_backward_step<Scalar>(const GruStepData<Scalar>&, int, int, Index, Index, int, int);
LSTMLAB_INSTANTIATE(float)
LSTMLAB_INSTANTIATE(double)
#undef LSTMLAB_INSTANTIATE

} // namespace lstmlab
