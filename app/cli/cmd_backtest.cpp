// lstmlab-cli backtest --data FILE.csv --target COL [--features A,B,...] [model] [data] [training]
//                      --folds K [--refit every|fresh|never] [--window expanding|rolling:N] [--jobs N]
//                      [--out FOLDS.csv] [--json] [--interval 0.8,0.95] [evaluation options] [--quiet]
// Walk-forward (rolling-origin) evaluation (engine/train/walk_forward.h): K consecutive test blocks at
// the end of the series, each forecast by a model that saw nothing from its block on, scored beside
// persistence, the training mean and the seasonal naive forecast, with a Diebold-Mariano test of
// model vs persistence per fold and over all blocks. Ctrl-C stops (exit 130, nothing written).
#include "app/cli/cli.h"
#include "app/cli/commands.h"
#include "app/cli/interrupt.h"
#include "app/cli/options.h"
#include "app/cli/output_paths.h"
#include "app/cli/backtest_slurm.h"
#include "app/cli/sweep_slurm.h"
#include "engine/core/json.h"
#include "engine/core/number_text.h"
#include "engine/core/text_table.h"
#include "engine/data/csv_load.h"
#include "engine/io/atomic_file.h"
#include "engine/train/walk_forward_table.h"

#include <cmath>
#include <iostream>
#include <thread>

