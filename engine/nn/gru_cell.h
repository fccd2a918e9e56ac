// GruCell: the GRU's part of CellDirection (cell_direction.h), PyTorch's nn.GRU equations and gate
// order (r, z, n).
//
// For each step t (x_t (I, B), previous state h_{t-1} (H, B)):
//   (1) [u_r; u_z; u_n] = W_ih x_t + b_ih                  (3H, B), the input part
//   (2) [v_r; v_z; v_n] = W_hh h_{t-1} + b_hh              (3H, B), the hidden part
//   (3) r = sigma(u_r + v_r)      z = sigma(u_z + v_z)
//   (4) n = tanh(u_n + r * v_n)
//   (5) h_t = (1 - z) * n + z * h_{t-1}
// The step kernels (recurrent_kernels.h) run (1) and (2) as one chain of multiply-adds over
// [x_t; h_{t-1}] into four accumulators: r and z take both parts, u_n and v_n stay apart for (4). The
// input part (with b_ir + b_hr, b_iz + b_hz, b_in) may be projected for every step ahead; v_n cannot.
// forward_column applies (3)-(5) before the tile leaves the registers.
// Backward per step, with dh = dy_t + z_{t+1} dh_{t+1} + W_hh^T dv_{t+1}:
//   (6) dn = dh * (1 - z)         dz = dh * (h_{t-1} - n)
//   (7) du_n = dn * (1 - n^2)     dv_n = du_n * r
//   (8) du_r = dv_r = du_n * v_n * r (1 - r)      du_z = dv_z = dz * z (1 - z)
//   (9) dh_{t-1} = dh * z + W_hh^T dv
// then over all steps: [dW_ih | db_ih] += du [x; 1]^T, [dW_hh | db_hh] += dv [h_prev; 1]^T (two
// products), dx += W_ih^T du.
#pragma once

#include "engine/nn/recurrent_kernels.h"
#include "engine/nn/simd.h"

namespace lstmlab {

struct GruCell {
    static constexpr const char* name = "GruDirection";
    static constexpr int gates = 3;                          // G
    // Accumulators of the forward tile: 0 r, 1 z, 2 u_n, 3 v_n; gate row g of W_ih adds into
    // input_slot[g], of W_hh into hidden_slot[g].
    static constexpr int input_slot[gates] = {0, 1, 2};
    static constexpr int hidden_slot[gates] = {0, 1, 3};
    static constexpr bool keeps_cells = false;
    static constexpr bool separate_hidden_grads = true;      // dv_n = du_n * r differs from du_n

    // Packed bias of accumulator a for unit n: b_ir + b_hr, b_iz + b_hz, b_in, b_hn.
    template <typename Scalar>
    static Scalar packed_bias(const Scalar* b_ih, const Scalar* b_hh, int a, int hidden, int n)
    {
        const Eigen::Index row = Eigen::Index(a < 2 ? a : 2) * hidden + n;
        if (a < 2)
            return b_ih[row] + b_hh[row];
        return a == 2 ? b_ih[row] : b_hh[row];
    }

    // (3)-(5) for column j of a forward tile (acc: r, z, u_n, v_n pre-activations of `count` units).
    template <typename Scalar, int NR>
    static EIGEN_ALWAYS_INLINE void forward_column(const RecurrentStepData<Scalar>& d,
                                                   const simd::Packet<Scalar> (&acc)[4][NR], int j,
                                                   const StepColumn& at, int unit, int count)
    {
        using namespace simd;
        using PacketT = Packet<Scalar>;
        const Eigen::Index H = d.hidden;
        const PacketT one = pset1<PacketT>(Scalar(1));
        const PacketT r = sigmoid<Scalar>(acc[0][j]);                                  // (3)
        const PacketT z = sigmoid<Scalar>(acc[1][j]);
        const PacketT n = simd::tanh<Scalar>(padd(acc[2][j], pmul(r, acc[3][j])));    // (4)
        const PacketT h_prev = load_partial(d.states + at.previous * H + unit, count);
        store_partial(d.states + at.current * H + unit, padd(pmul(psub(one, z), n), pmul(z, h_prev)), count); // (5)
        if (d.store_activations) {
            Scalar* a = d.gates + at.column * 3 * H + unit;
            store_partial(a, r, count);
            store_partial(a + H, z, count);
            store_partial(a + 2 * H, n, count);
            store_partial(d.saved + at.column * H + unit, acc[3][j], count);
        }
    }

    // (9): dh of step t takes z_{t+1} dh_{t+1} (later_column: t+1's column, window: c) before W_hh^T dv.
    template <typename Scalar>
    static EIGEN_ALWAYS_INLINE simd::Packet<Scalar> carry_in(const RecurrentStepData<Scalar>& d,
                                                             const simd::Packet<Scalar>& dh, Eigen::Index later_column,
                                                             Eigen::Index window, int u, int n)
    {
        using namespace simd;
        const Eigen::Index H = d.hidden;
        const Packet<Scalar> z = load_partial(d.gates + later_column * 3 * H + H + u, n);
        return padd(dh, pmul(load_partial(d.carry + window * H + u, n), z));
    }

    // (6)-(8) for `n` units from u of one column; keeps dh for step t-1's carry_in.
    template <typename Scalar>
    static EIGEN_ALWAYS_INLINE void backward_packet(const RecurrentStepData<Scalar>& d, const simd::Packet<Scalar>& dh,
                                                    const StepColumn& at, int u, int n)
    {
        using namespace simd;
        using PacketT = Packet<Scalar>;
        const Eigen::Index H = d.hidden;
        const PacketT one = pset1<PacketT>(Scalar(1));
        const Scalar* gates = d.gates + at.column * 3 * H;
        Scalar* du = d.input_grads + at.column * 3 * H;
        Scalar* dv = d.hidden_grads + at.column * 3 * H;
        store_partial(d.carry + at.window * H + u, dh, n);
        const PacketT rg = load_partial(gates + u, n);
        const PacketT z = load_partial(gates + H + u, n);
        const PacketT g = load_partial(gates + 2 * H + u, n);   // n of (4)
        const PacketT vn = load_partial(d.saved + at.column * H + u, n);
        const PacketT h_prev = load_partial(d.states + at.previous * H + u, n);
        const PacketT du_n = pmul(pmul(dh, psub(one, z)), psub(one, pmul(g, g)));            // (6), (7)
        const PacketT du_r = pmul(pmul(pmul(du_n, vn), rg), psub(one, rg));                 // (8)
        const PacketT du_z = pmul(pmul(pmul(dh, psub(h_prev, g)), z), psub(one, z));
        store_partial(du + u, du_r, n);
        store_partial(du + H + u, du_z, n);
        store_partial(du + 2 * H + u, du_n, n);
        store_partial(dv + u, du_r, n);
        store_partial(dv + H + u, du_z, n);
        store_partial(dv + 2 * H + u, pmul(du_n, rg), n);
    }
};

} // namespace lstmlab
