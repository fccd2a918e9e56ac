#include "engine/workflow/run_options.h"

#include "engine/core/setting_error.h"

#include <algorithm>
#include <charconv>
#include <iterator>
#include <map>

namespace lstmlab {
namespace {

// The shortest text that reads back to exactly `value`.
std::string exact_text(double value)
{
    char text[32];
    const auto result = std::to_chars(text, text + sizeof text, value);
    return std::string(text, result.ptr);
}

const RunOption& entry(const char* name) { return *find_run_option(name); }

// Applies the given options of `group` that the table can apply on its own, in the table's order.
void apply_group(RunOptions& run, OptionGroup group, const std::map<std::string, std::string>& given)
{
    for (const RunOption& option : run_option_table())
        if (option.group == group && option.apply)
            if (const auto it = given.find(option.name); it != given.end())
                option.apply(run, option, it->second);
}

} // namespace

RunOptions make_run_options(const OptionValues& values)
{
    std::map<std::string, std::string> given;
    for (const auto& [name, text] : values) {
        if (!is_run_option(name))
            throw Error("unknown option \"" + name + "\"");
        if (!given.emplace(name, text).second)
            throw SettingError({"option ", SettingRef{name}, " is given twice"});
    }
    const auto has = [&](const char* name) { return given.count(name) > 0; };
    const auto text = [&](const char* name) -> const std::string& { return given.at(name); };

    RunOptions run;
    // Model: a preset first, then the explicit options over it.
    if (has("preset"))
        run.model = preset(text("preset"), 1, 1);
    if (has("hidden") && (has("hidden-size") || has("layers")))
        throw SettingError({SettingRef{"hidden"}, ": give either ", SettingRef{"hidden"}, " or ", SettingRef{"hidden-size"},
                            " with ", SettingRef{"layers"}, ", not both"});
    if (has("hidden")) {
        run.model.hidden.clear();
        for (const std::string& item : option_list(entry("hidden"), text("hidden")))
            run.model.hidden.push_back(option_whole(entry("hidden"), item));
    } else if (has("hidden-size") || has("layers")) {
        const int size = has("hidden-size") ? option_whole(entry("hidden-size"), text("hidden-size")) : run.model.hidden.front();
        const int layers = has("layers") ? option_whole(entry("layers"), text("layers")) : run.model.layers();
        run.model.hidden.assign(std::size_t(layers), size);
    }
    if ((has("hidden") || has("layers")) && !has("dropout") && run.model.layers() == 1)
        run.model.dropout = 0.0;   // a preset's dropout does not survive a switch to one layer
    apply_group(run, OptionGroup::model, given);   // cell dropout bidirectional attention

    // Data.
    PipelineConfig& p = run.pipeline;
    if (!has("target"))
        throw SettingError({SettingRef{"target"}, " is required"});
    const std::string& target = text("target");
    const std::string level = "level";
    const Transform feature_transform =
        parse_transform(option_choice(entry("feature-transform"), has("feature-transform") ? text("feature-transform") : level));
    std::vector<std::string> features = has("features") ? option_list(entry("features"), text("features"))
                                                        : std::vector<std::string>{target};
    std::map<std::string, Transform> overrides;
    if (has("transforms")) {
        for (const std::string& item : option_list(entry("transforms"), text("transforms"))) {
            const auto equals = item.find('=');
            if (equals == std::string::npos || equals == 0)
                throw SettingError({SettingRef{"transforms"}, ": \"" + item + "\" is not COLUMN=TRANSFORM"});
            const std::string column = item.substr(0, equals);
            if (std::find(features.begin(), features.end(), column) == features.end())
                throw SettingError({SettingRef{"transforms"}, ": \"" + column + "\" is not one of the ", SettingRef{"features"}});
            overrides[column] = parse_transform(item.substr(equals + 1), "--transforms");
        }
    }
    for (const std::string& name : features) {
        if (std::count(features.begin(), features.end(), name) > 1)
            throw SettingError({SettingRef{"features"}, ": \"" + name + "\" is listed twice"});
        p.features.push_back({name, overrides.count(name) ? overrides[name] : feature_transform});
    }
    p.target = {target, parse_transform(option_choice(entry("target-transform"),
                                                      has("target-transform") ? text("target-transform") : level))};
    apply_group(run, OptionGroup::data, given);   // seq-len horizon split scaler missing and the import options
    validate_pipeline_config(p);

    // Training.
    apply_group(run, OptionGroup::training, given);
    run.train.validate();

    run.model.features = int(p.features.size());
    run.model.outputs = p.horizon;
    run.model.validate();
    return run;
}

} // namespace lstmlab

namespace lstmlab {

OptionValues run_option_texts(const RunOptions& run)
{
    const auto join = [](const auto& items, auto&& text) {
        std::string out;
        for (const auto& item : items)
            out += (out.empty() ? "" : ",") + text(item);
        return out;
    };
    const ModelSpec& m = run.model;
    const PipelineConfig& p = run.pipeline;
    const TrainConfig& t = run.train;
    OptionValues values{
        {"cell", std::string(cell_name(m.cell))},
        {"hidden", join(m.hidden, [](int size) { return std::to_string(size); })},
        {"dropout", exact_text(m.dropout)},
        {"bidirectional", m.bidirectional ? "true" : "false"},
        {"attention", m.attention ? "true" : "false"},
        {"target", p.target.column},
    };
    if (!p.features.empty())
        values.emplace_back("features", join(p.features, [](const ChannelConfig& c) { return c.column; }));
    std::vector<ChannelConfig> transformed;
    std::copy_if(p.features.begin(), p.features.end(), std::back_inserter(transformed),
                 [](const ChannelConfig& c) { return c.transform != Transform::Level; });
    if (!transformed.empty())
        values.emplace_back("transforms", join(transformed, [](const ChannelConfig& c) {
                                return c.column + "=" + std::string(transform_name(c.transform));
                            }));
    const std::vector<double> split{p.split.train, p.split.validation, p.split.test};
    values.insert(values.end(), {
        {"target-transform", std::string(transform_name(p.target.transform))},
        {"seq-len", std::to_string(p.sequence_length)},
        {"horizon", std::to_string(p.horizon)},
        {"split", join(split, exact_text)},
        {"scaler", std::string(scaler_name(p.scaler))},
        {"missing", std::string(missing_policy_name(p.missing))},
        {"epochs", std::to_string(t.epochs)},
        {"batch-size", std::to_string(t.batch_size)},
        {"lr", exact_text(t.adam.learning_rate)},
        {"weight-decay", exact_text(t.adam.weight_decay)},
        {"loss", std::string(loss_name(t.loss))},
        {"clip", exact_text(t.clip)},
        {"patience", std::to_string(t.patience)},
        {"plateau-patience", std::to_string(t.plateau.patience)},
        {"seed", std::to_string(t.seed)},
        {"threads", std::to_string(t.threads)},
    });
    for (const auto& [name, text] : csv_option_values(p.csv))
        values.emplace_back(name, text);
    return values;
}

OptionValues options_in_group(const OptionValues& values, OptionGroup group)
{
    OptionValues out;
    for (const auto& value : values)
        if (const RunOption* option = find_run_option(value.first); option && option->group == group)
            out.push_back(value);
    return out;
}

} // namespace lstmlab
