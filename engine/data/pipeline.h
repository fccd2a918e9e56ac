// Pipeline: columns -> transforms -> chronological split -> scalers -> windows, leakage-safe.
//
// PipelineConfig is what the user chooses; FittedPipeline adds what was learned from the training
// rows (scaler statistics, the training mean of the target) and where the data came from (file,
// SHA-256, row count). FittedPipeline is the ONE value a checkpoint stores (pipeline_json.h) to
// reproduce the pipeline exactly on new data: apply_pipeline() never refits.
//
// PreparedData holds the result for one Frame. Shapes (F = features, n = rows):
//   features  (F, n)  column r = the scaled, transformed feature vector of row r (NaN before the
//                     first usable row); column-major, so one row's vector is contiguous
//   target    (n)     scaled, transformed target
//   target_level (n)  the raw target column (price units), for converting predictions back
// Scalers are fitted on the rows the training windows touch (R12): each feature channel on the
// feature rows of the training windows (train_first_feature_row .. train_last_end_row), the target
// on their target rows (first_end + 1 .. train_last_target_row). Nothing after the last training
// target row influences any statistic.
#pragma once

#include "engine/data/csv_load.h"
#include "engine/data/scaler.h"
#include "engine/data/transform.h"
#include "engine/data/windows.h"

#include <Eigen/Core>

#include <string>
#include <vector>

namespace lstmlab {

struct ChannelConfig {
    std::string column;
    Transform transform = Transform::Level;
    bool operator==(const ChannelConfig&) const = default;
};

struct PipelineConfig {
    std::vector<ChannelConfig> features;  // at least one; may include the target column
    ChannelConfig target;                 // one target (outputs = horizon)
    int sequence_length = 20;             // T
    int horizon = 1;                      // H
    SplitFractions split;
    ScalerKind scaler = ScalerKind::ZScore;
    MissingPolicy missing = MissingPolicy::Error;
    CsvOptions csv;                       // import options; a fitted pipeline holds them settled (no auto)
};

// Throws Error naming the option for T < 1, H < 1, bad fractions, no features or no target column.
void validate_pipeline_config(const PipelineConfig& config);

// The columns load_csv must treat as used (features and target, each once).
std::vector<std::string> used_columns(const PipelineConfig& config);

struct FittedPipeline {
    PipelineConfig config;
    std::vector<ScalerStats> feature_stats;  // one per feature channel
    ScalerStats target_stats;
    double target_training_mean = 0.0;       // mean transformed target over the training target rows
    std::string time_column;                 // empty when the file has none
    std::string source_file;
    std::string source_sha256;
    std::size_t source_rows = 0;             // rows kept by the loader
    WindowPlan windows;                      // of the data it was fitted on (for the record)
};

struct PreparedData {
    FittedPipeline pipeline;
    Eigen::MatrixXd features;            // (F, n)
    Eigen::VectorXd target;              // (n)
    std::vector<double> target_level;    // (n)
    WindowPlan windows;
    std::size_t first_usable_row = 0;    // 1 after a diff/return/logreturn transform, else 0
    std::vector<std::size_t> lines;      // (n) physical line of each row in the file, for messages
    TimeFormat time_format = TimeFormat::None;
    std::vector<std::int64_t> time_keys; // (n) the time axis (time_parse.h), empty without one

    std::size_t rows() const { return target_level.size(); }
    std::size_t feature_count() const { return std::size_t(features.rows()); }
};

// Fits the pipeline on `frame` (loaded with used_columns(config) and config.missing) and prepares it.
// `source_sha256` is recorded as is (sha256_file_hex of the file, or empty).
PreparedData prepare_data(const Frame& frame, const PipelineConfig& config, const std::string& source_sha256);

// The same with a given window plan instead of one made from the split fractions (walk-forward folds
// choose their own): the scalers are fitted on the rows the plan's training windows touch. Throws
// Error when the plan has no training window or a window past the frame's rows.
PreparedData prepare_data(const Frame& frame, const PipelineConfig& config, const std::string& source_sha256,
                          const WindowPlan& plan);

// 1 when a feature or the target uses a transform that needs the previous row (diff, return,
// logreturn), else 0: the first row with a transformed value.
std::size_t first_usable_row(const PipelineConfig& config);

// Prepares new data with an already fitted pipeline: same transforms, the stored statistics
// unchanged, windows planned with the stored T, H and fractions.
PreparedData apply_pipeline(const Frame& frame, const FittedPipeline& fitted);

// Load + prepare in one call: loads `path` with the columns and missing policy of `config`,
// computes the file's SHA-256, fits. The report is returned through `report` when not null, the loaded
// rows (row labels for front ends) through `frame` when not null.
PreparedData load_and_prepare(const std::string& path, const PipelineConfig& config, LoadReport* report = nullptr,
                              const CsvProgress& progress = {}, Frame* frame = nullptr);

// One paragraph for logs: rows, transforms, scaler, window counts, dropped windows.
std::string pipeline_summary(const PreparedData& data);

} // namespace lstmlab
