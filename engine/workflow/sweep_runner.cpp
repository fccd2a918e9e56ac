#include "engine/workflow/sweep_runner.h"

#include "engine/core/csv_format.h"
#include "engine/core/error.h"
#include "engine/core/task_pool.h"
#include "engine/core/json.h"
#include "engine/core/sha256.h"
#include "engine/io/atomic_file.h"
#include "engine/io/checkpoint.h"
#include "engine/train/evaluation_report.h"
#include "engine/workflow/training_run.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>

#include <fcntl.h>
#include <unistd.h>

namespace lstmlab {
namespace {

double read_number(const Json& object, const char* key)
{
    const Json* value = object.find(key);
    return value && value->is_number() ? value->as_number() : not_measured;
}

Json result_to_json(const TrialResult& r)
{
    Json out = Json::object();
    out.set("index", r.index);
    out.set("configuration", r.configuration);
    out.set("repeat", r.repeat);
    out.set("seed", std::to_string(r.seed));
    Json varied = Json::object();
    for (const auto& [name, value] : r.varied)
        varied.set(name, value);
    out.set("varied", varied);
    out.set("parameters", r.parameters);
    out.set("status", r.status);
    out.set("message", r.message);
    out.set("epochs", r.epochs);
    out.set("best_epoch", r.best_epoch);
    out.set("validation_loss", number_or_null(r.validation_loss));
    out.set("test_rmse", number_or_null(r.test_rmse));
    out.set("test_mae", number_or_null(r.test_mae));
    out.set("test_directional_accuracy", number_or_null(r.test_directional_accuracy));
    out.set("persistence_rmse", number_or_null(r.persistence_rmse));
    out.set("test_sharpe", number_or_null(r.test_sharpe));
    out.set("buy_hold_sharpe", number_or_null(r.buy_hold_sharpe));
    Json reasons = Json::array();
    for (const std::string& line : r.not_applicable)
        reasons.push_back(line);
    out.set("not_applicable", reasons);
    out.set("seconds", r.seconds);
    out.set("checkpoint", r.checkpoint);
    Json train = Json::array(), validation = Json::array();
    for (const EpochRecord& e : r.history) {
        train.push_back(number_or_null(e.train_loss));
        validation.push_back(number_or_null(e.validation_loss));
    }
    out.set("train_loss", train);
    out.set("validation_loss_history", validation);
    return out;
}

TrialResult result_from_json(const Json& in, const Trial& trial)
{
    TrialResult r;
    r.index = trial.index;
    r.configuration = trial.configuration;
    r.repeat = trial.repeat;
    r.seed = trial.options.train.seed;
    r.varied = trial.varied;
    r.label = trial.label();
    r.parameters = get_int64(get_member(in, "parameters", "result"), "parameters");
    r.status = get_string(get_member(in, "status", "result"), "status");
    r.message = get_string(get_member(in, "message", "result"), "message");
    r.epochs = get_int(get_member(in, "epochs", "result"), "epochs");
    r.best_epoch = get_int(get_member(in, "best_epoch", "result"), "best_epoch");
    r.validation_loss = read_number(in, "validation_loss");
    r.test_rmse = read_number(in, "test_rmse");
    r.test_mae = read_number(in, "test_mae");
    r.test_directional_accuracy = read_number(in, "test_directional_accuracy");
    r.persistence_rmse = read_number(in, "persistence_rmse");
    r.test_sharpe = read_number(in, "test_sharpe");
    r.buy_hold_sharpe = read_number(in, "buy_hold_sharpe");
    if (const Json* reasons = in.find("not_applicable"); reasons && reasons->is_array())
        for (const Json& line : reasons->items())
            if (line.is_string())
                r.not_applicable.push_back(line.as_string());
    r.seconds = read_number(in, "seconds");
    r.checkpoint = get_string(get_member(in, "checkpoint", "result"), "checkpoint");
    const auto& train = get_array(get_member(in, "train_loss", "result"), "train_loss");
    const auto& validation = get_array(get_member(in, "validation_loss_history", "result"), "validation_loss_history");
    for (std::size_t k = 0; k < train.size() && k < validation.size(); ++k) {
        EpochRecord e;
        e.epoch = int(k) + 1;
        e.train_loss = train[k].is_number() ? train[k].as_number() : not_measured;
        e.validation_loss = validation[k].is_number() ? validation[k].as_number() : not_measured;
        r.history.push_back(e);
    }
    r.reused = true;
    return r;
}

void append_line(const std::string& path, const std::string& line)
{
    const int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CLOEXEC);
    if (fd < 0)
        throw Error(path + ": cannot append the trial's row");
    std::size_t done = 0;
    while (done < line.size()) {
        const ssize_t n = ::write(fd, line.data() + done, line.size() - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            ::close(fd);
            throw Error(path + ": writing the trial's row failed");
        }
        done += std::size_t(n);
    }
    ::fsync(fd);
    ::close(fd);
}

// create_directories, failing with one sentence: `t.trials: cannot create the trials folder (Permission denied)`.
void create_folder(const std::string& path, const std::string& what)
{
    std::error_code error;
    std::filesystem::create_directories(path, error);
    if (error)
        throw Error(path + ": cannot create " + what + " (" + error.message() + ")");
}

double mean(const std::vector<double>& v)
{
    double s = 0;
    for (double x : v)
        s += x;
    return v.empty() ? not_measured : s / double(v.size());
}

double sample_std(const std::vector<double>& v)
{
    if (v.size() < 2)
        return not_measured;
    const double m = mean(v);
    double s = 0;
    for (double x : v)
        s += (x - m) * (x - m);
    return std::sqrt(s / double(v.size() - 1));
}

std::string pm(double m, double s, int digits)
{
    if (!std::isfinite(m))
        return "-";
    char text[64];
    if (std::isfinite(s))
        std::snprintf(text, sizeof text, "%.*g ± %.2g", digits, m, s);
    else
        std::snprintf(text, sizeof text, "%.*g", digits, m);
    return text;
}

} // namespace

