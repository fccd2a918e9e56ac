#include "tests/benchmarks/onednn_anchor/anchor_case.h"

#include "engine/core/rng.h"

namespace lstmlab::anchor {

ModelSpec AnchorCase::spec() const
{
    ModelSpec s;
    s.cell = cell == Cell::lstm ? CellType::lstm : CellType::gru;
    s.hidden = hidden;
    s.features = features;
    s.outputs = 1;
    return s;
}

std::vector<AnchorCase> anchor_cases(int batch)
{
    const auto make = [&](std::string name, Cell cell, std::vector<int> hidden) {
        AnchorCase c;
        c.name = std::move(name);
        c.cell = cell;
        c.hidden = std::move(hidden);
        c.batch = batch;
        return c;
    };
    return {make("single_h32", Cell::lstm, {32}),          make("stacked_h64x2", Cell::lstm, {64, 64}),
            make("stacked_h128x2", Cell::lstm, {128, 128}), make("attention_h32x2", Cell::lstm, {32, 32}),
            make("gru_h64x2", Cell::lbr_gru, {64, 64}),     make("single_h512", Cell::lstm, {512})};
}

EngineStack::EngineStack(const AnchorCase& c, std::uint64_t seed)
    : m_case(c), m_stack(m_params, c.spec()), m_context(std::make_unique<ComputeContext<float>>(1))
{
    m_params.allocate();
    m_stack.set_context(m_context.get());
    Rng rng(seed);
    m_stack.initialize(rng);
    const Eigen::Index TB = Eigen::Index(c.steps) * c.batch;
    m_x.resize(c.features, TB);
    m_dy.resize(c.hidden.back(), TB);
    m_dx.resize(c.features, TB);
    for (Eigen::Index k = 0; k < m_x.size(); ++k)
        m_x.data()[k] = static_cast<float>(rng.uniform(-1, 1));
    for (Eigen::Index k = 0; k < m_dy.size(); ++k)
        m_dy.data()[k] = static_cast<float>(rng.uniform(-1, 1));
}

void EngineStack::set_threads(int threads)
{
    if (threads == m_context->threads())
        return;
    m_context = std::make_unique<ComputeContext<float>>(threads);
    m_stack.set_context(m_context.get());
}

void EngineStack::forward_training()
{
    m_params.mark_changed();
    m_stack.forward(m_x, m_case.steps, m_case.batch, Mode::training, nullptr);
}

void EngineStack::train_step()
{
    m_params.zero_grad();
    forward_training();
    SeqMap<float> dx(m_dx.data(), m_dx.rows(), m_dx.cols());
    m_stack.backward(m_x, m_dy, &dx);
}

const ColMatrix<float>& EngineStack::inference_input(int batch)
{
    // Window b of step t is column t*B + b: the first `batch` windows are gathered step by step.
    const int T = m_case.steps, B = m_case.batch;
    if (m_window.cols() != Eigen::Index(T) * batch) {
        m_window.resize(m_case.features, Eigen::Index(T) * batch);
        for (int t = 0; t < T; ++t)
            m_window.middleCols(Eigen::Index(t) * batch, batch) = m_x.middleCols(Eigen::Index(t) * B, batch);
    }
    return m_window;
}

void EngineStack::forward_inference(int batch)
{
    m_stack.forward(inference_input(batch), m_case.steps, batch, Mode::inference, nullptr);
}

} // namespace lstmlab::anchor
