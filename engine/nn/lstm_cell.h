// LstmCell: the LSTM's part of CellDirection (cell_direction.h), PyTorch's nn.LSTM equations and gate
// order (i, f, g, o).
//
// For each step t (x_t (I, B), h and c of the previous step (H, B)):
//   (1) [a_i; a_f; a_g; a_o] = W_ih x_t + b_ih + W_hh h_{t-1} + b_hh        (4H, B)
//   (2) i = sigma(a_i)   f = sigma(a_f)   g = tanh(a_g)   o = sigma(a_o)
//   (3) c_t = f * c_{t-1} + i * g
//   (4) h_t = o * tanh(c_t)
// The step kernels (recurrent_kernels.h) take (1) as one chain of multiply-adds over [x_t; h_{t-1}]
// with packed weights; forward_column applies (2)-(4) before the pre-activations leave the registers.
// Backward (per step, from t = last processed back to first), with dh = dy_t + W_hh^T da_{t+1}:
//   (5) do = dh * tanh(c_t)                     da_o = do * o (1 - o)
//   (6) dc = dc_next + dh * o * (1 - tanh^2(c_t))
//   (7) da_i = dc * g * i (1 - i)   da_f = dc * c_{t-1} * f (1 - f)   da_g = dc * i * (1 - g^2)
//   (8) dc_next = dc * f
// then, over all steps at once: [dW_ih | dW_hh | db] += da [x; h_prev; 1]^T as one product
// (db_ih = db_hh = sum of da), and dx += W_ih^T da. Both parts of (1) share da: du = dv = da.
#pragma once

#include "engine/nn/recurrent_kernels.h"
#include "engine/nn/simd.h"

namespace lstmlab {

struct LstmCell {
    static constexpr const char* name = "LstmDirection";
    static constexpr int gates = 4;                          // G
    // Accumulator of the forward tile that gate row g of W_ih / W_hh adds into: both into a_g.
    static constexpr int input_slot[gates] = {0, 1, 2, 3};
    static constexpr int hidden_slot[gates] = {0, 1, 2, 3};
    static constexpr bool keeps_cells = true;                // c_t in RecurrentStepData::cells
    static constexpr bool separate_hidden_grads = false;     // dv = du = da

    // Packed bias of accumulator a for unit n: b_ih + b_hh of gate a.
    template <typename Scalar>
    static Scalar packed_bias(const Scalar* b_ih, const Scalar* b_hh, int a, int hidden, int n)
    {
        const Eigen::Index row = Eigen::Index(a) * hidden + n;
        return b_ih[row] + b_hh[row];
    }

    // (2)-(4) for column j of a forward tile (acc: a_i, a_f, a_g, a_o of `count` units from `unit`).
    template <typename Scalar, int NR>
    static EIGEN_ALWAYS_INLINE void forward_column(const RecurrentStepData<Scalar>& d,
                                                   const simd::Packet<Scalar> (&acc)[4][NR], int j,
                                                   const StepColumn& at, int unit, int count)
    {
        using namespace simd;
        using PacketT = Packet<Scalar>;
        const Eigen::Index H = d.hidden;
        const PacketT i = sigmoid<Scalar>(acc[0][j]);                                   // (2)
        const PacketT f = sigmoid<Scalar>(acc[1][j]);
        const PacketT g = simd::tanh<Scalar>(acc[2][j]);
        const PacketT o = sigmoid<Scalar>(acc[3][j]);
        const PacketT c_prev = load_partial(d.cells + at.previous * H + unit, count);
        const PacketT cell = padd(pmul(f, c_prev), pmul(i, g));                          // (3)
        const PacketT cell_tanh = simd::tanh<Scalar>(cell);
        store_partial(d.cells + at.current * H + unit, cell, count);
        store_partial(d.states + at.current * H + unit, pmul(o, cell_tanh), count);     // (4)
        if (d.store_activations) {
            Scalar* a = d.gates + at.column * 4 * H + unit;
            store_partial(a, i, count);
            store_partial(a + H, f, count);
            store_partial(a + 2 * H, g, count);
            store_partial(a + 3 * H, o, count);
            store_partial(d.saved + at.column * H + unit, cell_tanh, count);
        }
    }

    // What dh of step t takes from step t+1 besides W_hh^T dv_{t+1}: nothing (c carries it, (6)).
    template <typename Scalar>
    static EIGEN_ALWAYS_INLINE simd::Packet<Scalar> carry_in(const RecurrentStepData<Scalar>&,
                                                             const simd::Packet<Scalar>& dh, Eigen::Index,
                                                             Eigen::Index, int, int)
    {
        return dh;
    }

    // (5)-(8) for `n` units from u of one column, dh = dy_t + W_hh^T da_{t+1}.
    template <typename Scalar>
    static EIGEN_ALWAYS_INLINE void backward_packet(const RecurrentStepData<Scalar>& d, const simd::Packet<Scalar>& dh,
                                                    const StepColumn& at, int u, int n)
    {
        using namespace simd;
        using PacketT = Packet<Scalar>;
        const Eigen::Index H = d.hidden;
        const PacketT one = pset1<PacketT>(Scalar(1));
        const Scalar* gates = d.gates + at.column * 4 * H;
        Scalar* da = d.input_grads + at.column * 4 * H;
        const PacketT i = load_partial(gates + u, n);
        const PacketT f = load_partial(gates + H + u, n);
        const PacketT g = load_partial(gates + 2 * H + u, n);
        const PacketT o = load_partial(gates + 3 * H + u, n);
        const PacketT tc = load_partial(d.saved + at.column * H + u, n);
        const PacketT c_prev = load_partial(d.cells + at.previous * H + u, n);
        Scalar* dc_at = d.carry + at.window * H + u;
        PacketT dc = load_partial(dc_at, n);
        store_partial(da + 3 * H + u, pmul(pmul(pmul(dh, tc), o), psub(one, o)), n);         // (5)
        dc = padd(dc, pmul(pmul(dh, o), psub(one, pmul(tc, tc))));                          // (6)
        store_partial(da + u, pmul(pmul(pmul(dc, g), i), psub(one, i)), n);                  // (7)
        store_partial(da + H + u, pmul(pmul(pmul(dc, c_prev), f), psub(one, f)), n);
        store_partial(da + 2 * H + u, pmul(pmul(dc, i), psub(one, pmul(g, g))), n);
        store_partial(dc_at, pmul(dc, f), n);                                              // (8)
    }
};

} // namespace lstmlab
