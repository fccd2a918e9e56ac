// lstmlab-cli predict --checkpoint CKPT --data FILE.csv --out PRED.csv [--attention ATTN.csv] [--split all|test]
// One row per window: the date (or row number) of the first predicted step, the split, and for each
// horizon step the actual and the predicted value in price units. --attention writes one row per
// window with its weight on every step (lag_{T-1} = oldest ... lag_0 = the window's last row).
#include "app/cli/commands.h"
#include "app/cli/output_paths.h"
#include "engine/core/csv_format.h"
#include "engine/io/atomic_file.h"
#include "engine/train/forecast.h"
#include "engine/workflow/checkpoint_data.h"

#include <charconv>
#include <iostream>

namespace lstmlab::cli {

Command predict_command()
{
    Command command;
    command.name = "predict";
    command.synopsis = "predictions (and attention weights) of a checkpoint on a CSV";
    command.options = {{"checkpoint", true, "CKPT", "a checkpoint written by train (required)"},
                       {"data", true, "FILE.csv", "the data to predict on (required)"},
                       {"out", true, "PRED.csv", "predictions to write (required)"},
                       {"attention", true, "ATTN.csv", "also write the attention weights (attention models)"},
                       {"split", true, "all|test", "which windows (default all)"}};
    command.run = [](const Arguments& args) {
        const std::string checkpoint_path = args.existing_file("checkpoint");
        const std::string data_path = args.existing_file("data");
        const std::string out = args.required("out");
        check_output_file("out", out);
        const auto attention_path = args.value("attention");
        if (attention_path)
            check_output_file("attention", *attention_path);
        const bool all = args.choice("split", "all", {"all", "test"}) == "all";
        std::vector<PathUse> paths{{"--checkpoint", checkpoint_path}, {"--data", data_path},
                                   {"--out", out, PathUse::Kind::write}};
        if (attention_path)
            paths.push_back({"--attention", *attention_path, PathUse::Kind::write});
        check_paths_distinct(paths);

        const Checkpoint checkpoint = load_checkpoint(checkpoint_path);
        if (attention_path && !checkpoint.spec.attention)
            throw UsageError("--attention: the model in " + checkpoint_path + " has no attention layer");
        if (!checkpoint.note.empty())
            std::cerr << checkpoint.note << "\n";
        const CheckpointData prepared = prepare_checkpoint_data(data_path, checkpoint);
        if (!prepared.note.empty())
            std::cerr << prepared.note << "\n";
        const PreparedData& data = prepared.data;
        const auto model = make_model(checkpoint);
        const std::size_t H = data.windows.horizon;
        const std::string time_name = data.pipeline.time_column.empty() ? "row" : data.pipeline.time_column;

        std::string predictions = csv_field(time_name) + ",split";
        for (std::size_t h = 1; h <= H; ++h)
            predictions += H == 1 ? ",actual,predicted" : ",actual_" + std::to_string(h) + ",predicted_" + std::to_string(h);
        predictions += "\n";
        std::string attention;
        const int T = int(data.windows.sequence_length);
        if (attention_path) {
            attention = csv_field(time_name) + ",split";
            for (int lag = T - 1; lag >= 0; --lag)
                attention += ",lag_" + std::to_string(lag);
            attention += "\n";
        }
        std::size_t rows = 0;
        for (Split split : {Split::Train, Split::Validation, Split::Test}) {
            if (!all && split != Split::Test)
                continue;
            const Forecast f = forecast_split(*model, data, split, attention_path.has_value());
            for (Eigen::Index w = 0; w < f.predicted.cols(); ++w) {
                const std::string label = csv_field(prepared.frame.row_label(f.prices.end_rows[std::size_t(w)] + 1));
                predictions += label + "," + std::string(split_name(split));
                for (Eigen::Index h = 0; h < Eigen::Index(H); ++h)
                    predictions += "," + csv_number(f.prices.actual(h, w)) + "," + csv_number(f.predicted(h, w));
                predictions += "\n";
                if (attention_path) {
                    attention += label + "," + std::string(split_name(split));
                    for (int t = 0; t < T; ++t)
                        attention += "," + csv_number(f.attention(w, t));
                    attention += "\n";
                }
                ++rows;
            }
        }
        write_file_atomic(out, predictions);
        if (attention_path)
            write_file_atomic(*attention_path, attention);
        std::cerr << "wrote " << rows << " windows to " << out << (attention_path ? " and " + *attention_path : "")
                  << "\n";
        return 0;
    };
    return command;
}

} // namespace lstmlab::cli
