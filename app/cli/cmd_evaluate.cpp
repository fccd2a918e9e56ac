// lstmlab-cli evaluate --checkpoint CKPT --data FILE.csv [--json] [--cost-bps B] [--long-flat]
//                      [--periods-per-year N] [--season N]
// Metrics on validation and test beside the persistence, seasonal-naive and training-mean baselines,
// and (for a positive price series) a backtest of the sign of the predicted move beside buy-and-hold;
// each figure that does not apply is n/a with its reason (evaluation.h).
#include "app/cli/commands.h"
#include "app/cli/options.h"
#include "engine/core/json.h"
#include "engine/train/evaluation_report.h"
#include "engine/workflow/checkpoint_data.h"

#include <iostream>

namespace lstmlab::cli {

Command evaluate_command()
{
    Command command;
    command.name = "evaluate";
    command.synopsis = "metrics beside naive baselines, and a backtest, of a checkpoint on a CSV";
    command.options = join({{{"checkpoint", true, "CKPT", "a checkpoint written by train (required)"},
                             {"data", true, "FILE.csv", "the data (required)"},
                             {"json", false, "", "print JSON instead of tables"}},
                            evaluation_options()});
    command.run = [](const Arguments& args) {
        const std::string checkpoint_path = args.existing_file("checkpoint");
        const std::string data_path = args.existing_file("data");
        const EvaluationOptions options = evaluation_options_from(args);

        const Checkpoint checkpoint = load_checkpoint(checkpoint_path);
        if (!checkpoint.note.empty())
            std::cerr << checkpoint.note << "\n";
        const CheckpointData prepared = prepare_checkpoint_data(data_path, checkpoint);
        if (!prepared.note.empty())
            std::cerr << prepared.note << "\n";
        const auto model = make_model(checkpoint);
        const EvaluationReport report = evaluate_model(*model, prepared.data, options);
        if (args.flag("json")) {
            // evaluation_report.h's report, with {"windows": n} first
            Json out = Json::object();
            out.set("windows", prepared.data.windows.kept());
            const Json body = evaluation_report_to_json(report);
            for (const JsonMember& member : body.members())
                out.set(member.key, member.value);
            std::cout << to_json(out, true) << "\n";
            return 0;
        }
        std::cout << pipeline_summary(prepared.data) << "\n" << report.calendar.evidence << "\n\n"
                  << render_evaluation_text(report);
        return 0;
    };
    return command;
}

} // namespace lstmlab::cli
