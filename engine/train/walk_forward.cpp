#include "engine/train/walk_forward.h"

#include "engine/core/error.h"
#include "engine/core/setting_error.h"
#include "engine/core/number_text.h"
#include "engine/core/task_pool.h"
#include "engine/train/baselines.h"
#include "engine/train/forecast.h"
#include "engine/train/trainer.h"

#include <atomic>
#include <cmath>
#include <memory>
#include <mutex>

namespace lstmlab {
namespace {

// Where fold k's test block lies among the whole series' windows (end rows, absolute).
struct Block {
    std::size_t first_end = 0;   // b_k
    std::size_t count = 0;       // e_k - b_k + 1
};

std::vector<Block> plan_blocks(std::size_t rows, const PipelineConfig& pipeline, int folds)
{
    const std::size_t T = std::size_t(pipeline.sequence_length), H = std::size_t(pipeline.horizon);
    const std::size_t t_min = first_usable_row(pipeline) + T - 1;
    if (rows < t_min + H + 1)
        throw SettingError({SettingRef{"seq-len"}, ": " + std::to_string(rows) + " rows are too few for one window of " +
                                std::to_string(T) + " rows and a horizon of " + std::to_string(H) + "."});
    const std::size_t t_max = rows - 1 - H;
    const std::size_t windows = t_max - t_min + 1;
    const std::size_t test = floor_share(windows, pipeline.split.test);
    if (folds < 1)
        throw SettingError({SettingRef{"folds"}, ": at least 1 fold is needed, got " + std::to_string(folds) + "."});
    if (test < std::size_t(folds))
        throw SettingError({SettingRef{"folds"}, ": " + std::to_string(folds) +
                                              " folds need at least as many test windows, but the test fraction " +
                                              significant(pipeline.split.test) + " of " + std::to_string(windows) +
                                              " windows is " + std::to_string(test) + "; raise the test part of ",
                            SettingRef{"split"}, " or lower ", SettingRef{"folds"}, "."});
    std::vector<Block> blocks(static_cast<std::size_t>(folds));
    std::size_t next = t_max + 1 - test;
    for (std::size_t k = 0; k < blocks.size(); ++k) {
        blocks[k].first_end = next;
        blocks[k].count = test / blocks.size() + (k < test % blocks.size() ? 1 : 0);
        next += blocks[k].count;
    }
    return blocks;
}

// The windows of fold rows first .. (block end + H), relative to `first`: train | validation before
// the cut c = b + 1 by the train : validation fractions, the block as the test split.
WindowPlan fold_plan(const PipelineConfig& pipeline, std::size_t first, const Block& block, int fold)
{
    WindowPlan plan;
    plan.sequence_length = std::size_t(pipeline.sequence_length);
    plan.horizon = std::size_t(pipeline.horizon);
    const std::size_t H = plan.horizon;
    const std::size_t t_min = first_usable_row(pipeline) + plan.sequence_length - 1;
    const std::size_t b = block.first_end - first;
    // Windows t_min .. b - 1 end before the block; the last H - 1 of them reach into it.
    const std::size_t before = b > t_min ? b - t_min : 0;
    const double share = pipeline.split.train / (pipeline.split.train + pipeline.split.validation);
    const std::size_t train_raw = pipeline.split.validation > 0 ? floor_share(before, share) : before;
    const std::size_t validation_raw = before - train_raw;
    const auto kept = [&](std::size_t raw) { return raw > H - 1 ? raw - (H - 1) : 0; };
    SplitWindows& train = plan.splits[std::size_t(Split::Train)];
    SplitWindows& validation = plan.splits[std::size_t(Split::Validation)];
    SplitWindows& test = plan.splits[std::size_t(Split::Test)];
    train = {t_min, kept(train_raw), train_raw - kept(train_raw)};
    validation = {t_min + train_raw, kept(validation_raw), validation_raw - kept(validation_raw)};
    test = {b, block.count, 0};
    plan.candidates = before + block.count;
    if (train.count == 0)
        throw SettingError({SettingRef{"window"}, ": fold " + std::to_string(fold + 1) + " has " + std::to_string(before) +
                                               " windows before its test block, too few for a training window (sequence length " +
                                               std::to_string(plan.sequence_length) + ", horizon " + std::to_string(H) +
                                               "); use a longer rolling window, fewer folds or a smaller test part of ",
                            SettingRef{"split"}, "."});
    return plan;
}

// Columns of `b` appended to `a` (both (H, W)).
void append_columns(Eigen::MatrixXd& a, const Eigen::MatrixXd& b)
{
    if (a.size() == 0) {
        a = b;
        return;
    }
    Eigen::MatrixXd joined(a.rows(), a.cols() + b.cols());
    joined << a, b;
    a = std::move(joined);
}

void pool_overall(const std::vector<PreparedData>& data, WalkForwardResult& result)
{
    WalkForwardOverall& overall = result.overall;
    SplitPrices prices;
    Eigen::MatrixXd model, persistence, training_mean, seasonal;
    bool seasonal_everywhere = true, backtest_everywhere = true, intervals_everywhere = true;
    std::vector<double> inside(result.levels.size(), 0.0);
    for (std::size_t k = 0; k < result.folds.size(); ++k) {
        const FoldResult& fold = result.folds[k];
        const SplitPrices& p = fold.test_prices;
        prices.last_price.insert(prices.last_price.end(), p.last_price.begin(), p.last_price.end());
        append_columns(prices.actual, p.actual);
        append_columns(model, fold.test_predicted);
        append_columns(persistence, persistence_forecast(p.last_price, result.horizon));
        append_columns(training_mean, training_mean_forecast(fold.pipeline, p.last_price));
        const SplitEvaluation& test = *fold.report.test;
        seasonal_everywhere = seasonal_everywhere && test.has_seasonal_naive();
        if (seasonal_everywhere)
            append_columns(seasonal, seasonal_naive_forecast(data[k].target_level, p.end_rows, result.horizon, test.season));
        backtest_everywhere = backtest_everywhere && fold.report.backtest.has_value();
        intervals_everywhere = intervals_everywhere && fold.report.test_coverage.size() == result.levels.size();
        for (std::size_t l = 0; intervals_everywhere && l < inside.size(); ++l)
            inside[l] += fold.report.test_coverage[l] * double(p.actual.size());
    }
    overall.windows = prices.last_price.size();
    overall.model = compute_metrics(prices.last_price, prices.actual, model);
    overall.persistence = compute_metrics(prices.last_price, prices.actual, persistence);
    overall.training_mean = compute_metrics(prices.last_price, prices.actual, training_mean);
    if (seasonal_everywhere)
        overall.seasonal_naive = compute_metrics(prices.last_price, prices.actual, seasonal);
    if (intervals_everywhere)
        for (double count : inside)
            overall.coverage.push_back(count / double(prices.actual.size()));
    overall.dm = diebold_mariano_squared(prices.actual.data(), model.data(), persistence.data(), result.horizon,
                                         overall.windows);
    if (backtest_everywhere) {
        std::vector<double> next(overall.windows), predicted_next(overall.windows);
        for (std::size_t w = 0; w < overall.windows; ++w) {
            next[w] = prices.actual(0, Eigen::Index(w));
            predicted_next[w] = model(0, Eigen::Index(w));
        }
        overall.backtest = run_backtest(prices.last_price, next, predicted_next, result.backtest_config);
    }
}

} // namespace

WalkForwardResult walk_forward(const Frame& frame, const PipelineConfig& pipeline, const ModelSpec& model_spec,
                               const TrainConfig& train, const WalkForwardConfig& config,
                               const std::function<bool(const WalkForwardProgress&)>& progress)
{
    validate_pipeline_config(pipeline);
    train.validate();
    if (pipeline.split.test <= 0)
        throw SettingError({SettingRef{"split"}, ": walk-forward evaluation needs a test part (the blocks the folds forecast), got 0."});
    if (config.jobs < 1)
        throw SettingError({SettingRef{"jobs"}, ": must be at least 1, got " + std::to_string(config.jobs) + "."});
    const std::vector<Block> blocks = plan_blocks(frame.rows(), pipeline, config.folds);
    const std::size_t K = blocks.size(), H = std::size_t(pipeline.horizon);

    WalkForwardResult result;
    result.horizon = H;
    result.levels = config.evaluation.interval_levels;
    result.calendar = infer_calendar(frame.time.format, frame.time.keys);
    EvaluationOptions evaluation = config.evaluation;
    if (evaluation.backtest.periods_per_year <= 0)
        evaluation.backtest.periods_per_year = result.calendar.known() ? result.calendar.periods_per_year : 252.0;
    if (evaluation.season <= 0 && result.calendar.season > 1)
        evaluation.season = result.calendar.season;
    result.backtest_config = evaluation.backtest;

    // Each fold's rows and windows, and its pipeline fitted on its training rows only.
    result.folds.resize(K);
    std::vector<PreparedData> data(K);
    for (std::size_t k = 0; k < K; ++k) {
        FoldResult& fold = result.folds[k];
        fold.index = int(k);
        fold.cut_row = blocks[k].first_end + 1;
        fold.first_row = config.rolling_rows > 0 && fold.cut_row > config.rolling_rows ? fold.cut_row - config.rolling_rows : 0;
        fold.last_row = blocks[k].first_end + blocks[k].count - 1 + H;
        fold_plan(pipeline, fold.first_row, blocks[k], int(k));   // refuses a fold without training windows
    }
    run_tasks(K, config.jobs, [&](std::size_t k) {
        FoldResult& fold = result.folds[k];
        const Frame rows = frame_rows(frame, fold.first_row, fold.last_row + 1);
        data[k] = prepare_data(rows, pipeline, {}, fold_plan(pipeline, fold.first_row, blocks[k], int(k)));
        fold.pipeline = data[k].pipeline;
        fold.first_label = frame.row_label(fold.first_row);
        fold.cut_label = frame.row_label(fold.cut_row);
        fold.last_label = frame.row_label(fold.last_row);
        fold.train_windows = data[k].windows[Split::Train].count;
        fold.validation_windows = data[k].windows[Split::Validation].count;
        fold.test_windows = data[k].windows[Split::Test].count;
    });

    // Training: a chain of warm starts (Refit::Every), fold 1 alone (Refit::Never), or every fold from
    // the seeded initialisation, folds in parallel on the pool (Refit::Fresh).
    ModelSpec spec = model_spec;
    spec.features = int(pipeline.features.size());
    spec.outputs = int(H);
    std::mutex progress_mutex;
    std::atomic<bool> stop{false};
    const auto train_fold = [&](std::size_t k, const AlignedVector<float>* start) {
        FoldResult& fold = result.folds[k];
        Model<float> model(spec);
        if (start) {
            model.parameters().mutable_values() = *start;
        } else {
            Rng init(train.seed);
            model.initialize(init);
        }
        Trainer trainer(model, data[k], train);
        TrainCallbacks callbacks;
        callbacks.progress = [&](const TrainProgress& p) {
            if (progress) {
                const std::lock_guard lock(progress_mutex);
                if (!stop.load() && !progress({int(k), int(K), &p}))
                    stop.store(true);
            }
            return !stop.load();
        };
        const TrainState& state = trainer.run(callbacks);
        fold.trained = true;
        fold.status = state.status;
        fold.epochs = state.completed_epochs;
        fold.weights = model.parameters().values();
    };
    if (!config.trained.empty()) {
        if (config.trained.size() != K)
            throw Error("walk-forward: " + std::to_string(config.trained.size()) + " fold trainings given for " +
                        std::to_string(K) + " folds");
        for (std::size_t k = 0; k < K; ++k) {
            FoldResult& fold = result.folds[k];
            fold.trained = config.trained[k].trained;
            fold.status = config.trained[k].status;
            fold.epochs = config.trained[k].epochs;
            fold.weights = config.trained[k].weights;
            if (fold.weights.size() != Model<float>(spec).parameters().values().size())
                throw Error("walk-forward: fold " + std::to_string(k + 1) + "'s weights do not fit the model");
        }
    } else if (config.refit == Refit::Fresh && config.train_only >= 0) {
        if (std::size_t(config.train_only) >= K)
            throw SettingError({SettingRef{"folds"}, ": fold " + std::to_string(config.train_only + 1) + " is outside 1.." +
                                                  std::to_string(K)});
        train_fold(std::size_t(config.train_only), nullptr);
    } else if (config.refit == Refit::Fresh) {
        run_tasks(K, config.jobs, [&](std::size_t k) { train_fold(k, nullptr); }, &stop);
    } else {
        for (std::size_t k = 0; k < K && !stop.load(); ++k) {
            if (k > 0 && config.refit == Refit::Never) {
                const FoldResult& first = result.folds.front();
                result.folds[k].weights = first.weights;
                result.folds[k].status = first.status;
                result.folds[k].epochs = first.epochs;
                continue;
            }
            train_fold(k, k == 0 ? nullptr : &result.folds[k - 1].weights);
        }
    }
    if (stop.load()) {
        result.folds.clear();
        result.stopped = true;
        return result;
    }
    if (config.train_only >= 0)
        return result;   // the trainings only: evaluated where they are gathered

    // Evaluation of every fold on the pool.
    run_tasks(K, config.jobs, [&](std::size_t k) {
        FoldResult& fold = result.folds[k];
        Model<float> model(spec);
        model.parameters().mutable_values() = fold.weights;
        fold.report = evaluate_model(model, data[k], evaluation);
        const Forecast test = forecast_split(model, data[k], Split::Test, false);
        fold.test_prices = test.prices;
        fold.test_predicted = test.predicted;
        const Eigen::MatrixXd persistence = persistence_forecast(test.prices.last_price, H);
        fold.dm = diebold_mariano_squared(test.prices.actual.data(), test.predicted.data(), persistence.data(), H,
                                          test.prices.last_price.size());
    });
    bool positive = true;
    for (const FoldResult& fold : result.folds)
        positive = positive && fold.report.positive_price;
    result.units = positive ? "price units" : "target units";
    pool_overall(data, result);
    return result;
}

} // namespace lstmlab
