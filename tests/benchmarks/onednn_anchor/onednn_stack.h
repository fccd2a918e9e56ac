// OnednnStack: a stack of unidirectional oneDNN layers for a fixed (T, B), one primitive per layer
// (oneDNN's multi-layer primitive needs the same width in every layer; PyTorch 2 also runs its CPU
// RNNs layer by layer), with the buffers between them.
//
//   input        (T, B, I)    tnc = the engine's (I, T*B)
//   layer k      (T, B, H_k)  outputs, the input of layer k+1
//   d_output     (T, B, H_top) given; backward() fills d_input (T, B, I) and every layer's gradients
#pragma once

#include "engine/nn/parameters.h"
#include "tests/benchmarks/onednn_anchor/onednn_layer.h"
#include "tests/benchmarks/onednn_anchor/weight_conversion.h"

#include <memory>
#include <vector>

namespace lstmlab::anchor {

class OnednnStack {
public:
    OnednnStack(const dnnl::engine& engine, Cell cell, int features, const std::vector<int>& hidden, int steps,
                int batch, bool training);

    // Converts the engine's stack weights: `params` holds layer k's weight_ih, weight_hh, bias_ih, bias_hh
    // as tensors 4k .. 4k+3 (a RecurrentStack's declaration order).
    void load(const Parameters<float>& params, const GateLayout& layout);

    float* input() { return m_input.data(); }
    float* d_output() { return m_d_output.data(); }
    const std::vector<float>& output() const { return m_outputs.back(); }
    const std::vector<float>& d_input() const { return m_d_input; }

    // One training step's oneDNN work: weight reorders, forward, backward. Or its parts.
    void prepare_weights();
    void forward();
    void backward();
    // Layer k's gradients of the last backward() in the engine's layout.
    LayerTensors gradients(int k) const;
    const OnednnLayer& layer(int k) const { return *m_layers[std::size_t(k)]; }

private:
    dnnl::engine m_engine;
    dnnl::stream m_stream;
    GateLayout m_layout;
    std::vector<int> m_widths;                       // I, H_0, H_1, ...
    std::vector<float> m_input, m_d_input, m_d_output;
    std::vector<std::vector<float>> m_outputs;       // per layer
    std::vector<std::vector<float>> m_d_outputs;     // per layer but the top: gradient of its output
    std::vector<std::unique_ptr<OnednnLayer>> m_layers;
};

} // namespace lstmlab::anchor
