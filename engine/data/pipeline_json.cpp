#include "engine/data/pipeline_json.h"

#include "engine/core/error.h"
#include "engine/core/stored_setting.h"
#include "engine/data/cell_parse.h"

#include <algorithm>
#include <cmath>

namespace lstmlab {
namespace {

constexpr int format_version = 1;
constexpr std::string_view format_name = "lstmlab-pipeline";

Json channel_json(const ChannelConfig& channel, const ScalerStats& stats)
{
    Json json = Json::object();
    json.set("column", utf8_sanitized(channel.column));
    json.set("transform", std::string(transform_name(channel.transform)));
    json.set("offset", stats.offset);
    json.set("scale", stats.scale);
    return json;
}

Json split_windows_json(const SplitWindows& split)
{
    Json json = Json::object();
    json.set("first_end", split.first_end);
    json.set("count", split.count);
    json.set("dropped", split.dropped);
    return json;
}

void read_channel(const Json& json, std::string_view where, ChannelConfig& channel, ScalerStats& stats,
                  std::initializer_list<std::string_view> known)
{
    get_object(json, where);
    reject_unknown_keys(json, known, where);
    channel.column = get_string(get_member(json, "column", where), json_member_path(where, "column"));
    const std::string transform_path = json_member_path(where, "transform");
    channel.transform = parse_transform(get_string(get_member(json, "transform", where), transform_path), transform_path);
    stats.offset = get_double(get_member(json, "offset", where), json_member_path(where, "offset"));
    stats.scale = get_double(get_member(json, "scale", where), json_member_path(where, "scale"));
    if (!(stats.scale > 0.0) || !std::isfinite(stats.scale) || !std::isfinite(stats.offset))
        throw Error(json_member_path(where, "scale") + ": the scale must be a positive finite number and the offset finite.");
}

SplitWindows read_split_windows(const Json& json, std::string_view where)
{
    get_object(json, where);
    reject_unknown_keys(json, {"first_end", "count", "dropped"}, where);
    SplitWindows split;
    split.first_end = get_uint64(get_member(json, "first_end", where), json_member_path(where, "first_end"));
    split.count = get_uint64(get_member(json, "count", where), json_member_path(where, "count"));
    split.dropped = get_uint64(get_member(json, "dropped", where), json_member_path(where, "dropped"));
    return split;
}

// The import options without the time column (stored once, as "time_column"); keys as the CLI
// options with '_' for '-': {"delimiter": ";", "decimal": ",", "thousands": "auto", "time_format": "DMY", ...}.
Json csv_options_json(const CsvOptions& options)
{
    Json json = Json::object();
    for (auto [name, text] : csv_option_values(options)) {
        if (name == "time-column")
            continue;
        std::replace(name.begin(), name.end(), '-', '_');
        json.set(name, utf8_sanitized(text));
    }
    return json;
}

CsvOptions read_csv_options(const Json& json, std::string_view where)
{
    get_object(json, where);
    reject_unknown_keys(json, {"delimiter", "decimal", "thousands", "time_format", "duplicates", "encoding"}, where);
    CsvOptions options;
    for (std::string name : csv_option_names()) {
        if (name == "time-column")
            continue;
        std::string key = name;
        std::replace(key.begin(), key.end(), '-', '_');
        if (!json.find(key))
            continue;
        const std::string key_path = json_member_path(where, key);
        try {
            set_csv_option(options, name, get_string(get_member(json, key, where), key_path));
        } catch (const Error& error) {
            throw Error(key_path + ": " + error.what());
        }
    }
    return options;
}

} // namespace

Json pipeline_to_json_value(const FittedPipeline& pipeline)
{
    const PipelineConfig& config = pipeline.config;
    Json root = Json::object();
    root.set("format", std::string(format_name));
    root.set("version", format_version);
    Json features = Json::array();
    for (std::size_t c = 0; c < config.features.size(); ++c)
        features.push_back(channel_json(config.features[c], pipeline.feature_stats.at(c)));
    root.set("features", std::move(features));
    Json target = channel_json(config.target, pipeline.target_stats);
    target.set("training_mean", pipeline.target_training_mean);
    root.set("target", std::move(target));
    root.set("sequence_length", config.sequence_length);
    root.set("horizon", config.horizon);
    Json split = Json::object();
    split.set("train", config.split.train);
    split.set("validation", config.split.validation);
    split.set("test", config.split.test);
    root.set("split", std::move(split));
    root.set("scaler", std::string(scaler_name(config.scaler)));
    root.set("missing", std::string(missing_policy_name(config.missing)));
    root.set("time_column", pipeline.time_column.empty() ? Json(nullptr) : Json(utf8_sanitized(pipeline.time_column)));
    root.set("csv", csv_options_json(config.csv));
    Json source = Json::object();
    source.set("file", utf8_sanitized(pipeline.source_file));
    source.set("sha256", pipeline.source_sha256);
    source.set("rows", pipeline.source_rows);
    root.set("source", std::move(source));
    Json windows = Json::object();
    windows.set("candidates", pipeline.windows.candidates);
    for (Split s : {Split::Train, Split::Validation, Split::Test})
        windows.set(std::string(split_name(s)), split_windows_json(pipeline.windows[s]));
    root.set("windows", std::move(windows));
    return root;
}

std::string to_json(const FittedPipeline& pipeline, bool pretty)
{
    return to_json(pipeline_to_json_value(pipeline), pretty);
}

FittedPipeline pipeline_from_json_value(const Json& root, std::string_view where)
{
    get_object(root, where);
    reject_unknown_keys(root, {"format", "version", "features", "target", "sequence_length", "horizon", "split", "scaler",
                               "missing", "time_column", "csv", "source", "windows"},
                        where);
    auto path = [&](std::string_view key) { return json_member_path(where, key); };
    auto member = [&](std::string_view key) -> const Json& { return get_member(root, key, where); };

    if (get_string(member("format"), path("format")) != format_name)
        throw Error(path("format") + ": expected \"" + std::string(format_name) + "\", got "
                    + describe_json(member("format")) + ".");
    const int version = get_int(member("version"), path("version"));
    if (version != format_version)
        throw Error(path("version") + ": version " + std::to_string(version) + " is not supported (this build reads "
                    + std::to_string(format_version) + "); update LSTM Lab.");

    FittedPipeline pipeline;
    PipelineConfig& config = pipeline.config;
    const auto& features = get_array(member("features"), path("features"));
    for (std::size_t c = 0; c < features.size(); ++c) {
        ChannelConfig channel;
        ScalerStats stats;
        read_channel(features[c], json_index_path(path("features"), c), channel, stats,
                     {"column", "transform", "offset", "scale"});
        config.features.push_back(channel);
        pipeline.feature_stats.push_back(stats);
    }
    read_channel(member("target"), path("target"), config.target, pipeline.target_stats,
                 {"column", "transform", "offset", "scale", "training_mean"});
    const std::string mean_path = json_member_path(path("target"), "training_mean");
    pipeline.target_training_mean = get_double(get_member(member("target"), "training_mean", path("target")), mean_path);

    config.sequence_length = get_int(member("sequence_length"), path("sequence_length"));
    config.horizon = get_int(member("horizon"), path("horizon"));
    const Json& split = member("split");
    get_object(split, path("split"));
    reject_unknown_keys(split, {"train", "validation", "test"}, path("split"));
    config.split.train = get_double(get_member(split, "train", path("split")), json_member_path(path("split"), "train"));
    config.split.validation =
        get_double(get_member(split, "validation", path("split")), json_member_path(path("split"), "validation"));
    config.split.test = get_double(get_member(split, "test", path("split")), json_member_path(path("split"), "test"));
    config.scaler = parse_scaler(get_string(member("scaler"), path("scaler")), path("scaler"));
    config.missing = parse_missing_policy(get_string(member("missing"), path("missing")), path("missing"));
    const Json& time_column = member("time_column");
    pipeline.time_column = time_column.is_null() ? std::string() : get_string(time_column, path("time_column"));
    if (root.find("csv"))  // absent in checkpoints written before import options existed: the defaults
        config.csv = read_csv_options(member("csv"), path("csv"));
    config.csv.time_column = pipeline.time_column;

    const Json& source = member("source");
    get_object(source, path("source"));
    reject_unknown_keys(source, {"file", "sha256", "rows"}, path("source"));
    pipeline.source_file = get_string(get_member(source, "file", path("source")), json_member_path(path("source"), "file"));
    pipeline.source_sha256 =
        get_string(get_member(source, "sha256", path("source")), json_member_path(path("source"), "sha256"));
    pipeline.source_rows = get_uint64(get_member(source, "rows", path("source")), json_member_path(path("source"), "rows"));

    const Json& windows = member("windows");
    get_object(windows, path("windows"));
    reject_unknown_keys(windows, {"candidates", "train", "validation", "test"}, path("windows"));
    pipeline.windows.sequence_length = std::size_t(std::max(config.sequence_length, 0));
    pipeline.windows.horizon = std::size_t(std::max(config.horizon, 0));
    pipeline.windows.candidates =
        get_uint64(get_member(windows, "candidates", path("windows")), json_member_path(path("windows"), "candidates"));
    for (Split s : {Split::Train, Split::Validation, Split::Test}) {
        const std::string name(split_name(s));
        pipeline.windows.splits[std::size_t(s)] =
            read_split_windows(get_member(windows, name, path("windows")), json_member_path(path("windows"), name));
    }

    try {
        validate_pipeline_config(config);
    } catch (const Error& error) {
        throw Error(stored_setting_message(std::string(where), error.what()));
    }
    return pipeline;
}

FittedPipeline pipeline_from_json(std::string_view text, std::string_view source)
{
    return pipeline_from_json_value(parse_json(text, source), source);
}

} // namespace lstmlab
