// LstmDirection: one direction of one LSTM layer, PyTorch's nn.LSTM equations and gate order.
//
// For each step t (x_t (I, B), h and c of the previous step (H, B)):
//   (1) [a_i; a_f; a_g; a_o] = W_ih x_t + b_ih + W_hh h_{t-1} + b_hh        (4H, B)
//   (2) i = sigma(a_i)   f = sigma(a_f)   g = tanh(a_g)   o = sigma(a_o)
//   (3) c_t = f * c_{t-1} + i * g
//   (4) h_t = o * tanh(c_t)
// The fused kernels (lstm_kernels.h) take (1) as one chain of multiply-adds over [x_t; h_{t-1}] with
// packed weights and apply (2)-(4) before the pre-activations leave the registers.
// Backward (per step, from t = last processed back to first), with dh = dy_t + W_hh^T da_{t+1}:
//   (5) do = dh * tanh(c_t)                     da_o = do * o (1 - o)
//   (6) dc = dc_next + dh * o * (1 - tanh^2(c_t))
//   (7) da_i = dc * g * i (1 - i)   da_f = dc * c_{t-1} * f (1 - f)   da_g = dc * i * (1 - g^2)
//   (8) dc_next = dc * f
// then, over all steps at once: [dW_ih | dW_hh | db] += da [x; h_prev; 1]^T as one product
// (db_ih = db_hh = sum of da), and dx += W_ih^T da.
// Threads (the owning Model's team): the step loop is split by windows, or by units for tiny batches;
// the weight gradients by gate rows; dx by columns. No number depends on the thread count.
#pragma once

#include "engine/nn/recurrent_direction.h"

#include <string>

namespace lstmlab {

template <typename Scalar>
class LstmDirection final : public RecurrentDirection<Scalar> {
public:
    // names: PyTorch's, e.g. prefix "lstm." and suffix "_l0_reverse".
    LstmDirection(Parameters<Scalar>& params, const std::string& prefix, const std::string& suffix, int input,
                  int hidden, bool reverse);

    void initialize(Rng& rng) override;
    // An inference forward keeps neither the gate activations nor tanh(c_t) (five of the seven stores
    // of a step's tile); backward() after it throws std::logic_error.
    void forward(const ConstSeqRef<Scalar>& x, int steps, int batch, Mode mode = Mode::training) override;
    Eigen::Map<const ColMatrix<Scalar>> output() const override;
    void backward(const ConstSeqRef<Scalar>& x, const ConstSeqRef<Scalar>& dy, SeqMap<Scalar>* dx) override;
    int hidden() const override { return m_hidden; }

private:
    Parameters<Scalar>& m_params;
    int m_input;
    int m_hidden;
    bool m_reverse;
    int m_weight_ih;   // (4H, I)
    int m_weight_hh;   // (4H, H)
    int m_bias_ih;     // (4H)
    int m_bias_hh;     // (4H)

    int m_steps = 0;
    int m_batch = 0;
    Buffer<Scalar> m_gates;        // (4H, T*B) activations i, f, g, o after forward
    Buffer<Scalar> m_cells;        // (H, (T+1)*B) c, with the zero initial block (StepOrder)
    Buffer<Scalar> m_cell_tanh;    // (H, T*B) tanh(c_t), time order
    Buffer<Scalar> m_states;       // (H, (T+1)*B) h, with the zero initial block (StepOrder)
    Buffer<Scalar> m_gate_grads;   // (4H, T*B) da
    Buffer<Scalar> m_dc;           // (H, B) gradient flowing into the current step's c
    Buffer<Scalar> m_packed;       // pack_lstm_forward of the weights in m_snapshot
    Buffer<Scalar> m_packed_t;     // pack_lstm_backward of the same weights when m_packed_t_generation matches
    WeightSnapshot<Scalar> m_snapshot;
    std::uint64_t m_packed_t_generation = 0;
    Buffer<Scalar> m_weight_grads; // (I+H+1, 4H) [dW_ih^T; dW_hh^T; db^T] of one backward()
};

} // namespace lstmlab
