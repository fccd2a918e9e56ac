// The fused GRU step kernels behind GruDirection (equations (1)-(9) in gru_direction.h).
//
// Forward, one step for a range of columns and unit blocks of P units: four accumulators per column,
// r and z over k = [x_t; h_{t-1}], u_n over x_t and v_n over h_{t-1} (they must stay apart for (4)),
// each started from its biases; then r, z, n and h_t are formed before the tile leaves the registers.
// Packed weights per unit block (pack_gru_forward): I k-steps of [W_ir; W_iz; W_in], H k-steps of
// [W_hr; W_hz; W_hn] (3P each), then the biases b_ir + b_hr, b_iz + b_hz, b_in, b_hn (4P).
// Backward, one step: dh = dy_t + z_{t+1} dh_{t+1} + W_hh^T dv_{t+1} in registers, then (6)-(8) give
// du_t and dv_t. W_hh^T is packed per tile of 4P units (pack_gru_backward).
// Columns are independent and so are unit blocks within a step: any split gives the same numbers.
#pragma once

#include "engine/nn/recurrent_direction.h"

namespace lstmlab {

template <typename Scalar>
struct GruStepData {
    int input = 0;                      // I
    int hidden = 0;                     // H
    int batch = 0;                      // B
    StepOrder order{0, false};
    const Scalar* x = nullptr;          // (I, T*B), leading dimension ldx
    Eigen::Index ldx = 0;
    Scalar* gates = nullptr;            // (3H, T*B) r, z, n
    Scalar* hidden_n = nullptr;         // (H, T*B) v_n = W_hn h_{t-1} + b_hn
    Scalar* states = nullptr;           // (H, (T+1)*B) h with the zero initial block
    bool store_activations = true;      // forward: keep r, z, n and v_n for backward()
    const Scalar* packed = nullptr;
    // backward only
    const Scalar* dy = nullptr;         // (H, T*B), leading dimension lddy
    Eigen::Index lddy = 0;
    Scalar* input_grads = nullptr;      // (3H, T*B) du
    Scalar* hidden_grads = nullptr;     // (3H, T*B) dv
    Scalar* state_grad = nullptr;       // (H, B) dh of the step processed last
};

template <typename Scalar>
int gru_forward_blocks(int hidden);
template <typename Scalar>
int gru_backward_tiles(int hidden);
template <typename Scalar>
std::size_t gru_forward_packed_size(int input, int hidden);
template <typename Scalar>
std::size_t gru_backward_packed_size(int hidden);

template <typename Scalar>
void pack_gru_forward(const Scalar* w_ih, const Scalar* w_hh, const Scalar* b_ih, const Scalar* b_hh, int input,
                      int hidden, int first, int last, Scalar* packed);
template <typename Scalar>
void pack_gru_backward(const Scalar* w_hh, int hidden, int first, int last, Scalar* packed);

// Step t for columns [b0, b1) and unit blocks [u0, u1).
template <typename Scalar>
void gru_forward_step(const GruStepData<Scalar>& data, int t, Eigen::Index b0, Eigen::Index b1, int u0, int u1);
// Step t; later_t is the step processed just before it in backward (-1 for the first).
template <typename Scalar>
void gru_backward_step(const GruStepData<Scalar>& data, int t, int later_t, Eigen::Index b0, Eigen::Index b1,
                       int u0, int u1);

} // namespace lstmlab
