#include "app/cli/options.h"

#include <algorithm>

namespace lstmlab::cli {

namespace {

// The CLI's list `list` of the option table (engine/workflow/run_option_table.h), in its order.
std::vector<OptionSpec> table_options(CliList list)
{
    std::vector<OptionSpec> specs;
    for (const RunOption& option : run_option_table())
        if (option.cli_list == list) {
            // Completion offers the placeholder's items "a|b|c"; the values only when it does not list them.
            const bool listed = option.placeholder.find('|') != std::string::npos;
            specs.push_back({option.name, !option.flag(), option.placeholder, option.help,
                             listed || option.kind != OptionKind::choice ? std::vector<std::string>{} : option.values});
        }
    return specs;
}

} // namespace

std::vector<OptionSpec> model_options() { return table_options(CliList::model); }

std::vector<OptionSpec> data_options() { return join({table_options(CliList::data), import_options()}); }

std::vector<OptionSpec> import_options() { return table_options(CliList::import); }

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

std::vector<OptionSpec> training_options() { return table_options(CliList::training); }

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

OptionValues run_option_values(const Arguments& args)
{
    OptionValues values;
    for (const RunOption& option : run_option_table())
        if (const auto value = args.value(option.name))
            values.emplace_back(option.name, *value);
    return values;
}

RunOptions run_options_from(const Arguments& args)
{
    try {
        return make_run_options(run_option_values(args));
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