std::string trial_directory(const std::string& trials_dir, int index)
{
    char name[32];
    std::snprintf(name, sizeof name, "trial-%04d", index + 1);
    return (std::filesystem::path(trials_dir) / name).string();
}

std::optional<TrialResult> read_trial_result(const std::string& trials_dir, const Trial& trial)
{
    const std::string path = trial_directory(trials_dir, trial.index) + "/result.json";
    std::ifstream file(path, std::ios::binary);
    if (!file)
        return std::nullopt;
    std::ostringstream text;
    text << file.rdbuf();
    return result_from_json(parse_json(text.str(), path), trial);
}

TrialResult run_sweep_trial(const Trial& trial, const SweepRunOptions& options, const SweepCallbacks& callbacks)
{
    const auto start = std::chrono::steady_clock::now();
    TrialResult r;
    r.index = trial.index;
    r.configuration = trial.configuration;
    r.repeat = trial.repeat;
    r.seed = trial.options.train.seed;
    r.varied = trial.varied;
    r.label = trial.label();
    const std::string dir = trial_directory(options.trials_dir, trial.index);
    r.checkpoint = (std::filesystem::path(dir) / "checkpoint.safetensors").string();
    try {
        create_folder(dir, "the trial's folder");
        if (!options.data_sha256.empty())
            if (const std::string sha = sha256_file_hex(options.data_path); sha != options.data_sha256)
                throw Error(options.data_path + ": the file changed since the sweep was expanded (SHA-256 " +
                            sha.substr(0, 12) + "... now, " + options.data_sha256.substr(0, 12) +
                            "... then); the trial refuses to train on other data: restore the file, or run the "
                            "sweep again into a new --out");
        TrainConfig config = trial.options.train;
        config.threads = 1;
        TrainingRun run = options.continue_checkpoints && std::filesystem::exists(r.checkpoint)
                              ? resume_training_run(options.data_path, load_checkpoint(r.checkpoint), 0, 1)
                              : start_training_run(options.data_path, trial.options.pipeline, trial.options.model, config);
        for (const TensorInfo& t : run.model->parameters().tensors())
            r.parameters += std::int64_t(t.size());
        const RunOutcome outcome = execute_training_run(
            run, r.checkpoint, (std::filesystem::path(dir) / "run").string(),
            [&](const TrainProgress& p) {
                if (options.cancel && options.cancel->load())
                    return false;
                return !callbacks.progress || callbacks.progress(trial, p);
            },
            options.app_version);
        const TrainState& state = run.trainer->state();
        r.status = std::string(status_name(state.status));
        r.message = outcome.status == TrainStatus::stopped || outcome.status == TrainStatus::diverged ? state.stop_reason : "";
        r.epochs = state.completed_epochs;
        r.best_epoch = state.best_epoch;
        r.validation_loss = state.best_validation;
        r.history = state.history;
        if (state.status == TrainStatus::finished || state.status == TrainStatus::early_stopped) {
            const EvaluationReport& report = *outcome.report;   // periods per year from the calendar
            if (report.test) {
                r.test_rmse = report.test->model.average.rmse;
                r.test_mae = report.test->model.average.mae;
                r.test_directional_accuracy = report.test->model.average.directional_accuracy;
                r.persistence_rmse = report.test->persistence.average.rmse;
            }
            if (report.backtest) {
                r.test_sharpe = report.backtest->strategy.sharpe;
                r.buy_hold_sharpe = report.backtest->buy_and_hold.sharpe;
            }
            r.not_applicable = not_applicable_lines(report);
        }
    } catch (const Error& error) {
        r.status = "failed";
        r.message = error.what();
    } catch (const std::bad_alloc&) {
        r.status = "failed";
        r.message = "out of memory";
    } catch (const std::exception& error) {   // nothing may escape a worker thread
        r.status = "failed";
        r.message = "unexpected error: " + std::string(error.what());
    }
    r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (r.completed() || r.status == "failed") {
        try {
            write_file_atomic((std::filesystem::path(dir) / "result.json").string(), to_json(result_to_json(r), true) + "\n");
        } catch (const Error& error) {   // the row still reaches the results CSV, marked failed
            r.status = "failed";
            r.message = error.what();
        }
    }
    return r;
}

