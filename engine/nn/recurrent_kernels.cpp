#include "engine/nn/recurrent_kernels.h"

#include "engine/nn/gemm.h"
#include "engine/nn/gru_cell.h"
#include "engine/nn/lstm_cell.h"

#include <algorithm>

namespace lstmlab {

using Eigen::Index;
using namespace simd;

namespace {

constexpr int max_columns = gemm_blocking::columns;
constexpr int tile_packets = 4;   // backward: 4 packets of units per tile
constexpr int accumulators = 4;   // forward: per column of a tile (LSTM a_i..a_o; GRU r, z, u_n, v_n)

template <typename Scalar>
constexpr int P = packet_size<Scalar>;

template <typename Scalar, int NR>
using Tile = Packet<Scalar>[accumulators][NR];

// Whether any gate row of W_ih adds into accumulator a (else a starts from its bias when projected).
template <typename Cell>
constexpr bool fed_by_input(int a)
{
    for (int g = 0; g < Cell::gates; ++g)
        if (Cell::input_slot[g] == a)
            return true;
    return false;
}

// Forward packed block: (I + H) k-steps of G P weights, then 4 P biases.
template <typename Scalar, typename Cell>
std::size_t forward_block_size(int input, int hidden)
{
    return std::size_t(input + hidden) * Cell::gates * P<Scalar> + accumulators * P<Scalar>;
}

// acc[slot[g]][j] += sum over k < K of w_k[g] * sources[j][k], in k order: packed rows of G gates x P
// units (G P scalars per k) against K scalars of each column; slot is the cell's input_slot (W_ih)
// or hidden_slot (W_hh). Both parts of the pre-activations run through it.
template <typename Scalar, typename Cell, bool hidden_part, int NR>
EIGEN_ALWAYS_INLINE void multiply_add(const Scalar* w, int K, const Scalar* const* sources, Tile<Scalar, NR>& acc)
{
    using PacketT = Packet<Scalar>;
    constexpr int p = P<Scalar>;
    constexpr int G = Cell::gates;
    for (int k = 0; k < K; ++k, w += G * p) {
        PacketT a[G];
        for (int g = 0; g < G; ++g)
            a[g] = pload<PacketT>(w + g * p);
        for (int j = 0; j < NR; ++j) {
            const PacketT v = pset1<PacketT>(sources[j][k]);
            // Plain loops of constant trip count: unrolled, the slot tables fold to register indices
            // (lambdas here kept the tile on the stack: a quarter slower).
            for (int g = 0; g < G; ++g) {
                const int slot = hidden_part ? Cell::hidden_slot[g] : Cell::input_slot[g];
                acc[slot][j] = pmadd(a[g], v, acc[slot][j]);
            }
        }
    }
}

// Accumulators `a` with fed_by_input(a) == only_unfed skipped, started from the packed biases.
template <typename Scalar, typename Cell, int NR>
EIGEN_ALWAYS_INLINE void start_from_biases(const Scalar* bias, Tile<Scalar, NR>& acc, bool only_unfed)
{
    using PacketT = Packet<Scalar>;
    for (int a = 0; a < accumulators; ++a) {
        if (only_unfed && fed_by_input<Cell>(a))
            continue;
        const PacketT b = pload<PacketT>(bias + a * P<Scalar>);
        for (int j = 0; j < NR; ++j)
            acc[a][j] = b;
    }
}

// Accumulators of one forward tile before the hidden part: the packed biases plus W_ih x_t.
template <typename Scalar, typename Cell, int NR>
EIGEN_ALWAYS_INLINE void input_part(const Scalar* w, int I, int H, const Scalar* const* xs, Tile<Scalar, NR>& acc)
{
    start_from_biases<Scalar, Cell, NR>(w + Index(I + H) * Cell::gates * P<Scalar>, acc, false);
    multiply_add<Scalar, Cell, false, NR>(w, I, xs, acc);
}

// Projection tile: the input part of block u for the flat columns [col, col + NR) of x (any steps),
// stored in `gates` (G H per column, gate g of unit n at g*H + n) for forward tiles to start from.
template <typename Scalar, typename Cell, int NR>
void projection_tile(const RecurrentStepData<Scalar>& d, const Scalar* w, int u, Index col)
{
    constexpr int p = P<Scalar>;
    constexpr int G = Cell::gates;
    const Scalar* xs[NR];
    for (int j = 0; j < NR; ++j)
        xs[j] = d.x + (col + j) * d.ldx;
    Tile<Scalar, NR> acc;
    input_part<Scalar, Cell, NR>(w, d.input, d.hidden, xs, acc);
    const int unit = u * p;
    const int count = std::min(p, d.hidden - unit);
    for (int j = 0; j < NR; ++j)
        for (int g = 0; g < G; ++g)
            store_partial(d.gates + (col + j) * G * d.hidden + g * d.hidden + unit, acc[Cell::input_slot[g]][j], count);
}

// One forward tile: G gates x P units of block u, columns [col, col + NR). With d.projected the input
// part comes from projection_tile (same operations in the same order, so the same bits).
template <typename Scalar, typename Cell, int NR>
void forward_tile(const RecurrentStepData<Scalar>& d, const Scalar* w, int u, int t, Index col)
{
    constexpr int p = P<Scalar>;
    constexpr int G = Cell::gates;
    const int I = d.input;
    const int H = d.hidden;
    const Index B = d.batch;
    const Index previous = Index(d.order.previous_block(t)) * B;
    const Index step = Index(t) * B;
    const int unit = u * p;
    const int count = std::min(p, H - unit);

    const Scalar* hs[NR];
    for (int j = 0; j < NR; ++j)
        hs[j] = d.states + (previous + col + j) * H;
    Tile<Scalar, NR> acc;
    if (d.projected) {
        start_from_biases<Scalar, Cell, NR>(w + Index(I + H) * G * p, acc, true);
        for (int j = 0; j < NR; ++j)
            for (int g = 0; g < G; ++g)
                acc[Cell::input_slot[g]][j] = load_partial(d.gates + (step + col + j) * G * H + g * H + unit, count);
    } else {
        const Scalar* xs[NR];
        for (int j = 0; j < NR; ++j)
            xs[j] = d.x + (step + col + j) * d.ldx;
        input_part<Scalar, Cell, NR>(w, I, H, xs, acc);
    }
    multiply_add<Scalar, Cell, true, NR>(w + Index(I) * G * p, H, hs, acc);

    for (int j = 0; j < NR; ++j)
        Cell::template forward_column<Scalar, NR>(d, acc, j, StepColumn::of(d.order, B, t, col + j), unit, count);
}

// One backward tile: R packets of units starting at `unit`, columns [col, col + NR).
template <typename Scalar, typename Cell, int R, int NR>
void backward_tile(const RecurrentStepData<Scalar>& d, const Scalar* w, int unit, int t, int later_t, Index col)
{
    using PacketT = Packet<Scalar>;
    constexpr int p = P<Scalar>;
    constexpr int UB = tile_packets * p;
    const int H = d.hidden;
    const int GH = Cell::gates * H;
    const Index B = d.batch;
    const Index step = Index(t) * B;

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
        const Index later = Index(later_t) * B;
        for (int j = 0; j < NR; ++j)
            for (int r = 0; r < R; ++r)
                acc[r][j] = Cell::carry_in(d, acc[r][j], later + col + j, col + j, unit + r * p, counts[r]);
        const Scalar* dv[NR];
        for (int j = 0; j < NR; ++j)
            dv[j] = d.hidden_grads + (later + col + j) * GH;
        for (int k = 0; k < GH; ++k, w += UB) {
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

    for (int j = 0; j < NR; ++j) {
        const StepColumn at = StepColumn::of(d.order, B, t, col + j);
        for (int r = 0; r < R; ++r)
            if (counts[r] > 0)
                Cell::backward_packet(d, acc[r][j], at, unit + r * p, counts[r]);
    }
}

// The column count of a tile as a template argument: 1 .. 5 or max_columns (the GEMM's NR).
template <typename Run>
EIGEN_ALWAYS_INLINE void dispatch_columns(int cols, Run&& run)
{
    switch (cols) {
    case 1: run(std::integral_constant<int, 1>{}); break;
    case 2: run(std::integral_constant<int, 2>{}); break;
    case 3: run(std::integral_constant<int, 3>{}); break;
    case 4: run(std::integral_constant<int, 4>{}); break;
    case 5: run(std::integral_constant<int, 5>{}); break;
    default: run(std::integral_constant<int, max_columns>{}); break;
    }
}

template <typename Scalar, typename Cell>
void run_backward_tile(const RecurrentStepData<Scalar>& d, const Scalar* w, int unit, int t, int later_t, Index col,
                       int cols)
{
    const auto run = [&](auto packets) {
        dispatch_columns(cols, [&](auto nr) { backward_tile<Scalar, Cell, packets, nr>(d, w, unit, t, later_t, col); });
    };
    switch (std::min(tile_packets, (d.hidden - unit + P<Scalar> - 1) / P<Scalar>)) {
    case 1: run(std::integral_constant<int, 1>{}); break;
    case 2: run(std::integral_constant<int, 2>{}); break;
    case 3: run(std::integral_constant<int, 3>{}); break;
    default: run(std::integral_constant<int, 4>{}); break;
    }
}

} // namespace

template <typename Scalar>
int forward_blocks(int hidden)
{
    return (hidden + P<Scalar> - 1) / P<Scalar>;
}

template <typename Scalar>
int backward_tiles(int hidden)
{
    constexpr int UB = tile_packets * P<Scalar>;
    return (hidden + UB - 1) / UB;
}

template <typename Scalar, typename Cell>
std::size_t forward_packed_size(int input, int hidden)
{
    return std::size_t(forward_blocks<Scalar>(hidden)) * forward_block_size<Scalar, Cell>(input, hidden);
}

template <typename Scalar, typename Cell>
std::size_t backward_packed_size(int hidden)
{
    return std::size_t(backward_tiles<Scalar>(hidden)) * Cell::gates * hidden * tile_packets * P<Scalar>;
}

template <typename Scalar, typename Cell>
void pack_forward(const Scalar* w_ih, const Scalar* w_hh, const Scalar* b_ih, const Scalar* b_hh, int input,
                  int hidden, int first, int last, Scalar* packed)
{
    constexpr int p = P<Scalar>;
    constexpr int G = Cell::gates;
    const std::size_t size = forward_block_size<Scalar, Cell>(input, hidden);
    for (int u = first; u < last; ++u) {
        Scalar* w = packed + std::size_t(u) * size;
        const int unit = u * p;
        const int count = std::min(p, hidden - unit);
        std::fill(w, w + size, Scalar(0));
        // P x P blocks transposed in registers: rows of W (units) become the lanes of a packed k-step.
        for (int g = 0; g < G; ++g) {
            const Index row = Index(g) * hidden + unit;
            for (int k = 0; k < input; k += p)
                transpose_block(w_ih + row * input + k, input, count, std::min(p, input - k),
                                w + (Index(k) * G + g) * p, G * p);
            for (int k = 0; k < hidden; k += p)
                transpose_block(w_hh + row * hidden + k, hidden, count, std::min(p, hidden - k),
                                w + (Index(input + k) * G + g) * p, G * p);
        }
        Scalar* bias = w + Index(input + hidden) * G * p;
        for (int a = 0; a < accumulators; ++a)
            for (int l = 0; l < count; ++l)
                bias[a * p + l] = Cell::packed_bias(b_ih, b_hh, a, hidden, unit + l);
    }
}

template <typename Scalar, typename Cell>
void pack_backward(const Scalar* w_hh, int hidden, int first, int last, Scalar* packed)
{
    constexpr int UB = tile_packets * P<Scalar>;
    const int GH = Cell::gates * hidden;
    for (int tile = first; tile < last; ++tile) {
        Scalar* w = packed + std::size_t(tile) * GH * UB;
        const int unit = tile * UB;
        const int count = std::min(UB, hidden - unit);
        for (int k = 0; k < GH; ++k) {
            const Scalar* row = w_hh + Index(k) * hidden + unit;
            Scalar* out = w + Index(k) * UB;
            std::copy(row, row + count, out);
            std::fill(out + count, out + UB, Scalar(0));
        }
    }
}

template <typename Scalar, typename Cell>
void forward_step(const RecurrentStepData<Scalar>& data, int t, Index b0, Index b1, int u0, int u1)
{
    const std::size_t block = forward_block_size<Scalar, Cell>(data.input, data.hidden);
    for (int u = u0; u < u1; ++u)
        for (Index col = b0; col < b1; col += max_columns) {
            const Scalar* w = data.packed + std::size_t(u) * block;
            dispatch_columns(int(std::min<Index>(max_columns, b1 - col)),
                             [&](auto nr) { forward_tile<Scalar, Cell, nr>(data, w, u, t, col); });
        }
}

template <typename Scalar, typename Cell>
void project_inputs(const RecurrentStepData<Scalar>& data, Index c0, Index c1, int u0, int u1)
{
    const std::size_t block = forward_block_size<Scalar, Cell>(data.input, data.hidden);
    for (int u = u0; u < u1; ++u)
        for (Index col = c0; col < c1; col += max_columns) {
            const Scalar* w = data.packed + std::size_t(u) * block;
            dispatch_columns(int(std::min<Index>(max_columns, c1 - col)),
                             [&](auto nr) { projection_tile<Scalar, Cell, nr>(data, w, u, col); });
        }
}

template <typename Scalar, typename Cell>
void backward_step(const RecurrentStepData<Scalar>& data, int t, int later_t, Index b0, Index b1, int u0, int u1)
{
    constexpr int UB = tile_packets * P<Scalar>;
    const std::size_t tile_size = std::size_t(Cell::gates) * data.hidden * UB;
    for (int u = u0; u < u1; ++u)
        for (Index col = b0; col < b1; col += max_columns)
            run_backward_tile<Scalar, Cell>(data, data.packed + std::size_t(u) * tile_size, u * UB, t, later_t, col,
                                            int(std::min<Index>(max_columns, b1 - col)));
}

template int forward_blocks<float>(int);
template int forward_blocks<double>(int);
template int backward_tiles<float>(int);
template int backward_tiles<double>(int);

#define LSTMLAB_INSTANTIATE(Scalar, Cell)                                                                            \
    template std::size_t forward_packed_size<Scalar, Cell>(int, int);                                                \
    template std::size_t backward_packed_size<Scalar, Cell>(int);                                                    \
    template void pack_forward<Scalar, Cell>(const Scalar*, const Scalar*, const Scalar*, const Scalar*, int, int,   \
                                             int, int, Scalar*);                                                     \
    template void pack_backward<Scalar, Cell>(const Scalar*, int, int, int, Scalar*);                                \
    template void forward_step<Scalar, Cell>(const RecurrentStepData<Scalar>&, int, Index, Index, int, int);         \
    template void project_inputs<Scalar, Cell>(const RecurrentStepData<Scalar>&, Index, Index, int, int);            \
    template void backward_step<Scalar, Cell>(const RecurrentStepData<Scalar>&, int, int, Index, Index, int, int);
LSTMLAB_INSTANTIATE(float, LstmCell)
LSTMLAB_INSTANTIATE(double, LstmCell)
LSTMLAB_INSTANTIATE(float, GruCell)
LSTMLAB_INSTANTIATE(double, GruCell)
#undef LSTMLAB_INSTANTIATE

} // namespace lstmlab
