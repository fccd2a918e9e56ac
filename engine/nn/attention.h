// Attention: Bahdanau additive attention over the top layer's outputs, queried by the last step,
// exactly the tutorial's BahdanauAttention(D) + LSTMWithAttention head input.
//
//   y       (D, T*B)   top-layer outputs h_t;  last = h_{T-1} (D, B)
//   attn    Linear(2D -> D): weight (D, 2D) = [W_q | W_k] acting on cat([last, h_t]), bias b (D)
//   v       Linear(D -> 1), no bias: weight (1, D)
//   (1) e_t = tanh(W_q last + b + W_k h_t)                        (D, B) per step; W_k h is one GEMM
//   (2) s_t = v e_t                                               (1, B)
//   (3) a = softmax over t of s                                   (B, T), rows sum to 1
//   (4) context = sum_t a_t h_t                                   (D, B)
//   (5) out = [last; context]                                     (2D, B), the head's input
// Backward, given d_out = [d_last; d_context]:
//   (6) dh_t += a_t * d_context          da_t = d_context . h_t
//   (7) ds_t = a_t (da_t - sum_u a_u da_u)                         softmax Jacobian
//   (8) dv += ds e^T     de = v^T ds     dp = de * (1 - e^2)
//   (9) dW_k += dp h^T   dh += W_k^T dp  dq = sum_t dp_t   db += sum dq   dW_q += dq last^T
//  (10) d_last += W_q^T dq, and d_last flows into h_{T-1}.
#pragma once

#include "engine/core/rng.h"
#include "engine/nn/compute_context.h"
#include "engine/nn/tensor_types.h"

#include <memory>
#include <string>

namespace lstmlab {

template <typename Scalar>
class Attention {
public:
    // names "attention.attn.weight", "attention.attn.bias", "attention.v.weight".
    Attention(Parameters<Scalar>& params, int width);

    void initialize(Rng& rng);
    // The three (D, D) x (D, T*B)-sized products run on this context's GEMM (no heap temporaries).
    void set_context(ComputeContext<Scalar>* context) { m_context = context; }
    // y (D, T*B) -> out (2D, B).
    void forward(const ConstSeqRef<Scalar>& y, int steps, int batch, SeqRef<Scalar> out);
    // Weights of the last forward: (B, T), row b = window b, summing to 1.
    Eigen::Map<const ColMatrix<Scalar>> weights() const { return m_weights.current(); }
    // d_out (2D, B); dy (D, T*B) += gradient w.r.t. y.
    void backward(const ConstSeqRef<Scalar>& y, const ConstSeqRef<Scalar>& d_out, SeqRef<Scalar> dy);

private:
    ComputeContext<Scalar>& context();

    Parameters<Scalar>& m_params;
    ComputeContext<Scalar>* m_context = nullptr;
    std::unique_ptr<ComputeContext<Scalar>> m_own_context;   // when used without a Model
    int m_width;         // D
    int m_attn_weight;   // (D, 2D)
    int m_attn_bias;     // (D)
    int m_v_weight;      // (1, D)

    int m_steps = 0;
    int m_batch = 0;
    Buffer<Scalar> m_energy;      // (D, T*B) e
    Buffer<Scalar> m_query;       // (D, B) W_q last + b, then dq in backward
    Buffer<Scalar> m_weights;     // (B, T) a; element (b, t) sits at t*B + b, like a (1, T*B) row
    Buffer<Scalar> m_score_grad;  // (B, T) da, then ds
    Buffer<Scalar> m_energy_grad; // (D, T*B) dp
    Buffer<Scalar> m_row_sums;    // (B, 1)
};

} // namespace lstmlab
