// GruDirection: one direction of one GRU layer, PyTorch's nn.GRU equations and gate order (r, z, n).
//
// For each step t (x_t (I, B), previous state h_{t-1} (H, B)):
//   (1) [u_r; u_z; u_n] = W_ih x_t + b_ih                  (3H, B), one GEMM over all steps up front
//   (2) [v_r; v_z; v_n] = W_hh h_{t-1} + b_hh              (3H, B), one GEMM per step
//   (3) r = sigma(u_r + v_r)      z = sigma(u_z + v_z)
//   (4) n = tanh(u_n + r * v_n)
//   (5) h_t = (1 - z) * n + z * h_{t-1}
// Backward per step, with dh = dy_t + gradient from step t+1:
//   (6) dn = dh * (1 - z)         dz = dh * (h_{t-1} - n)
//   (7) du_n = dn * (1 - n^2)     dv_n = du_n * r
//   (8) du_r = dv_r = du_n * v_n * r (1 - r)      du_z = dv_z = dz * z (1 - z)
//   (9) dh_{t-1} = dh * z + W_hh^T dv
// then over all steps: [dW_ih | db_ih] += du [x; 1]^T, [dW_hh | db_hh] += dv [h_prev; 1]^T (two products),
// dx += W_ih^T du. The kernels (gru_kernels.h) fuse (1)-(5) and (6)-(9) per step; threads split the step
// loop by windows (or units for tiny batches), the weight gradients by gate rows, dx by columns, and no
// number depends on the thread count.
#pragma once

#include "engine/nn/recurrent_direction.h"

#include <string>

namespace lstmlab {

template <typename Scalar>
class GruDirection final : public RecurrentDirection<Scalar> {
public:
    GruDirection(Parameters<Scalar>& params, const std::string& prefix, const std::string& suffix, int input,
                 int hidden, bool reverse);

    void initialize(Rng& rng) override;
    // An inference forward keeps neither r, z, n nor v_n (four of a step tile's five stores); backward()
    // after it throws std::logic_error.
    void forward(const ConstSeqRef<Scalar>& x, int steps, int batch, Mode mode = Mode::training) override;
    Eigen::Map<const ColMatrix<Scalar>> output() const override;
    void backward(const ConstSeqRef<Scalar>& x, const ConstSeqRef<Scalar>& dy, SeqMap<Scalar>* dx) override;
    int hidden() const override { return m_hidden; }

private:
    Parameters<Scalar>& m_params;
    int m_input;
    int m_hidden;
    bool m_reverse;
    int m_weight_ih;   // (3H, I)
    int m_weight_hh;   // (3H, H)
    int m_bias_ih;     // (3H)
    int m_bias_hh;     // (3H)

    int m_steps = 0;
    int m_batch = 0;
    Buffer<Scalar> m_gates;          // (3H, T*B) u, then r, z, n after forward
    Buffer<Scalar> m_hidden_n;       // (H, T*B) v_n, kept for (8)
    Buffer<Scalar> m_states;         // (H, (T+1)*B) h with the zero initial block (StepOrder)
    Buffer<Scalar> m_input_grads;    // (3H, T*B) du
    Buffer<Scalar> m_hidden_grads;   // (3H, T*B) dv
    Buffer<Scalar> m_dh;             // (H, B)
    Buffer<Scalar> m_packed;         // pack_gru_forward of the weights in m_snapshot
    Buffer<Scalar> m_packed_t;       // pack_gru_backward of the same weights when m_packed_t_generation matches
    WeightSnapshot<Scalar> m_snapshot;
    std::uint64_t m_packed_t_generation = 0;
    Buffer<Scalar> m_weight_grads;   // (I+1, 3H) then (H+1, 3H): [dW^T; db^T] of one product
};

} // namespace lstmlab
