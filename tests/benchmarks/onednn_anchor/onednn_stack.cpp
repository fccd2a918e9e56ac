#include "tests/benchmarks/onednn_anchor/onednn_stack.h"

namespace lstmlab::anchor {

OnednnStack::OnednnStack(const dnnl::engine& engine, Cell cell, int features, const std::vector<int>& hidden,
                         int steps, int batch, bool training)
    : m_engine(engine), m_stream(engine), m_layout(gate_layout(cell))
{
    const std::size_t TB = std::size_t(steps) * std::size_t(batch);
    m_widths.push_back(features);
    m_widths.insert(m_widths.end(), hidden.begin(), hidden.end());
    m_input.assign(TB * std::size_t(features), 0.0f);
    m_d_input.assign(m_input.size(), 0.0f);
    m_d_output.assign(TB * std::size_t(hidden.back()), 0.0f);
    m_outputs.resize(hidden.size());
    m_d_outputs.resize(hidden.size());
    for (std::size_t k = 0; k < hidden.size(); ++k) {
        m_outputs[k].assign(TB * std::size_t(hidden[k]), 0.0f);
        m_d_outputs[k].assign(TB * std::size_t(hidden[k]), 0.0f);
        float* src = k == 0 ? m_input.data() : m_outputs[k - 1].data();
        m_layers.push_back(std::make_unique<OnednnLayer>(engine, cell, m_widths[k], hidden[k], steps, batch, training,
                                                         src, m_outputs[k].data()));
    }
}

void OnednnStack::load(const Parameters<float>& params, const GateLayout& layout)
{
    m_layout = layout;
    const auto data = [&](std::size_t index) { return params.values().data() + params.tensors()[index].offset; };
    for (std::size_t k = 0; k < m_layers.size(); ++k)
        load_onednn_weights(layout, m_widths[k], m_widths[k + 1], data(4 * k), data(4 * k + 1), data(4 * k + 2),
                            data(4 * k + 3), *m_layers[k]);
    prepare_weights();
}

void OnednnStack::prepare_weights()
{
    for (auto& layer : m_layers)
        layer->prepare_weights(m_stream);
}

void OnednnStack::forward()
{
    for (auto& layer : m_layers)
        layer->forward(m_stream);
    m_stream.wait();
}

void OnednnStack::backward()
{
    for (std::size_t k = m_layers.size(); k-- > 0;) {
        float* d_output = k + 1 == m_layers.size() ? m_d_output.data() : m_d_outputs[k].data();
        float* d_input = k == 0 ? m_d_input.data() : m_d_outputs[k - 1].data();
        m_layers[k]->backward(m_stream, d_output, d_input);
    }
}

LayerTensors OnednnStack::gradients(int k) const
{
    return onednn_gradients(m_layout, m_widths[std::size_t(k)], m_widths[std::size_t(k) + 1], layer(k));
}

} // namespace lstmlab::anchor
