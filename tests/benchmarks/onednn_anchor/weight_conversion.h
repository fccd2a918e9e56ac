// Weight conversion between the engine's layer tensors (PyTorch's layout and gate order) and a oneDNN
// layer's user layouts (gate_layout.h), and the gradients back.
//
//   engine:  W_ih (G*H, I) and W_hh (G*H, H) row-major, element (blk*H + h, i); b_ih, b_hh (G*H)
//   oneDNN:  weights_layer ldigo element (i, g, h) at (i*G + g)*H + h; weights_iter likewise with H
//            inputs; bias ldgo element (g, h) at g*H + h, G' blocks
// With source[g] = blk (GateLayout), W_layer(i, g, h) = W_ih(blk*H + h, i), and the gradients map back
// the same way; each bias block's gradient is the gradient of every engine bias block summed into it.
#pragma once

#include "tests/benchmarks/onednn_anchor/gate_layout.h"

#include <vector>

namespace lstmlab::anchor {

class OnednnLayer;

// The four tensors of one engine layer, in the order the engine declares them.
struct LayerTensors {
    std::vector<float> weight_ih, weight_hh, bias_ih, bias_hh;
};

// Fills `layer`'s user weights from the engine tensors (pointers to row-major data, sizes as above).
void load_onednn_weights(const GateLayout& layout, int input, int hidden, const float* weight_ih,
                         const float* weight_hh, const float* bias_ih, const float* bias_hh, OnednnLayer& layer);

// The gradients of `layer`'s last backward() in the engine's layout.
LayerTensors onednn_gradients(const GateLayout& layout, int input, int hidden, const OnednnLayer& layer);

} // namespace lstmlab::anchor
