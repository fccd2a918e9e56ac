#include "engine/nn/summary.h"

#include "engine/core/setting_error.h"
#include "engine/nn/model.h"

#include <algorithm>
#include <sstream>

namespace lstmlab {
namespace {

std::string shape3(int t, int width) { return "(B, " + std::to_string(t) + ", " + std::to_string(width) + ")"; }
std::string shape2(int width) { return "(B, " + std::to_string(width) + ")"; }

std::string dims(const std::vector<std::size_t>& shape)
{
    std::string text = "[";
    for (std::size_t k = 0; k < shape.size(); ++k)
        text += (k ? ", " : "") + std::to_string(shape[k]);
    return text + "]";
}

std::string format_probability(double p)
{
    std::ostringstream text;
    text << p;
    return text.str();
}

} // namespace

std::string group_thousands(std::int64_t value)
{
    std::string digits = std::to_string(value < 0 ? -value : value);
    for (int k = static_cast<int>(digits.size()) - 3; k > 0; k -= 3)
        digits.insert(static_cast<std::size_t>(k), ",");
    return value < 0 ? "-" + digits : digits;
}

ModelSummary summarize(const ModelSpec& spec, int sequence_length)
{
    spec.validate();
    if (sequence_length < 1)
        throw SettingError({SettingRef{"seq-len"}, ": " + std::to_string(sequence_length) + " must be at least 1"});
    ModelSummary summary;
    const int T = sequence_length;
    summary.input_shape = shape3(T, spec.features);

    const std::string module = spec.recurrent_module();
    const std::string cell = spec.cell == CellType::lstm ? "LSTM" : "GRU";
    int input = spec.features;
    for (int k = 0; k < spec.layers(); ++k) {
        const int hidden = spec.hidden[static_cast<std::size_t>(k)];
        const int width = spec.layer_output_width(k);
        const std::int64_t per_direction = std::int64_t(spec.gates()) * hidden * (input + hidden + 2);
        SummaryBlock block;
        block.name = spec.uniform_layers() ? module + " layer " + std::to_string(k) : module + "." + std::to_string(k);
        block.kind = (spec.bidirectional ? "bidirectional " : "") + cell + " " + std::to_string(input) + " -> " +
                     std::to_string(hidden) + (spec.bidirectional ? " x 2" : "");
        block.output_shape = shape3(T, width);
        block.parameters = per_direction * spec.directions();
        summary.blocks.push_back(block);
        if (spec.dropout > 0.0 && k + 1 < spec.layers())
            summary.blocks.push_back({"dropout", "inter-layer dropout p = " + format_probability(spec.dropout) +
                                                     " (training only)", shape3(T, width), 0});
        input = width;
    }
    const int D = spec.top_width();
    if (spec.attention)
        summary.blocks.push_back({"attention", "Bahdanau: [h_T, context]", shape2(2 * D),
                                  std::int64_t(D) * 2 * D + D + D});
    else
        summary.blocks.push_back({"last step", "output at t = " + std::to_string(T), shape2(D), 0});
    summary.blocks.push_back({"fc", "Linear " + std::to_string(spec.head_input_width()) + " -> " +
                                        std::to_string(spec.outputs),
                              shape2(spec.outputs), std::int64_t(spec.head_input_width() + 1) * spec.outputs});

    for (const TensorInfo& tensor : parameter_layout(spec)) {   // building the model would allocate it
        summary.tensors.push_back({tensor.name, dims(tensor.shape()), static_cast<std::int64_t>(tensor.size())});
        summary.total_parameters += static_cast<std::int64_t>(tensor.size());
    }
    return summary;
}

std::string summary_text(const ModelSummary& summary)
{
    std::size_t name_width = 5, kind_width = 4, shape_width = 12;
    for (const SummaryBlock& block : summary.blocks) {
        name_width = std::max(name_width, block.name.size());
        kind_width = std::max(kind_width, block.kind.size());
        shape_width = std::max(shape_width, block.output_shape.size());
    }
    for (const SummaryTensor& tensor : summary.tensors)
        name_width = std::max(name_width, tensor.name.size());
    const auto pad = [](const std::string& text, std::size_t width) {
        return text + std::string(width > text.size() ? width - text.size() : 0, ' ');
    };
    const auto right = [](const std::string& text, std::size_t width) {
        return std::string(width > text.size() ? width - text.size() : 0, ' ') + text;
    };
    constexpr std::size_t count_width = 12;
    const std::size_t rule = name_width + kind_width + shape_width + count_width + 6;

    std::ostringstream out;
    out << "input " << summary.input_shape << "\n";
    out << std::string(rule, '=') << "\n";
    out << pad("layer", name_width) << "  " << pad("kind", kind_width) << "  " << pad("output shape", shape_width)
        << "  " << right("parameters", count_width) << "\n";
    out << std::string(rule, '-') << "\n";
    for (const SummaryBlock& block : summary.blocks)
        out << pad(block.name, name_width) << "  " << pad(block.kind, kind_width) << "  "
            << pad(block.output_shape, shape_width) << "  " << right(group_thousands(block.parameters), count_width)
            << "\n";
    out << std::string(rule, '=') << "\n";
    out << pad("tensor", name_width) << "  " << pad("shape", kind_width) << "  " << pad("", shape_width) << "  "
        << right("parameters", count_width) << "\n";
    out << std::string(rule, '-') << "\n";
    for (const SummaryTensor& tensor : summary.tensors)
        out << pad(tensor.name, name_width) << "  " << pad(tensor.shape, kind_width) << "  " << pad("", shape_width)
            << "  " << right(group_thousands(tensor.parameters), count_width) << "\n";
    out << std::string(rule, '=') << "\n";
    out << "total parameters: " << group_thousands(summary.total_parameters) << " (trainable "
        << group_thousands(summary.total_parameters) << ", non-trainable 0)\n";
    return out.str();
}

} // namespace lstmlab
