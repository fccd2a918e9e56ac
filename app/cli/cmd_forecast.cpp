// lstmlab-cli forecast --checkpoint CKPT --data FILE.csv [--out F.csv] [--json] [--interval 0.8,0.95]
// The next H values after the last row of the data, with split-conformal intervals calibrated on the
// validation split (their coverage on the test split printed beside them) and the future times from
// the series' calendar (future_times.h).
#include "app/cli/commands.h"
#include "app/cli/output_paths.h"
#include "engine/core/json.h"
#include "engine/core/number_text.h"
#include "engine/core/text_table.h"
#include "engine/io/atomic_file.h"
#include "engine/io/forecast_csv.h"
#include "engine/train/evaluation.h"
#include "engine/train/forecast.h"
#include "engine/train/future_forecast.h"
#include "engine/workflow/checkpoint_data.h"

#include <cmath>
#include <iostream>

namespace lstmlab::cli {
namespace {

// The same columns as the CSV, six significant digits, aligned.
std::string forecast_table(const FutureForecast& f, const std::string& time_name)
{
    std::vector<std::vector<std::string>> rows = {{"step", time_name, "predicted"}};
    if (f.calibration)
        for (double level : f.calibration->levels)
            for (const char* side : {"lower ", "upper "})
                rows.front().push_back(side + level_label(level));
    for (std::size_t h = 0; h < f.predicted.size(); ++h) {
        rows.push_back({std::to_string(h + 1), f.times.labels[h], significant(f.predicted[h])});
        for (const IntervalBounds& b : f.intervals) {
            rows.back().push_back(significant(b.lower(Eigen::Index(h), 0)));
            rows.back().push_back(significant(b.upper(Eigen::Index(h), 0)));
        }
    }
    return aligned_table(rows);
}

} // namespace

Command forecast_command()
{
    Command command;
    command.name = "forecast";
    command.synopsis = "the next H values after the last row, with prediction intervals and future times";
    command.options = {{"checkpoint", true, "CKPT", "a checkpoint written by train (required)"},
                       {"data", true, "FILE.csv", "the data; the forecast starts after its last row (required)"},
                       {"out", true, "F.csv", "also write the forecast as CSV"},
                       {"json", false, "", "print JSON instead of a table"},
                       {"interval", true, "0.8,0.95", "levels of the prediction intervals (default 0.8,0.95)"}};
    command.run = [](const Arguments& args) {
        const std::string checkpoint_path = args.existing_file("checkpoint");
        const std::string data_path = args.existing_file("data");
        const auto out = args.value("out");
        if (out) {
            check_output_file("out", *out);
            check_paths_distinct({{"--checkpoint", checkpoint_path},
                                  {"--data", data_path},
                                  {"--out", *out, PathUse::Kind::write}});
        }
        const std::vector<double> levels = args.number_list("interval", {0.8, 0.95});
        for (double level : levels)
            if (!(level > 0.0 && level < 1.0))
                throw UsageError("--interval: a level must be between 0 and 1 (0.9 for 90 %), got " + significant(level));

        const Checkpoint checkpoint = load_checkpoint(checkpoint_path);
        const CheckpointData prepared = prepare_checkpoint_data(data_path, checkpoint);
        if (!prepared.note.empty())
            std::cerr << prepared.note << "\n";
        const PreparedData& data = prepared.data;
        const auto model = make_model(checkpoint);
        const FutureForecast f =
            forecast_future(*model, data, levels, checkpoint.calibration ? &*checkpoint.calibration : nullptr);
        std::vector<double> coverage;
        if (f.calibration && data.windows[Split::Test].count > 0) {
            const Forecast test = forecast_split(*model, data, Split::Test, false);
            coverage = interval_coverage(*f.calibration, test.prices, test.predicted);
        }
        const std::string time_name = data.pipeline.time_column.empty() ? "row" : data.pipeline.time_column;
        const std::string units = positive_price_problem(data).empty() ? "price units" : "target units";
        const std::string last_label = prepared.frame.row_label(f.last_row);
        if (out)
            write_file_atomic(*out, forecast_csv(f, time_name));

        if (args.flag("json")) {
            Json json = Json::object();
            json.set("target", data.pipeline.config.target.column);
            json.set("units", units);
            json.set("last_time", last_label);
            json.set("last_value", f.last_value);
            json.set("calendar", f.times.evidence);
            json.set("calibration_windows", f.calibration ? Json(f.calibration->windows) : Json(nullptr));
            json.set("calibration", f.calibration ? Json(f.calibration_stored ? "checkpoint" : "data") : Json(nullptr));
            Json steps = Json::array();
            for (std::size_t h = 0; h < f.predicted.size(); ++h) {
                Json step = Json::object();
                step.set("step", h + 1);
                step.set("time", f.times.labels[h]);
                step.set("predicted", f.predicted[h]);
                Json intervals = Json::array();
                for (std::size_t l = 0; l < f.intervals.size(); ++l) {
                    Json interval = Json::object();
                    interval.set("level", levels[l]);
                    interval.set("lower", number_or_null(f.intervals[l].lower(Eigen::Index(h), 0)));
                    interval.set("upper", number_or_null(f.intervals[l].upper(Eigen::Index(h), 0)));
                    interval.set("test_coverage", l < coverage.size() ? number_or_null(coverage[l]) : Json(nullptr));
                    intervals.push_back(std::move(interval));
                }
                step.set("intervals", std::move(intervals));
                steps.push_back(std::move(step));
            }
            json.set("steps", std::move(steps));
            std::cout << to_json(json, true) << "\n";
            return 0;
        }
        std::cout << "Forecast of " << data.pipeline.config.target.column << " after " << last_label << " (last value "
                  << significant(f.last_value) << "), " << f.predicted.size() << " steps, in " << units << "\n"
                  << "calendar: " << f.times.evidence << "\n";
        if (f.calibration) {
            std::cout << "intervals: split conformal on " << f.calibration->windows << " validation windows"
                      << (f.calibration_stored ? ", stored in the checkpoint at the end of training"
                          : checkpoint.calibration
                              ? ", computed from this data's validation split (the checkpoint's calibration lacks a level)"
                              : ", computed from this data's validation split (the checkpoint stores no calibration)");
            for (std::size_t l = 0; l < coverage.size(); ++l)
                std::cout << (l ? "; " : "; test coverage ") << level_label(levels[l]) << " -> "
                          << significant(100.0 * coverage[l], 3) << " %";
            std::cout << "\n";
        } else {
            std::cout << "intervals: n/a (the validation split has no windows to calibrate them on)\n";
        }
        std::cout << "\n" << forecast_table(f, time_name);
        if (out)
            std::cerr << "wrote " << *out << "\n";
        return 0;
    };
    return command;
}

} // namespace lstmlab::cli
