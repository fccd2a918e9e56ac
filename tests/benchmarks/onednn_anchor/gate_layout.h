// GateLayout: where each of oneDNN's gate blocks comes from in the engine's (PyTorch's) tensors.
//
// The engine stores a layer as PyTorch does (row-major, gates stacked by rows):
//   weight_ih (G*H, I)   weight_hh (G*H, H)   bias_ih (G*H)   bias_hh (G*H)
//   LSTM gates i, f, g, o (G = 4); GRU gates r, z, n (G = 3).
// oneDNN (RNN primitive, developer guide "RNN"):
//   weights_layer ldigo (1, 1, I, G, H)  weights_iter ldigo (1, 1, H, G, H)  bias ldgo (1, 1, G', H)
//   vanilla_lstm gates i, f, c~, o: the same order as PyTorch, G' = 4, bias = b_ih + b_hh.
//   lbr_gru gates u, r, o with G' = 4 bias blocks [b_u, b_r, b_o, b_u'], where
//     u_t = sigma(W_u x + U_u h + b_u)  r_t = sigma(W_r x + U_r h + b_r)
//     o_t = tanh(W_o x + b_o + r_t * (U_o h + b_u'))   h_t = u_t * h_{t-1} + (1 - u_t) * o_t
//   which is PyTorch's GRU with u = z, o = n, b_u = b_iz + b_hz, b_r = b_ir + b_hr, b_o = b_in,
//   b_u' = b_hn.
#pragma once

#include <array>

namespace lstmlab::anchor {

enum class Cell { lstm, lbr_gru };

struct GateLayout {
    int gates;                          // G: weight gate blocks (4 LSTM, 3 GRU)
    int bias_gates;                     // G': bias blocks (4 for both)
    std::array<int, 4> source;          // oneDNN weight gate g <- engine block source[g]
    // oneDNN bias block g = bias_ih block ih[g] (or none, -1) + bias_hh block hh[g] (or none, -1).
    std::array<int, 4> ih;
    std::array<int, 4> hh;
};

inline GateLayout gate_layout(Cell cell)
{
    if (cell == Cell::lstm)
        return {4, 4, {0, 1, 2, 3}, {0, 1, 2, 3}, {0, 1, 2, 3}};
    // engine r = 0, z = 1, n = 2; oneDNN u (= z), r, o (= n), u'.
    return {3, 4, {1, 0, 2, -1}, {1, 0, 2, -1}, {1, 0, -1, 2}};
}

// A deliberately wrong layout (the first two weight gates swapped): the equality check must reject
// it, which shows that the check can fail.
inline GateLayout swapped_first_gates(GateLayout layout)
{
    std::swap(layout.source[0], layout.source[1]);
    return layout;
}

} // namespace lstmlab::anchor
