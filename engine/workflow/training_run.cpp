#include "engine/workflow/training_run.h"

#include "engine/core/error.h"
#include "engine/core/sha256.h"
#include "engine/io/model_spec_json.h"
#include "engine/io/run_folder.h"
#include "engine/io/train_json.h"
#include "engine/nn/summary.h"
#include "engine/train/evaluation_report.h"

#include <cmath>
#include <sstream>

namespace lstmlab {
namespace {

std::string describe(const TrainingRun& run)
{
    std::ostringstream text;
    std::int64_t parameters = 0;
    for (const TensorInfo& t : run.model->parameters().tensors())
        parameters += std::int64_t(t.size());
    text << pipeline_summary(run.data) << "\nmodel: " << model_spec_to_text(run.model->spec()) << ", "
         << group_thousands(parameters) << " parameters";
    return text.str();
}

Json run_info(const TrainingRun& run, const std::string& checkpoint_path, const std::string& app_version)
{
    const TrainState& state = run.trainer->state();
    Json info = Json::object();
    info.set("format", "lstmlab-run");
    info.set("version", 1);
    info.set("app_version", app_version);
    info.set("status", std::string(status_name(state.status)));
    info.set("stop_reason", state.stop_reason);
    info.set("data", run.data_path);
    info.set("data_sha256", run.data.pipeline.source_sha256);
    info.set("checkpoint", checkpoint_path);
    info.set("model", model_spec_to_json(run.model->spec()));
    info.set("train", train_config_to_json(run.trainer->config()));
    info.set("completed_epochs", state.completed_epochs);
    info.set("target_epochs", state.target_epochs);
    info.set("best_epoch", state.best_epoch);
    info.set("best_validation", std::isfinite(state.best_validation) ? Json(state.best_validation) : Json(nullptr));
    return info;
}

std::string format_number(double value)
{
    if (!std::isfinite(value))
        return "-";
    std::ostringstream text;
    text.precision(5);
    text << value;
    return text.str();
}

} // namespace

TrainingRun start_training_run(const std::string& data_path, const PipelineConfig& pipeline, ModelSpec spec,
                               const TrainConfig& config, const CsvProgress& load_progress)
{
    config.validate();
    TrainingRun run;
    run.data_path = data_path;
    run.data = load_and_prepare(data_path, pipeline, nullptr, load_progress, &run.frame);
    spec.features = int(run.data.feature_count());
    spec.outputs = int(run.data.windows.horizon);
    run.model = std::make_unique<Model<float>>(spec);
    Rng init(config.seed);
    run.model->initialize(init);
    run.trainer = std::make_unique<Trainer>(*run.model, run.data, config);
    run.description = describe(run);
    return run;
}

TrainingRun resume_training_run(const std::string& data_path, const Checkpoint& checkpoint, int extra_epochs,
                                int threads)
{
    if (!checkpoint.pipeline || !checkpoint.training || !checkpoint.optimizer)
        throw Error(checkpoint_name(checkpoint) + " holds no training state (the optimizer tensors and the \"data\" "
                    "and \"train\" metadata of a model saved for prediction only), so training cannot resume from it; "
                    "train a new model instead");
    const FittedPipeline& fitted = *checkpoint.pipeline;
    const std::string sha = sha256_file_hex(data_path);
    if (!fitted.source_sha256.empty() && sha != fitted.source_sha256)
        throw Error(data_path + ": the file's content differs from the data the checkpoint was trained on (SHA-256 " +
                    sha.substr(0, 12) + "... vs " + fitted.source_sha256.substr(0, 12) +
                    "...); resuming would continue on other data, so train a new model instead");
    TrainingRun run;
    run.data_path = data_path;
    LoadOptions options;
    options.used_columns = used_columns(fitted.config);
    options.missing = fitted.config.missing;
    options.csv = fitted.config.csv;
    options.csv.time_column = fitted.time_column;
    LoadResult loaded = load_csv(data_path, options);
    run.data = apply_pipeline(loaded.frame, fitted);
    run.data.pipeline.source_sha256 = sha;
    run.frame = std::move(loaded.frame);
    run.model = make_model(checkpoint);
    run.resumed_from = checkpoint.source;
    TrainConfig config = checkpoint.training->config;
    if (threads > 0)
        config.threads = threads;
    run.trainer = std::make_unique<Trainer>(*run.model, run.data, config);
    resume_trainer(*run.trainer, checkpoint, extra_epochs);
    run.description = describe(run) + "\nresuming after " + std::to_string(checkpoint.training->state.completed_epochs) +
                      " epochs (step " + std::to_string(checkpoint.training->state.step) + "), training until epoch " +
                      std::to_string(run.trainer->state().target_epochs);
    return run;
}

RunOutcome execute_training_run(TrainingRun& run, const std::string& checkpoint_path,
                                const std::optional<std::string>& run_dir,
                                const std::function<bool(const TrainProgress&)>& progress,
                                const std::string& app_version)
{
    Trainer& trainer = *run.trainer;
    std::optional<RunFolder> folder;
    if (run_dir)
        folder.emplace(*run_dir, run_info(run, checkpoint_path, app_version), trainer.state().history);
    bool saved = false;   // by this run: a diverged run names the file that holds its last good state
    const bool saving = !checkpoint_path.empty();
    const auto save = [&] {
        if (!saving)
            return;
        save_checkpoint(checkpoint_path, make_checkpoint(trainer, run.data.pipeline, app_version));
        saved = true;
    };
    TrainCallbacks callbacks;
    callbacks.progress = progress;
    callbacks.epoch_end = [&] {
        save();
        if (folder) {
            folder->append_epoch(trainer.state().history.back());
            folder->update_info(run_info(run, checkpoint_path, app_version));
        }
    };
    const TrainState& state = trainer.run(callbacks);

    RunOutcome outcome;
    outcome.status = state.status;
    if (state.status == TrainStatus::stopped) {
        if (state.next_batch > 0)   // at an epoch boundary the epoch_end save is already the latest
            save();
        outcome.message = saving ? state.stop_reason + "; the run is saved in " + checkpoint_path +
                                       " and continues with --resume " + checkpoint_path
                                 : state.stop_reason;
    } else if (state.status == TrainStatus::diverged) {
        if (saved)
            outcome.message = state.stop_reason + "; " + checkpoint_path + " holds epoch " +
                              std::to_string(state.completed_epochs);
        else if (!run.resumed_from.empty())
            outcome.message = state.stop_reason + "; nothing was saved, " + run.resumed_from +
                              " still holds the run as it was resumed (epoch " + std::to_string(state.completed_epochs) + ")";
        else
            outcome.message = state.stop_reason + "; nothing was saved";
    } else {
        // finished or early stopped: the epoch_end save already holds the final (best) weights.
        std::ostringstream summary;
        summary << "epochs: " << state.completed_epochs << " ("
                << (state.status == TrainStatus::early_stopped ? "early stopping" : "all planned") << ")\n";
        summary << "best validation loss: " << format_number(state.best_validation) << " at epoch "
                << state.best_epoch << "\n";
        const EvaluationReport& report = outcome.report.emplace(evaluate_model(*run.model, run.data));
        if (saving && report.intervals) {   // the final weights' intervals travel with them (forecast reads them)
            Checkpoint final_checkpoint = make_checkpoint(trainer, run.data.pipeline, app_version);
            final_checkpoint.calibration = report.intervals;
            save_checkpoint(checkpoint_path, final_checkpoint);
        }
        if (report.test) {
            const SplitEvaluation& test = *report.test;
            const ForecastMetrics& m = test.model.average;
            summary << "test RMSE (" << report.units() << "): " << format_number(m.rmse) << " (persistence "
                    << format_number(test.persistence.average.rmse);
            if (test.has_seasonal_naive())
                summary << ", seasonal naive " << format_number(test.seasonal_naive.average.rmse);
            summary << "), MASE " << format_number(m.mase) << ", directional accuracy "
                    << format_number(m.directional_accuracy * 100) << "%\n";
        }
        if (report.backtest)
            summary << "test Sharpe: " << format_number(report.backtest->strategy.sharpe) << " (buy and hold "
                    << format_number(report.backtest->buy_and_hold.sharpe) << ")\n";
        for (const std::string& line : not_applicable_lines(report))
            summary << line << "\n";
        if (saving)
            summary << "checkpoint: " << checkpoint_path << "\n";
        outcome.summary = summary.str();
        outcome.message = "training " + std::string(status_name(state.status)) + " after " +
                          std::to_string(state.completed_epochs) + " epochs" + (saving ? "; saved " + checkpoint_path : "");
    }
    if (folder)
        folder->update_info(run_info(run, checkpoint_path, app_version));
    return outcome;
}

} // namespace lstmlab
