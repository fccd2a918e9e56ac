#include "engine/workflow/run_option_table.h"

#include "engine/core/number_parse.h"
#include "engine/data/csv_load.h"
#include "engine/data/csv_options.h"
#include "engine/nn/loss.h"
#include "engine/workflow/run_options.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <utility>

namespace lstmlab {
namespace {

using Kind = OptionKind;
using Group = OptionGroup;
using List = CliList;

const std::vector<std::string> transforms{"level", "diff", "return", "logreturn", "log"};

void set_csv(RunOptions& run, const RunOption& option, const std::string& text)
{
    set_csv_option(run.pipeline.csv, option.name, text);
}

std::vector<RunOption> make_table()
{
    std::vector<RunOption> t;
    const auto add = [&](RunOption option) { t.push_back(std::move(option)); };

    // Model.
    add({"preset", Group::model, List::model, Kind::choice, "NAME",
         "start from a tutorial architecture: single, stacked, bidirectional, attention, gru", "Presets", 0, 0,
         preset_names()});
    add({"cell", Group::model, List::model, Kind::choice, "lstm|gru", "recurrent cell (default lstm)", "Cell", 0, 0,
         {"lstm", "gru"},
         [](RunOptions& run, const RunOption& o, const std::string& text) { run.model.cell = parse_cell(option_choice(o, text)); }});
    add({"hidden", Group::model, List::model, Kind::whole_list, "64,32",
         "hidden size of each layer, bottom to top (default 32)", "Hidden sizes", 1, 4096});
    add({"dropout", Group::model, List::model, Kind::number, "P",
         "inter-layer dropout in [0, 1), needs two or more layers (default 0)", "Dropout", 0, 0.99, {},
         [](RunOptions& run, const RunOption& o, const std::string& text) { run.model.dropout = option_number(o, text); }});
    add({"bidirectional", Group::model, List::model, Kind::flag, "", "both directions per layer, outputs concatenated",
         "Bidirectional", 0, 0, {},
         [](RunOptions& run, const RunOption& o, const std::string& text) { run.model.bidirectional = option_flag(o, text); }});
    add({"attention", Group::model, List::model, Kind::flag, "",
         "Bahdanau attention over the top layer, queried by the last step", "Attention", 0, 0, {},
         [](RunOptions& run, const RunOption& o, const std::string& text) { run.model.attention = option_flag(o, text); }});
    add({"hidden-size", Group::model, List::none, Kind::whole, "N", "units of every layer (sweeps, with layers)",
         "Hidden size", 1, 4096});
    add({"layers", Group::model, List::none, Kind::whole, "N", "number of layers (sweeps, with hidden-size)", "Layers", 1, 8});

    // Data.
    add({"target", Group::data, List::none, Kind::text, "COL", "the column to forecast", "Target"});
    add({"features", Group::data, List::none, Kind::list, "A,B,...", "input columns (default: the target alone)",
         "Features"});
    add({"seq-len", Group::data, List::data, Kind::whole, "T",
         "window length in rows, 1..1000 (default 20; the tutorial suggests 10-60)", "Sequence length T", 1, 1000, {},
         [](RunOptions& run, const RunOption& o, const std::string& text) { run.pipeline.sequence_length = option_whole(o, text); }});
    add({"horizon", Group::data, List::data, Kind::whole, "H", "steps ahead to predict, 1..100 (default 1)", "Horizon H",
         1, 100, {},
         [](RunOptions& run, const RunOption& o, const std::string& text) { run.pipeline.horizon = option_whole(o, text); }});
    add({"split", Group::data, List::data, Kind::list, "0.7,0.15,0.15",
         "train, validation, test fractions of the windows, in time order", "Train and Validation", 0, 1, {},
         [](RunOptions& run, const RunOption& o, const std::string& text) {
             const auto items = option_list(o, text);
             if (items.size() != 3)
                 throw SettingError({SettingRef{o.name}, ": give three fractions, train,validation,test (e.g. 0.7,0.15,0.15)"});
             run.pipeline.split = {option_number(o, items[0]), option_number(o, items[1]), option_number(o, items[2])};
         }});
    add({"scaler", Group::data, List::data, Kind::choice, "zscore|minmax|none",
         "scaling fitted on training rows only (default zscore)", "Scaler", 0, 0, {"zscore", "minmax", "none"},
         [](RunOptions& run, const RunOption& o, const std::string& text) { run.pipeline.scaler = parse_scaler(option_choice(o, text)); },
         {"z-score (train statistics)", "min-max (train statistics)", "none"}});
    add({"target-transform", Group::data, List::data, Kind::choice, "level|diff|return|logreturn|log",
         "what the model predicts (default level)", "Target transform", 0, 0, transforms});
    add({"missing", Group::data, List::data, Kind::choice, "error|drop|ffill", "what to do with missing cells (default error)",
         "Missing values", 0, 0, {"error", "drop", "ffill"},
         [](RunOptions& run, const RunOption& o, const std::string& text) {
             run.pipeline.missing = parse_missing_policy(option_choice(o, text));
         },
         {"stop with an error", "drop rows", "forward-fill"}});
    add({"feature-transform", Group::data, List::data, Kind::choice, "level|diff|return|logreturn|log",
         "transform of every feature column (default level)", "Feature transform", 0, 0, transforms});
    add({"transforms", Group::data, List::data, Kind::text, "COL=T,...",
         "per-column feature transforms, e.g. Volume=log,Close=logreturn", "Transform"});

    // Import (data): set_csv_option checks each value.
    add({"delimiter", Group::data, List::import, Kind::text, "auto|,|;|tab|'|'",
         "field delimiter (default auto: the one every first line uses)", "Delimiter", 0, 0, {}, set_csv});
    add({"decimal", Group::data, List::import, Kind::text, "auto|.|,",
         "decimal separator (default auto: ',' only for a ;-file written that way)", "Decimal", 0, 0, {}, set_csv});
    add({"thousands", Group::data, List::import, Kind::text, "auto|none|,|.|space|'",
         "thousands separator (default auto: 3-digit groups)", "Thousands", 0, 0, {}, set_csv});
    add({"time-column", Group::data, List::import, Kind::text, "NAME|none|auto",
         "the time axis (default auto: the first column of dates)", "Time column", 0, 0, {}, set_csv});
    add({"time-format", Group::data, List::import, Kind::text, "FORMAT",
         "auto, ISO, DMY, MDY, YMD, unix-s, unix-ms, index or a pattern like %d.%m.%Y (default auto)", "Time format", 0, 0,
         {}, set_csv});
    add({"duplicates", Group::data, List::import, Kind::text, "error|first|last|mean",
         "rows with a repeated time (default error)", "Repeated times", 0, 0, {}, set_csv});
    add({"encoding", Group::data, List::import, Kind::text, "utf8|latin1",
         "text encoding (latin1 = Windows-1252 / ISO-8859-1; default utf8)", "Encoding", 0, 0, {}, set_csv});

    // Training.
    add({"epochs", Group::training, List::training, Kind::whole, "N", "passes over the training windows (default 50)",
         "Epochs", 1, 100000, {},
         [](RunOptions& run, const RunOption& o, const std::string& text) { run.train.epochs = option_whole(o, text); }});
    add({"batch-size", Group::training, List::training, Kind::whole, "N",
         "windows per step (default 64; the tutorial suggests 16-256)", "Batch size", 1, 65536, {},
         [](RunOptions& run, const RunOption& o, const std::string& text) { run.train.batch_size = option_whole(o, text); }});
    add({"lr", Group::training, List::training, Kind::number, "RATE",
         "Adam learning rate (default 1e-3; the tutorial suggests 1e-4 to 1e-3)", "Learning rate", 1e-12, 10, {},
         [](RunOptions& run, const RunOption& o, const std::string& text) { run.train.adam.learning_rate = option_number(o, text); }});
    add({"weight-decay", Group::training, List::training, Kind::number, "L2", "Adam L2 penalty (default 0)", "Weight decay",
         0, 1, {},
         [](RunOptions& run, const RunOption& o, const std::string& text) { run.train.adam.weight_decay = option_number(o, text); }});
    add({"loss", Group::training, List::training, Kind::choice, "mse|mae|huber", "training loss (default mse)", "Loss", 0, 0,
         {"mse", "mae", "huber"},
         [](RunOptions& run, const RunOption& o, const std::string& text) { run.train.loss = parse_loss(option_choice(o, text)); }});
    add({"clip", Group::training, List::training, Kind::number, "NORM", "global gradient-norm clipping, 0 = off (default 1.0)",
         "Gradient clipping (norm)", 0, 1e6, {},
         [](RunOptions& run, const RunOption& o, const std::string& text) { run.train.clip = option_number(o, text); }});
    add({"patience", Group::training, List::training, Kind::whole, "N",
         "early stopping after N epochs without a better validation loss, 0 = off (default 10)", "Early-stopping patience",
         0, 100000, {},
         [](RunOptions& run, const RunOption& o, const std::string& text) { run.train.patience = option_whole(o, text); }});
    add({"seed", Group::training, List::training, Kind::seed, "N", "seed of initialisation, shuffling and dropout (default 42)",
         "Seed", 0, 0, {},
         [](RunOptions& run, const RunOption& o, const std::string& text) {
             std::uint64_t value = 0;
             const auto [next, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
             if (ec != std::errc() || next != text.data() + text.size() || text.empty())
                 throw SettingError({SettingRef{o.name}, ": \"" + text + "\" is not a whole number from 0 to 2^64-1"});
             run.train.seed = value;
         }});
    add({"threads", Group::training, List::training, Kind::whole, "N", "engine threads (default 1)", "Threads", 1, 256, {},
         [](RunOptions& run, const RunOption& o, const std::string& text) { run.train.threads = option_whole(o, text); }});
    add({"plateau-patience", Group::training, List::training, Kind::whole, "N",
         "halve the learning rate after N epochs without improvement, 0 = off (default 0)", "Plateau patience", 0, 100000,
         {},
         [](RunOptions& run, const RunOption& o, const std::string& text) { run.train.plateau.patience = option_whole(o, text); }});
    return t;
}

} // namespace

const std::vector<RunOption>& run_option_table()
{
    static const std::vector<RunOption> table = make_table();
    return table;
}

const RunOption* find_run_option(const std::string& name)
{
    const auto& table = run_option_table();
    const auto it = std::find_if(table.begin(), table.end(), [&](const RunOption& o) { return o.name == name; });
    return it == table.end() ? nullptr : &*it;
}

bool is_run_option(const std::string& name) { return find_run_option(name) != nullptr; }

std::string run_option_label(const std::string& name)
{
    if (const RunOption* option = find_run_option(name))
        return option->label;
    // Settings of the evaluation commands (walk-forward, backtest, intervals) that engine sentences name
    // but that are not run options; the labels of the workbench fields that set them, where it has them.
    static const std::pair<const char*, const char*> others[] = {
        {"folds", "Folds"},
        {"window", "Window"},
        {"jobs", "Parallel folds"},
        {"cost-bps", "Trading cost (basis points)"},
        {"periods-per-year", "Periods per year"},
        {"interval", "Interval level"},
        {"season", "Season length"},
    };
    for (const auto& [key, label] : others)
        if (name == key)
            return label;
    return name;
}

double option_number(const RunOption& option, const std::string& text)
{
    return checked_number(option.name, text, option.min, option.max);
}

int option_whole(const RunOption& option, const std::string& text)
{
    return checked_integer(option.name, text, int(option.min), int(option.max));
}

bool option_flag(const RunOption& option, const std::string& text)
{
    if (text.empty() || text == "true")
        return true;
    if (text == "false")
        return false;
    throw SettingError({SettingRef{option.name}, ": \"" + text + "\" is not true or false"});
}

const std::string& option_choice(const RunOption& option, const std::string& text)
{
    const auto& allowed = option.values;
    const auto it = std::find(allowed.begin(), allowed.end(), text);
    if (it != allowed.end())
        return *it;
    std::string list;
    for (std::size_t k = 0; k < allowed.size(); ++k)
        list += (k == 0 ? "" : k + 1 == allowed.size() ? " or " : ", ") + allowed[k];
    throw SettingError({SettingRef{option.name}, ": \"" + text + "\" is not one of " + list});
}

std::vector<std::string> option_list(const RunOption& option, const std::string& text)
{
    std::vector<std::string> items;
    std::size_t begin = 0;
    while (true) {
        const std::size_t comma = text.find(',', begin);
        items.push_back(text.substr(begin, comma == std::string::npos ? std::string::npos : comma - begin));
        if (comma == std::string::npos)
            break;
        begin = comma + 1;
    }
    for (const std::string& item : items)
        if (item.empty())
            throw SettingError({SettingRef{option.name}, ": \"" + text + "\" has an empty item"});
    return items;
}

} // namespace lstmlab
