// ModelSpec: one value that describes every architecture LSTM Lab can build.
//
//   cell           lstm | gru
//   hidden         per-layer hidden sizes, bottom to top: {64, 32} is a 64-unit layer feeding a 32-unit one
//   bidirectional  both directions per layer, outputs concatenated (width 2H)
//   attention      Bahdanau additive attention over the top layer's outputs, queried by the last step
//   dropout        inverted dropout on the outputs of every recurrent layer but the last (training only)
//   features       input width I (number of feature columns)
//   outputs        horizon x number of targets
//
// The tutorial's classes are presets (see preset()): single = lstm {32}; stacked = lstm {64, 32};
// bidirectional = lstm {32} + bidirectional; attention = lstm {32, 32} + attention; gru = gru {64, 64}.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace lstmlab {

enum class CellType { lstm, gru };

std::string_view cell_name(CellType cell);               // "lstm" | "gru"
CellType parse_cell(std::string_view text);              // throws Error naming the bad value

struct ModelSpec {
    CellType cell = CellType::lstm;
    std::vector<int> hidden{32};
    bool bidirectional = false;
    bool attention = false;
    double dropout = 0.0;
    int features = 1;
    int outputs = 1;

    int layers() const { return static_cast<int>(hidden.size()); }
    int gates() const { return cell == CellType::lstm ? 4 : 3; }
    int directions() const { return bidirectional ? 2 : 1; }
    // Width of layer k's output sequence: hidden[k] x directions.
    int layer_output_width(int k) const { return hidden[static_cast<std::size_t>(k)] * directions(); }
    // Width D of the top layer's output, the attention's hidden size.
    int top_width() const { return layer_output_width(layers() - 1); }
    // Width of the head's input: D, or 2D when attention concatenates [last, context].
    int head_input_width() const { return attention ? 2 * top_width() : top_width(); }
    // True when all layers have the same size: PyTorch then uses one multi-layer module.
    bool uniform_layers() const;
    // Name of the recurrent module in the state dict: lstm | bilstm | gru.
    std::string recurrent_module() const;

    // Throws Error with a one-sentence reason naming the field ("--hidden: sizes must be 1..4096").
    void validate() const;
    bool operator==(const ModelSpec&) const = default;
};

// The tutorial's architectures by name: single, stacked, bidirectional, attention, gru.
// Throws Error for an unknown name, listing the known ones.
ModelSpec preset(std::string_view name, int features, int outputs);
std::vector<std::string> preset_names();

} // namespace lstmlab