namespace lstmlab::cli {
namespace {

const char* refit_name(Refit refit)
{
    return refit == Refit::Every ? "every" : refit == Refit::Fresh ? "fresh" : "never";
}

// "expanding" -> 0; "rolling:N" -> N rows.
std::size_t rolling_rows_from(const Arguments& args)
{
    const std::string window = args.value("window").value_or("expanding");
    if (window == "expanding")
        return 0;
    if (window.rfind("rolling:", 0) == 0)
        if (const auto rows = parse_integer(window.substr(8)); rows && *rows >= 2)
            return std::size_t(*rows);
    throw UsageError("--window: expected expanding or rolling:N with N >= 2 rows before each cut (e.g. rolling:500), got \"" +
                     window + "\"");
}

Json metrics_json(const MetricsTable& table)
{
    if (table.windows == 0)
        return Json(nullptr);
    Json json = Json::object();
    json.set("rmse", number_or_null(table.average.rmse));
    json.set("mae", number_or_null(table.average.mae));
    json.set("directional_accuracy", number_or_null(table.average.directional_accuracy));
    return json;
}

Json dm_json(const DieboldMariano& dm)
{
    Json json = Json::object();
    json.set("windows", dm.n);
    json.set("horizon", dm.horizon);
    json.set("mean_loss_difference", number_or_null(dm.mean_difference));
    json.set("statistic", number_or_null(dm.statistic));
    json.set("p_value", number_or_null(dm.p_value));
    json.set("p_model_better", number_or_null(dm.p_model_better));
    json.set("variance_fallback", dm.variance_fallback);
    return json;
}

Json block_json(const MetricsTable& model, const MetricsTable& persistence, const MetricsTable& training_mean,
                const MetricsTable& seasonal, const std::optional<BacktestResult>& backtest,
                const std::vector<double>& levels, const std::vector<double>& coverage, const DieboldMariano& dm)
{
    Json json = Json::object();
    Json metrics = Json::object();
    metrics.set("model", metrics_json(model));
    metrics.set("persistence", metrics_json(persistence));
    metrics.set("training_mean", metrics_json(training_mean));
    metrics.set("seasonal_naive", metrics_json(seasonal));
    json.set("metrics", std::move(metrics));
    json.set("sharpe", backtest ? number_or_null(backtest->strategy.sharpe) : Json(nullptr));
    json.set("buy_hold_sharpe", backtest ? number_or_null(backtest->buy_and_hold.sharpe) : Json(nullptr));
    Json intervals = Json::array();
    for (std::size_t l = 0; l < coverage.size() && l < levels.size(); ++l) {
        Json interval = Json::object();
        interval.set("level", levels[l]);
        interval.set("coverage", number_or_null(coverage[l]));
        intervals.push_back(std::move(interval));
    }
    json.set("intervals", std::move(intervals));
    json.set("diebold_mariano", dm_json(dm));
    return json;
}

Json result_json(const WalkForwardResult& r, const WalkForwardConfig& config)
{
    Json json = Json::object();
    json.set("folds_requested", config.folds);
    json.set("refit", refit_name(config.refit));
    json.set("window", config.rolling_rows ? "rolling:" + std::to_string(config.rolling_rows) : std::string("expanding"));
    json.set("units", r.units);
    json.set("horizon", r.horizon);
    json.set("calendar", r.calendar.evidence);
    json.set("periods_per_year", r.backtest_config.periods_per_year);
    Json folds = Json::array();
    for (const FoldResult& f : r.folds) {
        const SplitEvaluation& t = *f.report.test;
        Json fold = block_json(t.model, t.persistence, t.training_mean, t.seasonal_naive, f.report.backtest, r.levels,
                               f.report.test_coverage, f.dm);
        fold.set("fold", f.index + 1);
        fold.set("first", f.first_label);
        fold.set("cut", f.cut_label);
        fold.set("last", f.last_label);
        fold.set("train_windows", f.train_windows);
        fold.set("validation_windows", f.validation_windows);
        fold.set("test_windows", f.test_windows);
        fold.set("trained", f.trained);
        fold.set("status", std::string(status_name(f.status)));
        fold.set("epochs", f.epochs);
        folds.push_back(std::move(fold));
    }
    json.set("folds", std::move(folds));
    const WalkForwardOverall& o = r.overall;
    Json overall = block_json(o.model, o.persistence, o.training_mean, o.seasonal_naive, o.backtest, r.levels, o.coverage, o.dm);
    overall.set("test_windows", o.windows);
    json.set("overall", std::move(overall));
    return json;
}

BacktestSetup backtest_setup(const Arguments& args)
{
    BacktestSetup setup;
    setup.data_path = args.existing_file("data");
    const std::string& data_path = setup.data_path;
    WalkForwardConfig& config = setup.config;
    if (!args.has("folds"))
        throw UsageError("--folds is required: the number of test blocks, e.g. --folds 5");
    config.folds = args.integer("folds", 0, 1, 1000);
    const std::string refit = args.choice("refit", "every", {"every", "fresh", "never"});
    config.refit = refit == "every" ? Refit::Every : refit == "fresh" ? Refit::Fresh : Refit::Never;
    config.rolling_rows = rolling_rows_from(args);
    config.jobs = args.integer("jobs", int(std::max(1u, std::thread::hardware_concurrency())), 1, 256);
    config.evaluation = evaluation_options_from(args);
    config.evaluation.interval_levels = args.number_list("interval", {0.8, 0.95});
    for (double level : config.evaluation.interval_levels)
        if (!(level > 0.0 && level < 1.0))
            throw UsageError("--interval: a level must be between 0 and 1 (0.9 for 90 %), got " + significant(level));
    setup.run = run_options_from(args);
    const RunOptions& run = setup.run;

    LoadOptions load;
    load.used_columns = used_columns(run.pipeline);
    load.missing = run.pipeline.missing;
    load.csv = run.pipeline.csv;
    setup.loaded = load_csv(data_path, load);
    setup.pipeline = run.pipeline;
    setup.pipeline.csv = setup.loaded.report.effective;

    return setup;
}

} // namespace

Command backtest_command()
{
    Command command;
    command.name = "backtest";
    command.synopsis = "walk-forward evaluation: K test blocks, each forecast by a model that never saw it, with a "
                       "Diebold-Mariano test against persistence";
    command.options = join({{{"data", true, "FILE.csv", "the time series (required)"},
                             {"target", true, "COL", "the column to forecast (required)"},
                             {"features", true, "A,B,...", "input columns (default: the target alone)"},
                             {"folds", true, "K", "test blocks, cut from the test part of --split in time order (required)"},
                             {"refit", true, "every|fresh|never",
                              "every: each fold retrains, starting from the previous fold's weights; fresh: each fold "
                              "trains from the seeded initialisation, folds in parallel; never: the first fold's model "
                              "forecasts every block (default every)"},
                             {"window", true, "expanding|rolling:N",
                              "training rows: all before each cut, or the N rows before it (default expanding)",
                              {"expanding", "rolling:"}},
                             {"jobs", true, "N", "folds prepared, evaluated (and with --refit fresh trained) in parallel (default: the number of cores)"},
                             {"interval", true, "0.8,0.95", "levels of the prediction intervals (default 0.8,0.95)"},
                             {"out", true, "FOLDS.csv", "also write the fold table as CSV"},
                             {"json", false, "", "print JSON instead of the table"},
                             {"quiet", false, "", "no progress output"}},
                            backtest_slurm_options(), model_options(), data_options(), training_options(),
                            evaluation_options()});
    command.run = [](const Arguments& args) {
        const auto out = args.value("out");
        if (out) {
            check_output_file("out", *out);
            check_paths_distinct({{"--data", args.existing_file("data")}, {"--out", *out, PathUse::Kind::write}});
        }
        const bool slurm = args.choice("backend", "local", {"local", "slurm"}) == "slurm";
        if (!slurm)
            refuse_slurm_options(args);
        const SlurmOptions slurm_options = slurm ? backtest_slurm_settings(args) : SlurmOptions{};
        BacktestSetup setup = backtest_setup(args);
        const std::string& data_path = setup.data_path;
        WalkForwardConfig& config = setup.config;
        const RunOptions& run = setup.run;
        const LoadResult& loaded = setup.loaded;
        const PipelineConfig& pipeline = setup.pipeline;

        install_interrupt_handlers();
        const bool quiet = args.flag("quiet");
        if (!quiet)
            std::cerr << "walk-forward on " << data_path << ": " << loaded.frame.rows() << " rows, " << config.folds
                      << " folds, refit " << refit_name(config.refit)
                      << ", " << (config.rolling_rows ? "rolling " + std::to_string(config.rolling_rows) + " rows" : "expanding")
                      << " window\n";
        if (slurm) {
            config.trained = train_folds_on_slurm(args, backtest_command().options, slurm_options, setup, *out, quiet);
            if (config.trained.empty())
                return exit_interrupted;
        }
        WalkForwardResult result;
        try {
            result = walk_forward(loaded.frame, pipeline, run.model, run.train, config, [&](const WalkForwardProgress& p) {
                if (!quiet && p.training->epoch_end)
                    std::cerr << "fold " << p.fold + 1 << "/" << p.folds << " epoch " << p.training->epoch << "/"
                              << p.training->epochs << ": train " << significant(p.training->train_loss, 4) << ", validation "
                              << significant(p.training->validation_loss, 4) << "\n";
                return !interrupt_requested();
            });
        } catch (const UsageError&) {
            throw;
        } catch (const Error& error) {
            // The settings' refusals name an option ("--folds: ...") and create nothing: usage errors.
            if (std::string(error.what()).rfind("--", 0) == 0)
                throw UsageError(error.what());
            throw;
        }
        if (result.stopped) {
            std::cerr << "backtest interrupted; nothing written\n";
            return exit_interrupted;
        }
        if (out)
            write_file_atomic(*out, walk_forward_csv(result));
        if (args.flag("json")) {
            std::cout << to_json(result_json(result, config), true) << "\n";
        } else {
            std::cout << "Walk-forward evaluation of " << pipeline.target.column << " (" << result.units << "), horizon "
                      << result.horizon << ", " << result.folds.size() << " folds\n"
                      << "calendar: " << result.calendar.evidence << "\n\n"
                      << aligned_table(walk_forward_rows(result, 4, "-")) << "\n"
                      << diebold_mariano_sentence(result.overall.dm) << "\n";
        }
        if (out)
            std::cerr << "wrote " << *out << "\n";
        return 0;
    };
    return command;
}

Command backtest_fold_command()
{
    Command command;
    command.name = "backtest-fold";
    command.synopsis = "FOLDS_DIR N: train the folds of task N of a backtest run with --backend slurm";
    command.operands = {"FOLDS_DIR", "N"};
    command.run = [](const Arguments& args) {
        const auto task = parse_integer(args.operands()[1]);
        if (!task)
            throw UsageError("N: \"" + args.operands()[1] + "\" is not a task number");
        return run_backtest_fold(args.operands()[0], *task, backtest_command().options, backtest_setup);
    };
    return command;
}

} // namespace lstmlab::cli
