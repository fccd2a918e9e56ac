#include "engine/nn/recurrent_stack.h"

#include "engine/nn/cell_direction.h"

#include <optional>
#include <string>

namespace lstmlab {

template <typename Scalar>
RecurrentStack<Scalar>::RecurrentStack(Parameters<Scalar>& params, const ModelSpec& spec) : m_dropout(spec.dropout)
{
    const std::string module = spec.recurrent_module();
    const bool uniform = spec.uniform_layers();
    m_layers.resize(spec.hidden.size());
    int input = spec.features;
    for (int k = 0; k < spec.layers(); ++k) {
        Layer& layer = m_layers[static_cast<std::size_t>(k)];
        const int hidden = spec.hidden[static_cast<std::size_t>(k)];
        const std::string prefix = uniform ? module + "." : module + "." + std::to_string(k) + ".";
        const std::string layer_suffix = uniform ? "_l" + std::to_string(k) : "_l0";
        for (int direction = 0; direction < spec.directions(); ++direction) {
            const bool reverse = direction == 1;
            const std::string suffix = layer_suffix + (reverse ? "_reverse" : "");
            if (spec.cell == CellType::lstm)
                layer.directions.push_back(
                    std::make_unique<LstmDirection<Scalar>>(params, prefix, suffix, input, hidden, reverse));
            else
                layer.directions.push_back(
                    std::make_unique<GruDirection<Scalar>>(params, prefix, suffix, input, hidden, reverse));
        }
        layer.width = spec.layer_output_width(k);
        layer.dropout = spec.dropout > 0.0 && k + 1 < spec.layers();
        input = layer.width;
    }
}

template <typename Scalar>
void RecurrentStack<Scalar>::initialize(Rng& rng)
{
    for (Layer& layer : m_layers)
        for (auto& direction : layer.directions)
            direction->initialize(rng);
}

template <typename Scalar>
void RecurrentStack<Scalar>::set_context(ComputeContext<Scalar>* context)
{
    for (Layer& layer : m_layers)
        for (auto& direction : layer.directions)
            direction->set_context(context);
}

template <typename Scalar>
ConstSeqRef<Scalar> RecurrentStack<Scalar>::layer_input(const ConstSeqRef<Scalar>& x, std::size_t k) const
{
    if (k == 0)
        return x;
    return layer_output(k - 1);
}

template <typename Scalar>
Eigen::Map<const ColMatrix<Scalar>> RecurrentStack<Scalar>::layer_output(std::size_t k) const
{
    const Layer& layer = m_layers[k];
    return layer.copied ? layer.output.current() : layer.directions.front()->output();
}

template <typename Scalar>
void RecurrentStack<Scalar>::forward(const ConstSeqRef<Scalar>& x, int steps, int batch, Mode mode, Rng* rng)
{
    const Eigen::Index TB = Eigen::Index(steps) * batch;
    m_masks_active = mode == Mode::training && m_dropout > 0.0;
    const Scalar keep_scale = static_cast<Scalar>(1.0 / (1.0 - m_dropout));
    for (std::size_t k = 0; k < m_layers.size(); ++k) {
        Layer& layer = m_layers[k];
        const ConstSeqRef<Scalar> input = layer_input(x, k);
        // One direction without a mask: its states are the layer's output, no copy (a serial pass over
        // H x T*B per layer, 1 % of a two-thread h128x2 training step).
        layer.copied = layer.directions.size() > 1 || (m_masks_active && layer.dropout);
        if (!layer.copied) {
            layer.directions.front()->forward(input, steps, batch, mode);
            continue;
        }
        auto output = layer.output.view(layer.width, TB);
        Eigen::Index row = 0;
        for (auto& direction : layer.directions) {
            direction->forward(input, steps, batch, mode);
            output.middleRows(row, direction->hidden()) = direction->output();
            row += direction->hidden();
        }
        if (m_masks_active && layer.dropout) {
            auto mask = layer.mask.view(layer.width, TB);
            for (Eigen::Index c = 0; c < TB; ++c)
                for (Eigen::Index r = 0; r < layer.width; ++r)
                    mask(r, c) = rng->uniform01() < m_dropout ? Scalar(0) : keep_scale;
            output.array() *= mask.array();
        }
    }
}

template <typename Scalar>
Eigen::Map<const ColMatrix<Scalar>> RecurrentStack<Scalar>::output() const
{
    return layer_output(m_layers.size() - 1);
}

template <typename Scalar>
void RecurrentStack<Scalar>::backward(const ConstSeqRef<Scalar>& x, const ConstSeqRef<Scalar>& d_output,
                                      SeqMap<Scalar>* dx)
{
    for (std::size_t k = m_layers.size(); k-- > 0;) {
        Layer& layer = m_layers[k];
        const ConstSeqRef<Scalar> dy = k + 1 == m_layers.size() ? d_output : layer.output_grad.current();
        const ConstSeqRef<Scalar> input = layer_input(x, k);
        SeqMap<Scalar>* d_input = dx;
        std::optional<SeqMap<Scalar>> below_grad;   // (D_{k-1}, T*B), the layer below's output gradient
        if (k > 0) {
            Layer& below = m_layers[k - 1];
            below_grad.emplace(below.output_grad.view(below.width, dy.cols()));
            below_grad->setZero();
            d_input = &*below_grad;
        } else if (dx) {
            dx->setZero();
        }
        Eigen::Index row = 0;
        for (auto& direction : layer.directions) {
            direction->backward(input, dy.middleRows(row, direction->hidden()), d_input);
            row += direction->hidden();
        }
        if (k > 0 && m_masks_active && m_layers[k - 1].dropout)
            below_grad->array() *= m_layers[k - 1].mask.current().array();
    }
}

template class RecurrentStack<float>;
template class RecurrentStack<double>;

} // namespace lstmlab