std::string sweep_results_header(const std::vector<std::string>& varied_names)
{
    std::string header = "trial,configuration,seed";
    for (const std::string& name : varied_names)
        header += "," + csv_field(name);
    return header + ",parameters,status,epochs,best_epoch,validation_loss,test_rmse,test_mae,"
                    "test_directional_accuracy,persistence_rmse,test_sharpe,buy_hold_sharpe,seconds,checkpoint\n";
}

std::string sweep_result_row(const TrialResult& r, const std::vector<std::string>& varied_names)
{
    std::string row = std::to_string(r.index + 1) + "," + std::to_string(r.configuration + 1) + "," + std::to_string(r.seed);
    for (const std::string& name : varied_names) {
        const auto it = std::find_if(r.varied.begin(), r.varied.end(), [&](const auto& v) { return v.first == name; });
        row += "," + (it == r.varied.end() ? std::string() : csv_field(it->second));
    }
    row += "," + std::to_string(r.parameters) + "," + r.status + "," + std::to_string(r.epochs) + "," +
           std::to_string(r.best_epoch) + "," + csv_number(r.validation_loss) + "," + csv_number(r.test_rmse) + "," +
           csv_number(r.test_mae) + "," + csv_number(r.test_directional_accuracy) + "," + csv_number(r.persistence_rmse) + "," +
           csv_number(r.test_sharpe) + "," + csv_number(r.buy_hold_sharpe) + "," + csv_number(std::round(r.seconds * 100) / 100) + "," +
           csv_field(r.checkpoint) + "\n";
    return row;
}

std::string sweep_results_table(const std::vector<TrialResult>& results, const std::vector<std::string>& varied_names)
{
    std::string table = sweep_results_header(varied_names);
    for (const TrialResult& r : results)
        if (r.completed() || r.status == "failed")
            table += sweep_result_row(r, varied_names);
    return table;
}

std::vector<TrialResult> run_sweep(const SweepPlan& plan, const SweepRunOptions& options, const SweepCallbacks& callbacks)
{
    if (options.jobs < 1)
        throw Error("--jobs: must be at least 1");
    create_folder(options.trials_dir, "the trials folder");
    std::vector<std::optional<TrialResult>> results(plan.trials.size());
    // Resume: finished trials are read back.
    if (options.resume) {
        for (const Trial& trial : plan.trials)
            if (std::optional<TrialResult> r = read_trial_result(options.trials_dir, trial); r && r->completed())
                results[std::size_t(trial.index)] = std::move(*r);
    }
    std::string table = sweep_results_header(plan.varied_names);
    for (const auto& r : results)
        if (r)
            table += sweep_result_row(*r, plan.varied_names);
    write_file_atomic(options.results_csv, table);
    for (const auto& r : results)
        if (r && callbacks.finished)
            callbacks.finished(*r);

    // Trials run on the task pool. A failure to record a finished trial (the CSV row, a callback) is
    // kept and rethrown after every worker joined, without stopping the other trials; anything else
    // thrown past run_trial (which turns an Error into a failed trial) ends the sweep at once.
    std::mutex mutex;
    std::exception_ptr failure;
    run_tasks(plan.trials.size(), options.jobs, [&](std::size_t k) {
        if (results[k])
            return;
        const Trial& trial = plan.trials[k];
        if (callbacks.started) {
            const std::lock_guard lock(mutex);
            callbacks.started(trial);
        }
        TrialResult r = run_sweep_trial(trial, options, callbacks);
        const std::lock_guard lock(mutex);
        try {
            if (r.completed() || r.status == "failed")
                append_line(options.results_csv, sweep_result_row(r, plan.varied_names));
            if (callbacks.finished)
                callbacks.finished(r);
        } catch (...) {
            if (!failure)
                failure = std::current_exception();
        }
        results[k] = std::move(r);
    }, options.cancel);
    if (failure)
        std::rethrow_exception(failure);

    std::vector<TrialResult> ordered;
    for (auto& r : results)
        if (r)
            ordered.push_back(std::move(*r));
    write_file_atomic(options.results_csv, sweep_results_table(ordered, plan.varied_names));   // in trial order, whatever finished first
    return ordered;
}

