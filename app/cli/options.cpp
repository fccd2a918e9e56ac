#include "app/cli/options.h"

#include <algorithm>

namespace lstmlab::cli {

std::vector<OptionSpec> model_options()
{
    return {
        {"preset", true, "NAME", "start from a tutorial architecture: single, stacked, bidirectional, attention, gru",
         preset_names()},
        {"cell", true, "lstm|gru", "recurrent cell (default lstm)"},
        {"hidden", true, "64,32", "hidden size of each layer, bottom to top (default 32)"},
        {"dropout", true, "P", "inter-layer dropout in [0, 1), needs two or more layers (default 0)"},
        {"bidirectional", false, "", "both directions per layer, outputs concatenated"},
        {"attention", false, "", "Bahdanau attention over the top layer, queried by the last step"},
    };
}

std::vector<OptionSpec> data_options()
{
    const std::vector<OptionSpec> data = {
        {"seq-len", true, "T", "window length in rows, 1..1000 (default 20; the tutorial suggests 10-60)"},
        {"horizon", true, "H", "steps ahead to predict, 1..100 (default 1)"},
        {"split", true, "0.7,0.15,0.15", "train, validation, test fractions of the windows, in time order"},
        {"scaler", true, "zscore|minmax|none", "scaling fitted on training rows only (default zscore)"},
        {"target-transform", true, "level|diff|return|logreturn|log", "what the model predicts (default level)"},
        {"missing", true, "error|drop|ffill", "what to do with missing cells (default error)"},
        {"feature-transform", true, "level|diff|return|logreturn|log", "transform of every feature column (default level)"},
        {"transforms", true, "COL=T,...", "per-column feature transforms, e.g. Volume=log,Close=logreturn"},
    };
    return join({data, import_options()});
}

std::vector<OptionSpec> import_options()
{
    return {
        {"delimiter", true, "auto|,|;|tab|'|'", "field delimiter (default auto: the one every first line uses)"},
        {"decimal", true, "auto|.|,", "decimal separator (default auto: ',' only for a ;-file written that way)"},
        {"thousands", true, "auto|none|,|.|space|'", "thousands separator (default auto: 3-digit groups)"},
        {"time-column", true, "NAME|none|auto", "the time axis (default auto: the first column of dates)"},
        {"time-format", true, "FORMAT", "auto, ISO, DMY, MDY, YMD, unix-s, unix-ms, index or a pattern like %d.%m.%Y (default auto)"},
        {"duplicates", true, "error|first|last|mean", "rows with a repeated time (default error)"},
        {"encoding", true, "utf8|latin1", "text encoding (latin1 = Windows-1252 / ISO-8859-1; default utf8)"},
    };
}

CsvOptions csv_options_from(const Arguments& args)
{
    CsvOptions options;
    try {
        for (const std::string& name : csv_option_names())
            if (const auto value = args.value(name))
                set_csv_option(options, name, *value);
    } catch (const Error& error) {
        throw UsageError(error.what());
    }
    return options;
}

std::vector<OptionSpec> training_options()
{
    return {
        {"epochs", true, "N", "passes over the training windows (default 50)"},
        {"batch-size", true, "N", "windows per step (default 64; the tutorial suggests 16-256)"},
        {"lr", true, "RATE", "Adam learning rate (default 1e-3; the tutorial suggests 1e-4 to 1e-3)"},
        {"weight-decay", true, "L2", "Adam L2 penalty (default 0)"},
        {"loss", true, "mse|mae|huber", "training loss (default mse)"},
        {"clip", true, "NORM", "global gradient-norm clipping, 0 = off (default 1.0)"},
        {"patience", true, "N", "early stopping after N epochs without a better validation loss, 0 = off (default 10)"},
        {"seed", true, "N", "seed of initialisation, shuffling and dropout (default 42)"},
        {"threads", true, "N", "engine threads (default 1)"},
        {"plateau-patience", true, "N", "halve the learning rate after N epochs without improvement, 0 = off (default 0)"},
    };
}

std::vector<OptionSpec> evaluation_options()
{
    return {
        {"cost-bps", true, "B", "trading cost per unit of position change, in basis points (default 0)"},
        {"long-flat", false, "", "long or flat instead of long or short"},
        {"periods-per-year", true, "N",
         "for the annualised Sharpe ratio (default: from the calendar, e.g. 252 for business days, "
         "12 for months; 252 without a calendar)"},
        {"season", true, "N",
         "rows per season for the seasonal-naive baseline (default: from the calendar, e.g. 12 for "
         "months)"},
    };
}

EvaluationOptions evaluation_options_from(const Arguments& args)
{
    EvaluationOptions options;
    options.backtest.cost_bps = args.number("cost-bps", 0, 0, 10000);
    options.backtest.mode = args.flag("long-flat") ? PositionMode::LongFlat : PositionMode::LongShort;
    options.backtest.periods_per_year = args.number("periods-per-year", 0, 1, 1e6);
    options.season = args.integer("season", 0, 1, 100000);
    return options;
}

std::vector<OptionSpec> join(std::vector<std::vector<OptionSpec>> groups)
{
    std::vector<OptionSpec> all;
    for (auto& group : groups)
        all.insert(all.end(), group.begin(), group.end());
    return all;
}

RunOptions run_options_from(const Arguments& args)
{
    OptionValues values;
    for (const RunOptionInfo& info : run_option_infos())
        if (const auto value = args.value(info.name))
            values.emplace_back(info.name, *value);
    try {
        return make_run_options(values);
    } catch (const Error& error) {
        throw UsageError(error.what());
    }
}

ModelSpec model_spec_from(const Arguments& args, int features, int outputs)
{
    OptionValues values{{"target", "x"}};   // summary has no data: any target will do
    for (const OptionSpec& option : model_options())
        if (const auto value = args.value(option.name))
            values.emplace_back(option.name, *value);
    try {
        ModelSpec spec = make_run_options(values).model;
        spec.features = features;
        spec.outputs = outputs;
        spec.validate();
        return spec;
    } catch (const Error& error) {
        throw UsageError(error.what());
    }
}

std::string options_help(const std::vector<OptionSpec>& specs)
{
    std::size_t width = 0;
    for (const OptionSpec& s : specs)
        width = std::max(width, s.name.size() + s.placeholder.size() + 3);
    std::string text;
    for (const OptionSpec& s : specs) {
        std::string left = "--" + s.name + (s.placeholder.empty() ? "" : " " + s.placeholder);
        left.resize(std::max(width, left.size()), ' ');
        text += "  " + left + "  " + s.help + "\n";
    }
    return text;
}

} // namespace lstmlab::cli
