// CellDirection: one direction of one recurrent layer whose step is the cell policy `Cell`
// (LstmCell: lstm_cell.h, PyTorch's nn.LSTM; GruCell: gru_cell.h, nn.GRU). The cell files state the
// equations; this class holds what both share: the parameters W_ih (G H, I), W_hh (G H, H), b_ih,
// b_hh (G H) with PyTorch's names, the threaded forward and backward loops over the steps, the
// packing of the weights, the input projection and the weight-gradient products.
//
//   x   (I, T*B)   input sequence (tensor_types.h layout)
//   y   (H, T*B)   h_t after each step, in time order (also for the reverse direction)
// Forward: for batches of one or two windows with 16 inputs or more, the input part W_ih x_t + biases
// of every step is projected first (projects_inputs, recurrent_kernels.h), then the steps run from it.
// Backward, after the per-step kernels filled du and dv (T*B columns each):
//   [dW_ih^T; db_ih^T] += [x; 1] du^T      [dW_hh^T; db_hh^T] += [h_prev; 1] dv^T
//   dx += W_ih^T du
// (one product [x; h_prev; 1] da^T for the LSTM, whose du and dv are the same da).
// Threads (the owning Model's team): the step loop is split by windows, or by units for tiny batches;
// the weight gradients by gate rows; dx by columns. No number depends on the thread count.
#pragma once

#include "engine/nn/recurrent_direction.h"

#include <string>

namespace lstmlab {

template <typename Scalar, typename Cell>
class CellDirection final : public RecurrentDirection<Scalar> {
public:
    // names: PyTorch's, e.g. prefix "lstm." and suffix "_l0_reverse".
    CellDirection(Parameters<Scalar>& params, const std::string& prefix, const std::string& suffix, int input,
                  int hidden, bool reverse);

    void initialize(Rng& rng) override;
    // An inference forward keeps neither the gate activations nor the saved values (LSTM tanh(c_t),
    // GRU v_n); backward() after it throws std::logic_error.
    void forward(const ConstSeqRef<Scalar>& x, int steps, int batch, Mode mode = Mode::training) override;
    Eigen::Map<const ColMatrix<Scalar>> output() const override;
    void backward(const ConstSeqRef<Scalar>& x, const ConstSeqRef<Scalar>& dy, SeqMap<Scalar>* dx) override;
    int hidden() const override { return m_hidden; }

private:
    // Multiply-adds of one step's pre-activations and the team members they are worth.
    int members_for_steps(ComputeContext<Scalar>& compute, bool by_units) const;
    // [dW^T; db^T] (K+1, G H) = [rows; 1] grads^T over all steps, added to the gradients of the weights
    // (one per part of rows, at most two) and of every bias in `biases` (at most two).
    void add_weight_grads(const StackedRows<Scalar>& rows, std::initializer_list<int> weights, const Scalar* grads,
                          std::initializer_list<int> biases);

    Parameters<Scalar>& m_params;
    int m_input;
    int m_hidden;
    bool m_reverse;
    int m_weight_ih;   // (G H, I)
    int m_weight_hh;   // (G H, H)
    int m_bias_ih;     // (G H)
    int m_bias_hh;     // (G H)

    int m_steps = 0;
    int m_batch = 0;
    Buffer<Scalar> m_gates;          // (G H, T*B) activations after forward (projected input parts before)
    Buffer<Scalar> m_states;         // (H, (T+1)*B) h, with the zero initial block (StepOrder)
    Buffer<Scalar> m_cells;          // LSTM: (H, (T+1)*B) c, with the zero initial block
    Buffer<Scalar> m_saved;          // (H, T*B) LSTM tanh(c_t), GRU v_n
    Buffer<Scalar> m_input_grads;    // (G H, T*B) du
    Buffer<Scalar> m_hidden_grads;   // GRU: (G H, T*B) dv (the LSTM's is du)
    Buffer<Scalar> m_carry;          // (H, B) LSTM dc, GRU dh between backward steps
    Buffer<Scalar> m_packed;         // pack_forward of the weights in m_snapshot
    Buffer<Scalar> m_packed_t;       // pack_backward of the same weights when m_packed_t_generation matches
    WeightSnapshot<Scalar> m_snapshot;
    std::uint64_t m_packed_t_generation = 0;
    Buffer<Scalar> m_weight_grads;   // (K+1, G H) [dW^T; db^T] of one product
};

struct LstmCell;
struct GruCell;
template <typename Scalar>
using LstmDirection = CellDirection<Scalar, LstmCell>;
template <typename Scalar>
using GruDirection = CellDirection<Scalar, GruCell>;

} // namespace lstmlab
