// The fused LSTM step kernels behind LstmDirection (equations (1)-(8) in lstm_direction.h).
//
// Forward, one step for a range of columns (windows) and a range of unit blocks of P units
// (P = packet size): a register tile of 4 gates x P units x NR columns starts from the summed biases,
// takes W_ih x_t and W_hh h_{t-1} as one chain of multiply-adds over k = [x_t; h_{t-1}], and is turned
// into i, f, g, o, c_t, tanh(c_t) and h_t before it leaves the registers. The weights are packed per
// unit block (pack_lstm_forward): k-major rows of [W_i; W_f; W_g; W_o] for the block's units.
// Backward, one step: dh (units x NR) = dy_t + W_hh^T da_{t+1} in registers, then (5)-(8) give da_t
// and the new dc. W_hh^T is packed per tile of 4P units (pack_lstm_backward).
// Columns are independent, and so are unit blocks within a step: a thread team may split either
// (batch split, or units with a barrier per step) without changing any number.
#pragma once

#include "engine/nn/recurrent_direction.h"

namespace lstmlab {

template <typename Scalar>
struct LstmStepData {
    int input = 0;                      // I
    int hidden = 0;                     // H
    int batch = 0;                      // B
    StepOrder order{0, false};
    const Scalar* x = nullptr;          // (I, T*B), leading dimension ldx
    Eigen::Index ldx = 0;
    Scalar* gates = nullptr;            // (4H, T*B) i, f, g, o
    bool projected = false;             // gates holds b + W_ih x_t (lstm_project_inputs) before each step
    Scalar* cells = nullptr;            // (H, (T+1)*B) c with the zero initial block
    Scalar* cell_tanh = nullptr;        // (H, T*B)
    Scalar* states = nullptr;           // (H, (T+1)*B) h with the zero initial block
    bool store_activations = true;      // forward: keep i, f, g, o and tanh(c_t) for backward()
    const Scalar* packed = nullptr;     // pack_lstm_forward / pack_lstm_backward output
    // backward only
    const Scalar* dy = nullptr;         // (H, T*B), leading dimension lddy
    Eigen::Index lddy = 0;
    Scalar* gate_grads = nullptr;       // (4H, T*B) da
    Scalar* cell_grad = nullptr;        // (H, B) dc carried between steps
};

// Unit blocks of the forward kernel and tiles of the backward kernel.
template <typename Scalar>
int lstm_forward_blocks(int hidden);
template <typename Scalar>
int lstm_backward_tiles(int hidden);
// Scalars of the packed weights.
template <typename Scalar>
std::size_t lstm_forward_packed_size(int input, int hidden);
template <typename Scalar>
std::size_t lstm_backward_packed_size(int hidden);

// Packs blocks [first, last) of [W_ih | W_hh] (row-major (4H, I) and (4H, H)) and b_ih + b_hh.
template <typename Scalar>
void pack_lstm_forward(const Scalar* w_ih, const Scalar* w_hh, const Scalar* b_ih, const Scalar* b_hh, int input,
                       int hidden, int first, int last, Scalar* packed);
// Packs tiles [first, last) of W_hh^T.
template <typename Scalar>
void pack_lstm_backward(const Scalar* w_hh, int hidden, int first, int last, Scalar* packed);

// Step t for columns [b0, b1) and unit blocks [u0, u1).
template <typename Scalar>
void lstm_forward_step(const LstmStepData<Scalar>& data, int t, Eigen::Index b0, Eigen::Index b1, int u0, int u1);
// Whether a forward over `batch` columns per step with `input` features should project the inputs
// first: with one or two columns a step tile streams its weights from L2 for a few multiply-adds each,
// and W_ih x_t for every step at once reads W_ih once instead of once per step (stacked h128x2, one
// window: 532 instead of 788 KB of weights per step). Below 16 inputs W_ih is too small to repay the
// extra pass (single h32 on 10 features, one window: 5.2 us without it, 6.2 us with it).
inline bool lstm_projects_inputs(int batch, int input)
{
    return batch <= 2 && input >= 16;
}
// The input part b_ih + b_hh + W_ih x_t of equation (1) for the flat columns [c0, c1) of x (every
// step at once) and unit blocks [u0, u1), into data.gates; steps run with data.projected then start
// from it instead of reading W_ih again. Same operations in the same order: the same bits.
template <typename Scalar>
void lstm_project_inputs(const LstmStepData<Scalar>& data, Eigen::Index c0, Eigen::Index c1, int u0, int u1);
// Step t (the processed step after which `later_t` was processed, or -1 for the first backward step) for
// columns [b0, b1) and tiles [u0, u1).
template <typename Scalar>
void lstm_backward_step(const LstmStepData<Scalar>& data, int t, int later_t, Eigen::Index b0, Eigen::Index b1,
                        int u0, int u1);

} // namespace lstmlab
