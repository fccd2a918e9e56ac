// OnednnLayer: one unidirectional recurrent layer run by oneDNN's RNN primitive (vanilla_lstm or
// lbr_gru), f32, zero initial states, for a fixed (T, B).
//
//   src       (T, B, I)  tnc: element (t, b, i) at (t*B + b)*I + i, the engine's (I, T*B) layout
//   dst       (T, B, H)  tnc, the layer's outputs h_t
//   states    h_0 (and c_0) (1, 1, B, H) ldnc, zero like the engine's; their gradients are computed
//             (oneDNN always does when they are given) but not compared: the engine has none
//   weights   user copies in ldigo / ldgo (gate_layout.h), reordered into the primitive's own
//             formats by prepare_weights() (the primitives pick them: format_tag::any)
// Training: forward() keeps the workspace backward() needs; backward() zeroes and fills the weight
// gradients (user layouts again) and writes diff_src. Inference layers have no backward.
#pragma once

#include "tests/benchmarks/onednn_anchor/gate_layout.h"

#include <oneapi/dnnl/dnnl.hpp>

#include <vector>

namespace lstmlab::anchor {

class OnednnLayer {
public:
    // src and dst must stay valid for the layer's life; diff buffers are given to backward().
    OnednnLayer(const dnnl::engine& engine, Cell cell, int input, int hidden, int steps, int batch, bool training,
                float* src, float* dst);

    // User-layout weights (ldigo) and bias (ldgo), filled by the caller.
    std::vector<float>& weights_layer() { return m_weights_layer; }
    std::vector<float>& weights_iter() { return m_weights_iter; }
    std::vector<float>& bias() { return m_bias; }
    // Reorders the user weights into the forward (and, training, backward) primitives' formats: a
    // training step runs it every time (the weights change after each step).
    void prepare_weights(dnnl::stream& stream);

    void forward(dnnl::stream& stream);
    // diff_dst (T, B, H) -> diff_src (T, B, I) and the weight gradients below (overwritten).
    void backward(dnnl::stream& stream, float* diff_dst, float* diff_src);
    const std::vector<float>& diff_weights_layer() const { return m_diff_weights_layer; }
    const std::vector<float>& diff_weights_iter() const { return m_diff_weights_iter; }
    const std::vector<float>& diff_bias() const { return m_diff_bias; }

    // The implementation oneDNN chose for the forward primitive ("jit:avx512_core", "ref:any", ...).
    const char* forward_implementation() const;
    const char* backward_implementation() const;

private:
    struct Weights {
        dnnl::memory layer;
        dnnl::memory iter;
    };
    Weights internal_weights(const dnnl::memory::desc& layer, const dnnl::memory::desc& iter);

    dnnl::engine m_engine;
    Cell m_cell;
    bool m_training;
    std::vector<float> m_weights_layer, m_weights_iter, m_bias;
    std::vector<float> m_diff_weights_layer, m_diff_weights_iter, m_diff_bias;
    dnnl::memory m_user_weights_layer, m_user_weights_iter, m_bias_memory;
    dnnl::memory m_src, m_dst, m_workspace;
    std::vector<float> m_zero_state, m_state_grads;
    dnnl::memory m_src_iter, m_diff_src_iter, m_diff_src_iter_c;
    dnnl::memory m_diff_src, m_diff_dst;
    dnnl::primitive_desc_base m_forward_pd, m_backward_pd;
    dnnl::primitive m_forward, m_backward;
    Weights m_forward_weights, m_backward_weights;     // the primitives' formats (maybe the user memories)
    dnnl::memory m_diff_weights_layer_internal, m_diff_weights_iter_internal, m_diff_bias_internal;
    dnnl::memory m_user_diff_weights_layer, m_user_diff_weights_iter, m_user_diff_bias;
};

} // namespace lstmlab::anchor
