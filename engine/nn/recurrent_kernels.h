// The fused step kernels behind CellDirection, written once for every cell; a cell policy (lstm_cell.h,
// gru_cell.h) supplies G (gates per unit), where the input and hidden parts of its pre-activations go,
// and the pointwise maths of a step.
//
// Forward, one step for a range of columns (windows) and a range of unit blocks of P units
// (P = packet size): a register tile of 4 accumulators x P units x NR columns starts from the packed
// biases, takes W_ih x_t (the input part) and W_hh h_{t-1} (the hidden part) as one chain of
// multiply-adds over k = [x_t; h_{t-1}], and the cell turns it into its activations and h_t before it
// leaves the registers. The weights are packed per unit block (pack_forward): I k-steps of the G gate
// rows of W_ih for the block's units (G P scalars each), H k-steps of W_hh's, then 4 P biases.
// Backward, one step: dh (units x NR) = dy_t + the cell's carry + W_hh^T dv_{t+1} in registers (dv: the
// gradient of the hidden part's pre-activations), then the cell's pointwise backward gives du_t, dv_t
// and what it carries to the next step. W_hh^T is packed per tile of 4P units (pack_backward).
// Columns are independent, and so are unit blocks within a step: a thread team may split either
// (batch split, or units with a barrier per step) without changing any number.
#pragma once

#include "engine/nn/recurrent_direction.h"

namespace lstmlab {

// The buffers of one direction that its step kernels read and write (G = the cell's gate count).
template <typename Scalar>
struct RecurrentStepData {
    int input = 0;                      // I
    int hidden = 0;                     // H
    int batch = 0;                      // B
    StepOrder order{0, false};
    const Scalar* x = nullptr;          // (I, T*B), leading dimension ldx
    Eigen::Index ldx = 0;
    Scalar* gates = nullptr;            // (G H, T*B) activations (LSTM i, f, g, o; GRU r, z, n)
    bool projected = false;             // gates holds the input part of step t (project_inputs) before it runs
    Scalar* states = nullptr;           // (H, (T+1)*B) h with the zero initial block (StepOrder)
    Scalar* cells = nullptr;            // LSTM: (H, (T+1)*B) c with the zero initial block
    Scalar* saved = nullptr;            // (H, T*B) what backward reads besides the gates: LSTM tanh(c_t), GRU v_n
    bool store_activations = true;      // forward: keep gates and saved for backward()
    const Scalar* packed = nullptr;     // pack_forward / pack_backward output
    // backward only
    const Scalar* dy = nullptr;         // (H, T*B), leading dimension lddy
    Eigen::Index lddy = 0;
    Scalar* input_grads = nullptr;      // (G H, T*B) du: gradient of the input part (dW_ih, db_ih, dx)
    Scalar* hidden_grads = nullptr;     // (G H, T*B) dv: of the hidden part (dW_hh, db_hh, W_hh^T dv);
                                        // the LSTM's parts are summed, so its dv is its du
    Scalar* carry = nullptr;            // (H, B) carried between backward steps: LSTM dc, GRU dh
};

// Where column c of step t sits in a direction's buffers.
struct StepColumn {
    Eigen::Index column;     // t*B + c: in the (., T*B) buffers (gates, saved, dy, du, dv)
    Eigen::Index previous;   // of h_{t-1} (and c_{t-1}) in the (H, (T+1)*B) state buffers
    Eigen::Index current;    // of h_t (and c_t)
    Eigen::Index window;     // c: in the (H, B) carry

    static StepColumn of(const StepOrder& order, Eigen::Index batch, int t, Eigen::Index c)
    {
        return {Eigen::Index(t) * batch + c, Eigen::Index(order.previous_block(t)) * batch + c,
                Eigen::Index(order.state_block(t)) * batch + c, c};
    }
};

// Unit blocks of the forward kernel and tiles of the backward kernel.
template <typename Scalar>
int forward_blocks(int hidden);
template <typename Scalar>
int backward_tiles(int hidden);
// Scalars of the packed weights.
template <typename Scalar, typename Cell>
std::size_t forward_packed_size(int input, int hidden);
template <typename Scalar, typename Cell>
std::size_t backward_packed_size(int hidden);

// Packs blocks [first, last) of [W_ih | W_hh] (row-major (G H, I) and (G H, H)) and the biases.
template <typename Scalar, typename Cell>
void pack_forward(const Scalar* w_ih, const Scalar* w_hh, const Scalar* b_ih, const Scalar* b_hh, int input,
                  int hidden, int first, int last, Scalar* packed);
// Packs tiles [first, last) of W_hh^T.
template <typename Scalar, typename Cell>
void pack_backward(const Scalar* w_hh, int hidden, int first, int last, Scalar* packed);

// Step t for columns [b0, b1) and unit blocks [u0, u1).
template <typename Scalar, typename Cell>
void forward_step(const RecurrentStepData<Scalar>& data, int t, Eigen::Index b0, Eigen::Index b1, int u0, int u1);
// Whether a forward over `batch` columns per step with `input` features should project the inputs
// first: with one or two columns a step tile streams its weights from L2 for a few multiply-adds each,
// and W_ih x_t for every step at once reads W_ih once instead of once per step (stacked LSTM h128x2,
// one window: 532 instead of 788 KB of weights per step). Below 16 inputs W_ih is too small to repay
// the extra pass (LSTM single h32 on 10 features, one window: 5.2 us without it, 6.2 us with it).
inline bool projects_inputs(int batch, int input)
{
    return batch <= 2 && input >= 16;
}
// The input part (packed biases + W_ih x_t) for the flat columns [c0, c1) of x (every step at once) and
// unit blocks [u0, u1), into data.gates; steps run with data.projected then start from it instead of
// reading W_ih again. Same operations in the same order: the same bits.
template <typename Scalar, typename Cell>
void project_inputs(const RecurrentStepData<Scalar>& data, Eigen::Index c0, Eigen::Index c1, int u0, int u1);
// Step t (the processed step after which `later_t` was processed, or -1 for the first backward step) for
// columns [b0, b1) and tiles [u0, u1).
template <typename Scalar, typename Cell>
void backward_step(const RecurrentStepData<Scalar>& data, int t, int later_t, Eigen::Index b0, Eigen::Index b1,
                   int u0, int u1);

} // namespace lstmlab
