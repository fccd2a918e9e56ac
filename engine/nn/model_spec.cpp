#include "engine/nn/model_spec.h"

#include "engine/core/setting_error.h"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace lstmlab {
namespace {

std::string number_text(double value)
{
    std::ostringstream text;
    text << value;
    return text.str();
}

} // namespace

std::string_view cell_name(CellType cell) { return cell == CellType::lstm ? "lstm" : "gru"; }

CellType parse_cell(std::string_view text)
{
    if (text == "lstm")
        return CellType::lstm;
    if (text == "gru")
        return CellType::gru;
    throw SettingError({SettingRef{"cell"}, ": \"" + std::string(text) + "\" is not a cell type (use lstm or gru)"});
}

bool ModelSpec::uniform_layers() const
{
    return std::all_of(hidden.begin(), hidden.end(), [&](int h) { return h == hidden.front(); });
}

std::string ModelSpec::recurrent_module() const
{
    if (cell == CellType::gru)
        return "gru";
    return bidirectional ? "bilstm" : "lstm";
}

void ModelSpec::validate() const
{
    constexpr int max_hidden = 4096;
    constexpr int max_layers = 8;
    constexpr int max_width = 100000;
    if (hidden.empty())
        throw SettingError({SettingRef{"hidden"}, ": give at least one layer size, e.g. ", SettingRef{"hidden", "64,32"}});
    if (layers() > max_layers)
        throw SettingError({SettingRef{"hidden"}, ": " + std::to_string(layers()) + " layers is more than the maximum of " +
                                                      std::to_string(max_layers)});
    for (int h : hidden)
        if (h < 1 || h > max_hidden)
            throw SettingError({SettingRef{"hidden"}, ": layer size " + std::to_string(h) + " is outside 1.." +
                                                          std::to_string(max_hidden)});
    if (!(dropout >= 0.0 && dropout < 1.0))
        throw SettingError({SettingRef{"dropout"}, ": " + number_text(dropout) + " is outside [0, 1)"});
    if (dropout > 0.0 && layers() == 1)
        throw SettingError({SettingRef{"dropout"}, ": inter-layer dropout needs at least two layers (this model has one)"});
    if (features < 1 || features > max_width)
        throw SettingError({SettingRef{"features"}, ": " + std::to_string(features) + " is outside 1.." + std::to_string(max_width)});
    if (outputs < 1 || outputs > max_width)
        throw Error("outputs: " + std::to_string(outputs) + " is outside 1.." + std::to_string(max_width));
}

ModelSpec preset(std::string_view name, int features, int outputs)
{
    ModelSpec spec;
    spec.features = features;
    spec.outputs = outputs;
    if (name == "single") {
        spec.hidden = {32};
    } else if (name == "stacked") {
        spec.hidden = {64, 32};
        spec.dropout = 0.2;
    } else if (name == "bidirectional") {
        spec.hidden = {32};
        spec.bidirectional = true;
    } else if (name == "attention") {
        spec.hidden = {32, 32};
        spec.attention = true;
        spec.dropout = 0.2;
    } else if (name == "gru") {
        spec.cell = CellType::gru;
        spec.hidden = {64, 64};
        spec.dropout = 0.2;
    } else {
        throw SettingError({SettingRef{"preset"}, ": \"" + std::string(name) +
                                                    "\" is not a preset (use single, stacked, bidirectional, attention or gru)"});
    }
    return spec;
}

std::vector<std::string> preset_names() { return {"single", "stacked", "bidirectional", "attention", "gru"}; }

} // namespace lstmlab