std::string sweep_failures_text(const std::vector<TrialResult>& results, std::size_t planned)
{
    std::map<std::string, std::size_t> counts;
    const TrialResult* first = nullptr;
    std::size_t unfinished = 0;
    for (const TrialResult& r : results)
        if (r.status != "finished" && r.status != "early_stopped") {
            ++unfinished;
            ++counts[r.status];
            if (!first)
                first = &r;
        }
    const std::size_t missing = planned > results.size() ? planned - results.size() : 0;
    if (unfinished == 0 && missing == 0)
        return {};
    std::string kinds;
    for (const auto& [status, count] : counts)
        kinds += (kinds.empty() ? "" : ", ") + std::to_string(count) + " " + status;
    if (missing > 0)
        kinds += (kinds.empty() ? "" : ", ") + std::to_string(missing) + " not run";
    std::string text = std::to_string(unfinished + missing) + " of " + std::to_string(planned) +
                       " trials did not finish (" + kinds + ")";
    if (first)
        text += "; the first, trial " + std::to_string(first->index + 1) + " (" + first->label + "), " + first->status +
                (first->message.empty() ? "" : ": " + first->message);
    return text;
}

std::vector<ConfigurationSummary> summarize_sweep(const std::vector<TrialResult>& results)
{
    std::map<int, std::vector<const TrialResult*>> groups;
    for (const TrialResult& r : results)
        if (r.status == "finished" || r.status == "early_stopped")
            groups[r.configuration].push_back(&r);
    std::vector<ConfigurationSummary> out;
    for (const auto& [configuration, trials] : groups) {
        ConfigurationSummary s;
        s.configuration = configuration;
        s.label = trials.front()->label;
        s.trials = int(trials.size());
        std::vector<double> validation, rmse, sharpe, direction;
        for (const TrialResult* r : trials) {
            validation.push_back(r->validation_loss);
            rmse.push_back(r->test_rmse);
            sharpe.push_back(r->test_sharpe);
            direction.push_back(r->test_directional_accuracy);
        }
        s.validation_mean = mean(validation);
        s.validation_std = sample_std(validation);
        s.rmse_mean = mean(rmse);
        s.rmse_std = sample_std(rmse);
        s.sharpe_mean = mean(sharpe);
        s.sharpe_std = sample_std(sharpe);
        s.direction_mean = mean(direction);
        s.direction_std = sample_std(direction);
        out.push_back(s);
    }
    std::stable_sort(out.begin(), out.end(), [](const ConfigurationSummary& a, const ConfigurationSummary& b) {
        const double x = std::isfinite(a.validation_mean) ? a.validation_mean : INFINITY;
        const double y = std::isfinite(b.validation_mean) ? b.validation_mean : INFINITY;
        return x < y;
    });
    return out;
}

std::string sweep_summary_text(const std::vector<ConfigurationSummary>& summary)
{
    std::size_t label_width = 13;
    for (const ConfigurationSummary& s : summary)
        label_width = std::max(label_width, s.label.size());
    std::ostringstream out;
    char line[512];
    std::snprintf(line, sizeof line, "%-4s %-*s %5s  %-22s %-22s %-20s %-20s\n", "rank", int(label_width),
                  "configuration", "seeds", "validation loss", "test RMSE", "test Sharpe", "direction");
    out << line;
    int rank = 1;
    for (const ConfigurationSummary& s : summary) {
        std::snprintf(line, sizeof line, "%-4d %-*s %5d  %-22s %-22s %-20s %-20s\n", rank++, int(label_width),
                      s.label.c_str(), s.trials, pm(s.validation_mean, s.validation_std, 5).c_str(),
                      pm(s.rmse_mean, s.rmse_std, 5).c_str(), pm(s.sharpe_mean, s.sharpe_std, 3).c_str(),
                      pm(s.direction_mean, s.direction_std, 3).c_str());
        out << line;
    }
    return out.str();
}

std::string sweep_summary_csv(const std::vector<ConfigurationSummary>& summary)
{
    std::string text = "rank,configuration,label,seeds,validation_mean,validation_std,test_rmse_mean,test_rmse_std,"
                       "test_sharpe_mean,test_sharpe_std,direction_mean,direction_std\n";
    int rank = 1;
    for (const ConfigurationSummary& s : summary)
        text += std::to_string(rank++) + "," + std::to_string(s.configuration + 1) + "," + csv_field(s.label) + "," +
                std::to_string(s.trials) + "," + csv_number(s.validation_mean) + "," + csv_number(s.validation_std) + "," +
                csv_number(s.rmse_mean) + "," + csv_number(s.rmse_std) + "," + csv_number(s.sharpe_mean) + "," + csv_number(s.sharpe_std) +
                "," + csv_number(s.direction_mean) + "," + csv_number(s.direction_std) + "\n";
    return text;
}

} // namespace lstmlab
