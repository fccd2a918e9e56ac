// lstmlab-cli evaluate --checkpoint CKPT --data FILE.csv [--json] [--cost-bps B] [--long-flat]
//                      [--periods-per-year N]
// Metrics in price units on validation and test beside the persistence and training-mean baselines,
// and a backtest of the sign of the predicted move beside buy-and-hold.
#include "app/cli/commands.h"
#include "engine/core/json.h"
#include "engine/train/evaluation_report.h"
#include "engine/train/forecast.h"
#include "engine/workflow/checkpoint_data.h"

#include <iostream>

namespace lstmlab::cli {

Command evaluate_command()
{
    Command command;
    command.name = "evaluate";
    command.synopsis = "metrics beside naive baselines, and a backtest, of a checkpoint on a CSV";
    command.options = {{"checkpoint", true, "CKPT", "a checkpoint written by train (required)"},
                       {"data", true, "FILE.csv", "the data (required)"},
                       {"json", false, "", "print JSON instead of tables"},
                       {"cost-bps", true, "B", "trading cost per unit of position change, in basis points (default 0)"},
                       {"long-flat", false, "", "long or flat instead of long or short"},
                       {"periods-per-year", true, "N", "for the annualised Sharpe ratio (default 252)"}};
    command.run = [](const Arguments& args) {
        const std::string checkpoint_path = args.existing_file("checkpoint");
        const std::string data_path = args.existing_file("data");
        BacktestConfig backtest;
        backtest.cost_bps = args.number("cost-bps", 0, 0, 10000);
        backtest.mode = args.flag("long-flat") ? PositionMode::LongFlat : PositionMode::LongShort;
        backtest.periods_per_year = args.number("periods-per-year", 252, 1, 1e6);

        const Checkpoint checkpoint = load_checkpoint(checkpoint_path);
        if (!checkpoint.note.empty())
            std::cerr << checkpoint.note << "\n";
        const CheckpointData prepared = prepare_checkpoint_data(data_path, checkpoint);
        if (!prepared.note.empty())
            std::cerr << prepared.note << "\n";
        const auto model = make_model(checkpoint);
        const EvaluationReport report = evaluate_model(*model, prepared.data, backtest);
        const BacktestResult* trades = report.backtest ? &*report.backtest : nullptr;
        if (args.flag("json")) {
            // {"windows": n, "validation": {...}, "test": {...}, "backtest": {...} | null}
            Json out = Json::object();
            out.set("windows", prepared.data.windows.kept());
            out.set("validation", report.validation ? evaluation_to_json(*report.validation) : Json(nullptr));
            out.set("test", report.test ? evaluation_to_json(*report.test) : Json(nullptr));
            out.set("backtest", trades ? backtest_to_json(*trades, backtest) : Json(nullptr));
            std::cout << to_json(out, true) << "\n";
            return 0;
        }
        std::cout << pipeline_summary(prepared.data) << "\n\n";
        if (report.validation)
            std::cout << render_evaluation_text(*report.validation, nullptr, backtest) << "\n";
        if (report.test)
            std::cout << render_evaluation_text(*report.test, trades, backtest);
        return 0;
    };
    return command;
}

} // namespace lstmlab::cli
