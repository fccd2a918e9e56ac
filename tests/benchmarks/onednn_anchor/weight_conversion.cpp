#include "tests/benchmarks/onednn_anchor/weight_conversion.h"

#include "tests/benchmarks/onednn_anchor/onednn_layer.h"

namespace lstmlab::anchor {
namespace {

using Index = std::size_t;

// (blk*H + h, i) of a row-major (G*H, n) engine matrix <-> (i, g, h) of an ldigo oneDNN one.
Index engine_index(int block, int h, int i, int hidden, int n) { return (Index(block) * hidden + h) * n + i; }
Index onednn_index(int g, int h, int i, int hidden, int gates) { return (Index(i) * gates + g) * hidden + h; }

void to_ldigo(const GateLayout& layout, int n, int hidden, const float* engine, std::vector<float>& onednn)
{
    for (int i = 0; i < n; ++i)
        for (int g = 0; g < layout.gates; ++g)
            for (int h = 0; h < hidden; ++h)
                onednn[onednn_index(g, h, i, hidden, layout.gates)] =
                    engine[engine_index(layout.source[g], h, i, hidden, n)];
}

std::vector<float> from_ldigo(const GateLayout& layout, int n, int hidden, const std::vector<float>& onednn)
{
    std::vector<float> engine(Index(layout.gates) * hidden * n);
    for (int i = 0; i < n; ++i)
        for (int g = 0; g < layout.gates; ++g)
            for (int h = 0; h < hidden; ++h)
                engine[engine_index(layout.source[g], h, i, hidden, n)] =
                    onednn[onednn_index(g, h, i, hidden, layout.gates)];
    return engine;
}

} // namespace

void load_onednn_weights(const GateLayout& layout, int input, int hidden, const float* weight_ih,
                         const float* weight_hh, const float* bias_ih, const float* bias_hh, OnednnLayer& layer)
{
    to_ldigo(layout, input, hidden, weight_ih, layer.weights_layer());
    to_ldigo(layout, hidden, hidden, weight_hh, layer.weights_iter());
    std::vector<float>& bias = layer.bias();
    for (int g = 0; g < layout.bias_gates; ++g)
        for (int h = 0; h < hidden; ++h) {
            float sum = 0.0f;
            if (layout.ih[g] >= 0)
                sum += bias_ih[Index(layout.ih[g]) * hidden + h];
            if (layout.hh[g] >= 0)
                sum += bias_hh[Index(layout.hh[g]) * hidden + h];
            bias[Index(g) * hidden + h] = sum;
        }
}

LayerTensors onednn_gradients(const GateLayout& layout, int input, int hidden, const OnednnLayer& layer)
{
    LayerTensors out;
    out.weight_ih = from_ldigo(layout, input, hidden, layer.diff_weights_layer());
    out.weight_hh = from_ldigo(layout, hidden, hidden, layer.diff_weights_iter());
    out.bias_ih.assign(Index(layout.gates) * hidden, 0.0f);
    out.bias_hh.assign(Index(layout.gates) * hidden, 0.0f);
    const std::vector<float>& bias = layer.diff_bias();
    for (int g = 0; g < layout.bias_gates; ++g)
        for (int h = 0; h < hidden; ++h) {
            if (layout.ih[g] >= 0)
                out.bias_ih[Index(layout.ih[g]) * hidden + h] = bias[Index(g) * hidden + h];
            if (layout.hh[g] >= 0)
                out.bias_hh[Index(layout.hh[g]) * hidden + h] = bias[Index(g) * hidden + h];
        }
    return out;
}

} // namespace lstmlab::anchor
