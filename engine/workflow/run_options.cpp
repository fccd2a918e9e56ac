#include "engine/workflow/run_options.h"

#include "engine/core/error.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <iterator>
#include <map>
#include <sstream>

namespace lstmlab {
namespace {

std::string number_text(double value)
{
    std::ostringstream text;
    text << value;
    return text.str();
}

double parse_number(const std::string& name, const std::string& text, double min, double max)
{
    double value = 0;
    const char* begin = text.data() + (!text.empty() && text[0] == '+');
    const auto [next, ec] = std::from_chars(begin, text.data() + text.size(), value);
    if (ec != std::errc() || next != text.data() + text.size() || !std::isfinite(value) || text.empty())
        throw Error("--" + name + ": \"" + text + "\" is not a number");
    if (value < min || value > max)
        throw Error("--" + name + ": " + text + " is outside [" + number_text(min) + ", " + number_text(max) + "]");
    return value;
}

int parse_int(const std::string& name, const std::string& text, int min, int max)
{
    int value = 0;
    const auto [next, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || next != text.data() + text.size() || text.empty())
        throw Error("--" + name + ": \"" + text + "\" is not a whole number");
    if (value < min || value > max)
        throw Error("--" + name + ": " + text + " is outside " + std::to_string(min) + ".." + std::to_string(max));
    return value;
}

bool parse_flag(const std::string& name, const std::string& text)
{
    if (text.empty() || text == "true")
        return true;
    if (text == "false")
        return false;
    throw Error("--" + name + ": \"" + text + "\" is not true or false");
}

std::vector<std::string> split_list(const std::string& name, const std::string& text)
{
    std::vector<std::string> items;
    std::size_t begin = 0;
    while (true) {
        const std::size_t comma = text.find(',', begin);
        items.push_back(text.substr(begin, comma == std::string::npos ? std::string::npos : comma - begin));
        if (comma == std::string::npos)
            break;
        begin = comma + 1;
    }
    for (const std::string& item : items)
        if (item.empty())
            throw Error("--" + name + ": \"" + text + "\" has an empty item");
    return items;
}

std::string choice(const std::string& name, const std::string& text, const std::vector<std::string>& allowed)
{
    if (std::find(allowed.begin(), allowed.end(), text) != allowed.end())
        return text;
    std::string list;
    for (std::size_t k = 0; k < allowed.size(); ++k)
        list += (k == 0 ? "" : k + 1 == allowed.size() ? " or " : ", ") + allowed[k];
    throw Error("--" + name + ": \"" + text + "\" is not one of " + list);
}

const std::vector<std::string> transforms{"level", "diff", "return", "logreturn", "log"};

// The shortest text that reads back to exactly `value`.
std::string exact_text(double value)
{
    char text[32];
    const auto result = std::to_chars(text, text + sizeof text, value);
    return std::string(text, result.ptr);
}

} // namespace

const std::vector<RunOptionInfo>& run_option_infos()
{
    static const std::vector<RunOptionInfo> infos{
        {"preset", OptionGroup::model, false},        {"cell", OptionGroup::model, false},
        {"hidden", OptionGroup::model, false},        {"hidden-size", OptionGroup::model, false},
        {"layers", OptionGroup::model, false},        {"dropout", OptionGroup::model, false},
        {"bidirectional", OptionGroup::model, true},  {"attention", OptionGroup::model, true},
        {"target", OptionGroup::data, false},         {"features", OptionGroup::data, false},
        {"seq-len", OptionGroup::data, false},        {"horizon", OptionGroup::data, false},
        {"split", OptionGroup::data, false},          {"scaler", OptionGroup::data, false},
        {"target-transform", OptionGroup::data, false}, {"feature-transform", OptionGroup::data, false},
        {"transforms", OptionGroup::data, false},     {"missing", OptionGroup::data, false},
        {"epochs", OptionGroup::training, false},     {"batch-size", OptionGroup::training, false},
        {"lr", OptionGroup::training, false},         {"weight-decay", OptionGroup::training, false},
        {"loss", OptionGroup::training, false},       {"clip", OptionGroup::training, false},
        {"patience", OptionGroup::training, false},   {"plateau-patience", OptionGroup::training, false},
        {"seed", OptionGroup::training, false},       {"threads", OptionGroup::training, false},
    };
    static const std::vector<RunOptionInfo> with_import = [] {
        std::vector<RunOptionInfo> all = infos;
        for (const std::string& name : csv_option_names())
            all.push_back({name, OptionGroup::data, false});
        return all;
    }();
    return with_import;
}

bool is_run_option(const std::string& name)
{
    const auto& infos = run_option_infos();
    return std::any_of(infos.begin(), infos.end(), [&](const RunOptionInfo& i) { return i.name == name; });
}

RunOptions make_run_options(const OptionValues& values)
{
    std::map<std::string, std::string> given;
    for (const auto& [name, text] : values) {
        if (!is_run_option(name))
            throw Error("unknown option \"" + name + "\"");
        if (!given.emplace(name, text).second)
            throw Error("option --" + name + " is given twice");
    }
    const auto has = [&](const char* name) { return given.count(name) > 0; };
    const auto text = [&](const char* name) -> const std::string& { return given.at(name); };

    RunOptions run;
    // Model: a preset first, then the explicit options over it.
    if (has("preset"))
        run.model = preset(text("preset"), 1, 1);
    if (has("cell"))
        run.model.cell = parse_cell(choice("cell", text("cell"), {"lstm", "gru"}));
    if (has("hidden") && (has("hidden-size") || has("layers")))
        throw Error("--hidden: give either --hidden or --hidden-size with --layers, not both");
    if (has("hidden")) {
        run.model.hidden.clear();
        for (const std::string& item : split_list("hidden", text("hidden")))
            run.model.hidden.push_back(parse_int("hidden", item, 1, 4096));
    } else if (has("hidden-size") || has("layers")) {
        const int size = has("hidden-size") ? parse_int("hidden-size", text("hidden-size"), 1, 4096) : run.model.hidden.front();
        const int layers = has("layers") ? parse_int("layers", text("layers"), 1, 8) : run.model.layers();
        run.model.hidden.assign(std::size_t(layers), size);
    }
    if ((has("hidden") || has("layers")) && !has("dropout") && run.model.layers() == 1)
        run.model.dropout = 0.0;   // a preset's dropout does not survive a switch to one layer
    if (has("dropout"))
        run.model.dropout = parse_number("dropout", text("dropout"), 0.0, 0.99);
    if (has("bidirectional"))
        run.model.bidirectional = parse_flag("bidirectional", text("bidirectional"));
    if (has("attention"))
        run.model.attention = parse_flag("attention", text("attention"));

    // Data.
    PipelineConfig& p = run.pipeline;
    if (!has("target"))
        throw Error("--target is required");
    const std::string& target = text("target");
    const Transform feature_transform =
        parse_transform(choice("feature-transform", has("feature-transform") ? text("feature-transform") : "level", transforms),
                        "--feature-transform");
    std::vector<std::string> features = has("features") ? split_list("features", text("features"))
                                                        : std::vector<std::string>{target};
    std::map<std::string, Transform> overrides;
    if (has("transforms")) {
        for (const std::string& item : split_list("transforms", text("transforms"))) {
            const auto equals = item.find('=');
            if (equals == std::string::npos || equals == 0)
                throw Error("--transforms: \"" + item + "\" is not COLUMN=TRANSFORM");
            const std::string column = item.substr(0, equals);
            if (std::find(features.begin(), features.end(), column) == features.end())
                throw Error("--transforms: \"" + column + "\" is not one of the --features");
            overrides[column] = parse_transform(item.substr(equals + 1), "--transforms");
        }
    }
    for (const std::string& name : features) {
        if (std::count(features.begin(), features.end(), name) > 1)
            throw Error("--features: \"" + name + "\" is listed twice");
        p.features.push_back({name, overrides.count(name) ? overrides[name] : feature_transform});
    }
    p.target = {target, parse_transform(choice("target-transform", has("target-transform") ? text("target-transform")
                                                                                           : "level", transforms),
                                        "--target-transform")};
    if (has("seq-len"))
        p.sequence_length = parse_int("seq-len", text("seq-len"), 1, 1000);
    if (has("horizon"))
        p.horizon = parse_int("horizon", text("horizon"), 1, 100);
    if (has("split")) {
        const auto items = split_list("split", text("split"));
        if (items.size() != 3)
            throw Error("--split: give three fractions, train,validation,test (e.g. 0.7,0.15,0.15)");
        p.split = {parse_number("split", items[0], 0, 1), parse_number("split", items[1], 0, 1),
                   parse_number("split", items[2], 0, 1)};
    }
    if (has("scaler"))
        p.scaler = parse_scaler(choice("scaler", text("scaler"), {"zscore", "minmax", "none"}));
    if (has("missing"))
        p.missing = parse_missing_policy(choice("missing", text("missing"), {"error", "drop", "ffill"}));
    for (const std::string& name : csv_option_names())
        if (given.count(name))
            set_csv_option(p.csv, name, given.at(name));
    validate_pipeline_config(p);

    // Training.
    TrainConfig& t = run.train;
    if (has("epochs"))
        t.epochs = parse_int("epochs", text("epochs"), 1, 100000);
    if (has("batch-size"))
        t.batch_size = parse_int("batch-size", text("batch-size"), 1, 65536);
    if (has("lr"))
        t.adam.learning_rate = parse_number("lr", text("lr"), 1e-12, 10);
    if (has("weight-decay"))
        t.adam.weight_decay = parse_number("weight-decay", text("weight-decay"), 0, 1);
    if (has("loss"))
        t.loss = parse_loss(choice("loss", text("loss"), {"mse", "mae", "huber"}));
    if (has("clip"))
        t.clip = parse_number("clip", text("clip"), 0, 1e6);
    if (has("patience"))
        t.patience = parse_int("patience", text("patience"), 0, 100000);
    if (has("plateau-patience"))
        t.plateau.patience = parse_int("plateau-patience", text("plateau-patience"), 0, 100000);
    if (has("seed")) {
        const std::string& seed = text("seed");
        std::uint64_t value = 0;
        const auto [next, ec] = std::from_chars(seed.data(), seed.data() + seed.size(), value);
        if (ec != std::errc() || next != seed.data() + seed.size() || seed.empty())
            throw Error("--seed: \"" + seed + "\" is not a whole number from 0 to 2^64-1");
        t.seed = value;
    }
    if (has("threads"))
        t.threads = parse_int("threads", text("threads"), 1, 256);
    t.validate();

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
    const auto& infos = run_option_infos();
    for (const auto& value : values) {
        const auto info = std::find_if(infos.begin(), infos.end(), [&](const RunOptionInfo& i) { return i.name == value.first; });
        if (info != infos.end() && info->group == group)
            out.push_back(value);
    }
    return out;
}

} // namespace lstmlab
