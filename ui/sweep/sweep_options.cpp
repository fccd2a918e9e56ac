#include "ui/sweep/sweep_options.h"

#include "engine/core/error.h"
#include "engine/core/json.h"
#include "engine/core/number_parse.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cmath>
#include <set>

namespace lstmlab::ui {
namespace {

std::string checkedColumn(const std::string& name)
{
    if (name.find_first_of(",=") != std::string::npos)
        throw Error("column \"" + name + "\": a name with a comma or '=' cannot be passed to a sweep (rename the column)");
    return name;
}

// Three significant digits, for the learning rates a sweep suggests.
double rounded(double value)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.3g", value);
    return std::strtod(text, nullptr);
}

// An option's text as the JSON value a sweep file holds, by the option table's kind: flags as
// booleans, numbers as numbers, hidden sizes as a list of numbers, everything else as a string.
Json jsonValue(const std::string& name, const std::string& text)
{
    const RunOption* option = find_run_option(name);
    const OptionKind kind = option ? option->kind : OptionKind::text;
    const auto numeric = [&](const std::string& item) -> Json {
        if (const auto value = parse_number(item))
            return *value;
        return item;
    };
    switch (kind) {
    case OptionKind::flag: return text != "false";
    case OptionKind::whole:
    case OptionKind::number:
    case OptionKind::seed: return numeric(text);
    case OptionKind::whole_list: {
        Json items = Json::array();
        for (const std::string& item : option_list(*option, text))
            items.push_back(numeric(item));
        return items;
    }
    default: return text;
    }
}

OptionValues without(const OptionValues& options, const std::set<std::string>& names)
{
    OptionValues out;
    for (const auto& option : options)
        if (!names.count(option.first))
            out.push_back(option);
    return out;
}

// A sweep file: mode, seeds, the fixed options, then `body` (the mode's member), as pretty JSON.
QString sweepText(const char* mode, int seeds, const OptionValues& fixed, const char* bodyKey, Json body)
{
    Json file = Json::object();
    file.set("mode", mode);
    file.set("seeds", seeds);
    file.set("fixed", optionsJson(fixed));
    file.set(bodyKey, std::move(body));
    return QString::fromStdString(to_json(file, true) + "\n");
}

Json object(std::initializer_list<std::pair<const char*, Json>> members)
{
    Json out = Json::object();
    for (const auto& [key, value] : members)
        out.set(key, value);
    return out;
}

} // namespace

OptionValues dataOptions(const PipelineConfig& config)
{
    checkedColumn(config.target.column);
    for (const ChannelConfig& channel : config.features)
        checkedColumn(channel.column);
    return options_in_group(run_option_texts({config, {}, {}}), OptionGroup::data);
}

OptionValues modelOptions(const ModelSpec& spec)
{
    return options_in_group(run_option_texts({{}, spec, {}}), OptionGroup::model);
}

OptionValues trainingOptions(const TrainConfig& config)
{
    return without(options_in_group(run_option_texts({{}, {}, config}), OptionGroup::training), {"threads"});
}

OptionValues sweepBaseOptions(const PipelineConfig& config, const SweepSpec& spec)
{
    std::set<std::string> set;
    for (const auto& [name, text] : spec.fixed)
        set.insert(name);
    for (const auto& [name, texts] : spec.grid)
        set.insert(name);
    for (const RandomDimension& dimension : spec.space)
        set.insert(dimension.name);
    for (const OptionValues& configuration : spec.configurations)
        for (const auto& [name, text] : configuration)
            set.insert(name);
    // Per-column transforms name the features: they go with the features the file chooses.
    if (set.count("features") || set.count("feature-transform"))
        set.insert("transforms");
    return without(dataOptions(config), set);
}

QString sweepTextFromCurrent(const ModelSpec& spec, const TrainConfig& config)
{
    OptionValues fixed = modelOptions(spec);
    for (const auto& option : without(trainingOptions(config), {"lr"}))
        fixed.push_back(option);
    const double lr = config.adam.learning_rate;
    return sweepText("grid", 2, fixed, "grid", object({{"lr", Json::Array{rounded(lr / 2), lr, rounded(lr * 2)}}}));
}

QString sweepTemplate(SweepMode mode, const OptionValues& fixed, int seeds)
{
    // What each example varies; "hidden" and "preset" would clash with hidden-size and layers.
    const std::set<std::string> sizes{"hidden", "preset", "hidden-size", "layers"};
    std::set<std::string> varied = sizes;
    varied.insert("lr");
    switch (mode) {
    case SweepMode::grid:
        return sweepText("grid", seeds, without(fixed, varied), "grid",
                         object({{"hidden-size", Json::Array{32, 64}}, {"lr", Json::Array{0.001, 0.0005}}}));
    case SweepMode::random:
        return sweepText("random", seeds, without(fixed, varied), "random",
                         object({{"trials", 8},
                                 {"seed", 7},
                                 {"space", object({{"lr", object({{"log_uniform", Json::Array{0.0001, 0.01}}})},
                                                   {"hidden-size", object({{"choice", Json::Array{16, 32, 64}}})},
                                                   {"layers", object({{"int", Json::Array{1, 2}}})}})}}));
    case SweepMode::list:
        varied.insert("dropout");
        return sweepText("list", seeds, without(fixed, varied), "configurations",
                         Json::Array{object({{"hidden-size", 32}, {"layers", 1}, {"dropout", 0}, {"lr", 0.001}}),
                                     object({{"hidden-size", 64}, {"layers", 2}, {"dropout", 0.2}, {"lr", 0.001}})});
    }
    return {};
}

Json optionsJson(const OptionValues& options)
{
    Json members = Json::object();
    for (const auto& [name, text] : options)
        members.set(name, jsonValue(name, text));
    return members;
}

} // namespace lstmlab::ui
