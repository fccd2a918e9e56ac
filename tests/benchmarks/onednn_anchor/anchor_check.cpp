#include "tests/benchmarks/onednn_anchor/anchor_check.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace lstmlab::anchor {

double relative_difference(const float* onednn, const float* engine, std::size_t count)
{
    double difference = 0, norm = 0;
    for (std::size_t k = 0; k < count; ++k) {
        const double d = double(onednn[k]) - double(engine[k]);
        difference += d * d;
        norm += double(engine[k]) * double(engine[k]);
    }
    // A zero engine tensor: the absolute difference (itself 0 when both are 0).
    return norm > 0 ? std::sqrt(difference / norm) : std::sqrt(difference);
}

std::vector<TensorDifference> compare_training(EngineStack& engine, OnednnStack& onednn, const GateLayout& layout)
{
    const AnchorCase& c = engine.config();
    onednn.load(engine.parameters(), layout);
    std::memcpy(onednn.input(), engine.x().data(), sizeof(float) * std::size_t(engine.x().size()));
    std::memcpy(onednn.d_output(), engine.dy().data(), sizeof(float) * std::size_t(engine.dy().size()));
    engine.train_step();
    onednn.forward();
    onednn.backward();

    std::vector<TensorDifference> out;
    const auto output = engine.output();
    out.push_back({"output", relative_difference(onednn.output().data(), output.data(), std::size_t(output.size()))});
    out.push_back({"d_input", relative_difference(onednn.d_input().data(), engine.dx().data(),
                                                  std::size_t(engine.dx().size()))});
    const Parameters<float>& params = engine.parameters();
    for (int k = 0; k < int(c.hidden.size()); ++k) {
        const LayerTensors grads = onednn.gradients(k);
        const std::vector<float>* ours[] = {&grads.weight_ih, &grads.weight_hh, &grads.bias_ih, &grads.bias_hh};
        for (int j = 0; j < 4; ++j) {
            const TensorInfo& info = params.tensors()[std::size_t(4 * k + j)];
            out.push_back({info.name, relative_difference(ours[j]->data(), params.grads().data() + info.offset,
                                                          info.size())});
        }
    }
    return out;
}

std::vector<TensorDifference> compare_inference(EngineStack& engine, OnednnStack& onednn, const GateLayout& layout,
                                                int batch)
{
    onednn.load(engine.parameters(), layout);
    const ColMatrix<float>& input = engine.inference_input(batch);
    std::memcpy(onednn.input(), input.data(), sizeof(float) * std::size_t(input.size()));
    engine.forward_inference(batch);
    onednn.forward();
    const auto output = engine.output();
    return {{"inference output (batch " + std::to_string(batch) + ")",
             relative_difference(onednn.output().data(), output.data(), std::size_t(output.size()))}};
}

double worst(const std::vector<TensorDifference>& differences)
{
    double w = 0;
    for (const TensorDifference& d : differences)
        w = std::max(w, d.relative);
    return w;
}

} // namespace lstmlab::anchor
