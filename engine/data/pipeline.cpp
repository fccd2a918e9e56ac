#include "engine/data/pipeline.h"

#include "engine/core/setting_error.h"
#include "engine/core/sha256.h"
#include "engine/data/cell_parse.h"

#include <algorithm>
#include <limits>

namespace lstmlab {
namespace {

std::string channel_name(const ChannelConfig& channel)
{
    return "column " + quote_for_message(channel.column) + " (" + std::string(transform_name(channel.transform)) + ")";
}

// Transforms every channel of `frame` and plans the windows (or takes `plan`); scaling is left to
// the caller.
PreparedData transform_and_plan(const Frame& frame, const PipelineConfig& config, std::vector<std::vector<double>>& raw,
                                std::vector<double>& raw_target, const WindowPlan* plan = nullptr)
{
    validate_pipeline_config(config);
    PreparedData data;
    data.first_usable_row = first_usable_row(config);
    data.windows = plan ? *plan
                        : plan_windows(frame.rows(), data.first_usable_row, std::size_t(config.sequence_length),
                                       std::size_t(config.horizon), config.split, frame.path);
    raw.clear();
    for (const auto& channel : config.features)
        raw.push_back(apply_transform(frame, channel.column, channel.transform));
    raw_target = apply_transform(frame, config.target.column, config.target.transform);
    data.target_level = frame.numeric_column(config.target.column).values;
    data.lines = frame.lines;
    data.time_format = frame.time.format;
    data.time_keys = frame.time.keys;
    return data;
}

void scale_into(PreparedData& data, const std::vector<std::vector<double>>& raw, const std::vector<double>& raw_target)
{
    const FittedPipeline& fitted = data.pipeline;
    const std::size_t n = raw_target.size();
    data.features.resize(Eigen::Index(raw.size()), Eigen::Index(n));
    for (std::size_t c = 0; c < raw.size(); ++c)
        for (std::size_t r = 0; r < n; ++r)
            data.features(Eigen::Index(c), Eigen::Index(r)) = fitted.feature_stats[c].apply(raw[c][r]);
    data.target.resize(Eigen::Index(n));
    for (std::size_t r = 0; r < n; ++r)
        data.target(Eigen::Index(r)) = fitted.target_stats.apply(raw_target[r]);
}

void record_source(FittedPipeline& fitted, const Frame& frame)
{
    fitted.time_column = frame.time.column >= 0 ? frame.columns[std::size_t(frame.time.column)].name : std::string();
    fitted.source_file = frame.path;
    fitted.source_rows = frame.rows();
}

} // namespace

void validate_pipeline_config(const PipelineConfig& config)
{
    if (config.sequence_length < 1)
        throw SettingError({SettingRef{"seq-len"}, ": the sequence length must be at least 1, got " + std::to_string(config.sequence_length) + "."});
    if (config.horizon < 1)
        throw SettingError({SettingRef{"horizon"}, ": the horizon must be at least 1, got " + std::to_string(config.horizon) + "."});
    validate_fractions(config.split);
    if (config.features.empty())
        throw SettingError({SettingRef{"features"}, ": at least one feature column is needed."});
    if (config.target.column.empty())
        throw SettingError({SettingRef{"target"}, ": a target column is needed."});
    for (std::size_t a = 0; a < config.features.size(); ++a)
        for (std::size_t b = 0; b < a; ++b)
            if (config.features[a] == config.features[b])
                throw SettingError({SettingRef{"features"}, ": " + channel_name(config.features[a]) + " is listed twice."});
}

std::vector<std::string> used_columns(const PipelineConfig& config)
{
    std::vector<std::string> names;
    auto add = [&](const std::string& name) {
        if (std::find(names.begin(), names.end(), name) == names.end())
            names.push_back(name);
    };
    for (const auto& channel : config.features)
        add(channel.column);
    add(config.target.column);
    return names;
}

std::size_t first_usable_row(const PipelineConfig& config)
{
    bool needs_previous = transform_needs_previous_row(config.target.transform);
    for (const auto& channel : config.features)
        needs_previous = needs_previous || transform_needs_previous_row(channel.transform);
    return needs_previous ? 1 : 0;
}

PreparedData prepare_data(const Frame& frame, const PipelineConfig& config, const std::string& source_sha256)
{
    validate_pipeline_config(config);
    const WindowPlan plan = plan_windows(frame.rows(), first_usable_row(config), std::size_t(config.sequence_length),
                                         std::size_t(config.horizon), config.split, frame.path);
    return prepare_data(frame, config, source_sha256, plan);
}

PreparedData prepare_data(const Frame& frame, const PipelineConfig& config, const std::string& source_sha256,
                          const WindowPlan& given)
{
    validate_pipeline_config(config);
    const std::size_t last_end = given[Split::Test].count      ? given.end_row(Split::Test, given[Split::Test].count - 1)
                                 : given[Split::Validation].count ? given.end_row(Split::Validation, given[Split::Validation].count - 1)
                                                                  : given.train_last_end_row();
    if (given[Split::Train].count == 0 || given.sequence_length != std::size_t(config.sequence_length) ||
        given.horizon != std::size_t(config.horizon) ||
        given[Split::Train].first_end + 1 < given.sequence_length + first_usable_row(config) ||
        last_end + given.horizon >= frame.rows())
        throw Error("internal: the window plan does not fit " + frame.path + " (" + std::to_string(frame.rows()) + " rows)");
    std::vector<std::vector<double>> raw;
    std::vector<double> raw_target;
    PreparedData data = transform_and_plan(frame, config, raw, raw_target, &given);
    FittedPipeline& fitted = data.pipeline;
    fitted.config = config;
    fitted.windows = data.windows;
    fitted.source_sha256 = source_sha256;
    record_source(fitted, frame);

    const WindowPlan& plan = data.windows;
    for (std::size_t c = 0; c < raw.size(); ++c)
        fitted.feature_stats.push_back(fit_scaler(config.scaler, raw[c], plan.train_first_feature_row(),
                                                  plan.train_last_end_row(),
                                                  frame.path + " " + channel_name(config.features[c])));
    const std::size_t first_target = plan[Split::Train].first_end + 1;
    const std::size_t last_target = plan.train_last_target_row();
    fitted.target_stats = fit_scaler(config.scaler, raw_target, first_target, last_target,
                                     frame.path + " target " + channel_name(config.target));
    double sum = 0.0;
    for (std::size_t r = first_target; r <= last_target; ++r)
        sum += raw_target[r];
    fitted.target_training_mean = sum / double(last_target - first_target + 1);
    scale_into(data, raw, raw_target);
    return data;
}

PreparedData apply_pipeline(const Frame& frame, const FittedPipeline& fitted)
{
    std::vector<std::vector<double>> raw;
    std::vector<double> raw_target;
    PreparedData data = transform_and_plan(frame, fitted.config, raw, raw_target);
    if (fitted.feature_stats.size() != fitted.config.features.size())
        throw Error(frame.path + ": the fitted pipeline has " + std::to_string(fitted.feature_stats.size())
                    + " feature statistics for " + std::to_string(fitted.config.features.size()) + " features.");
    data.pipeline = fitted;
    scale_into(data, raw, raw_target);
    return data;
}

PreparedData load_and_prepare(const std::string& path, const PipelineConfig& config, LoadReport* report,
                              const CsvProgress& progress, Frame* frame)
{
    validate_pipeline_config(config);
    LoadOptions options;
    options.used_columns = used_columns(config);
    options.missing = config.missing;
    options.csv = config.csv;
    options.progress = progress;
    LoadResult loaded = load_csv(path, options);
    if (report)
        *report = loaded.report;
    PipelineConfig settled = config;
    settled.csv = loaded.report.effective;
    PreparedData data = prepare_data(loaded.frame, settled, sha256_file_hex(path));
    if (frame)
        *frame = std::move(loaded.frame);
    return data;
}

std::string pipeline_summary(const PreparedData& data)
{
    const PipelineConfig& config = data.pipeline.config;
    std::string features;
    for (const auto& channel : config.features)
        features += (features.empty() ? "" : ", ") + channel.column + " (" + std::string(transform_name(channel.transform)) + ")";
    return std::to_string(data.rows()) + " rows; features " + features + "; target " + config.target.column + " ("
         + std::string(transform_name(config.target.transform)) + "), horizon " + std::to_string(config.horizon)
         + "; sequence length " + std::to_string(config.sequence_length) + "; " + std::string(scaler_name(config.scaler))
         + " scaling fitted on training rows only; " + data.windows.summary() + ".";
}

} // namespace lstmlab
