#include "app/cli/options.h"

#include <algorithm>
#include <map>
#include <stdexcept>

namespace lstmlab::cli {

std::vector<OptionSpec> model_options()
{
    return {
        {"preset", true, "NAME", "start from a tutorial architecture: single, stacked, bidirectional, attention, gru"},
        {"cell", true, "lstm|gru", "recurrent cell (default lstm)"},
        {"hidden", true, "64,32", "hidden size of each layer, bottom to top (default 32)"},
        {"dropout", true, "P", "inter-layer dropout in [0, 1), needs two or more layers (default 0)"},
        {"bidirectional", false, "", "both directions per layer, outputs concatenated"},
        {"attention", false, "", "Bahdanau attention over the top layer, queried by the last step"},
    };
}

std::vector<OptionSpec> data_options()
{
    return {
        {"seq-len", true, "T", "window length in rows, 1..1000 (default 20; the tutorial suggests 10-60)"},
        {"horizon", true, "H", "steps ahead to predict, 1..100 (default 1)"},
        {"split", true, "0.7,0.15,0.15", "train, validation, test fractions of the windows, in time order"},
        {"scaler", true, "zscore|minmax|none", "scaling fitted on training rows only (default zscore)"},
        {"target-transform", true, "level|diff|return|logreturn", "what the model predicts (default level)"},
        {"missing", true, "error|drop|ffill", "what to do with missing cells (default error)"},
        {"feature-transform", true, "level|diff|return|logreturn|log", "transform of every feature column (default level)"},
        {"transforms", true, "COL=T,...", "per-column feature transforms, e.g. Volume=log,Close=logreturn"},
    };
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

std::vector<OptionSpec> join(std::vector<std::vector<OptionSpec>> groups)
{
    std::vector<OptionSpec> all;
    for (auto& group : groups)
        all.insert(all.end(), group.begin(), group.end());
    return all;
}

ModelSpec model_spec_from(const Arguments& args, int features, int outputs)
{
    ModelSpec spec;
    if (const auto name = args.value("preset")) {
        try {
            spec = preset(*name, features, outputs);
        } catch (const Error& error) {
            throw UsageError(error.what());
        }
    }
    spec.features = features;
    spec.outputs = outputs;
    if (const auto cell = args.value("cell")) {
        spec.cell = args.choice("cell", "lstm", {"lstm", "gru"}) == "gru" ? CellType::gru : CellType::lstm;
    }
    spec.hidden = args.integer_list("hidden", spec.hidden, 1, 4096);
    if (args.has("hidden") && !args.has("dropout") && spec.hidden.size() == 1)
        spec.dropout = 0.0;   // a preset's dropout does not survive a switch to one layer
    spec.dropout = args.number("dropout", spec.dropout, 0.0, 0.99);
    if (args.flag("bidirectional"))
        spec.bidirectional = true;
    if (args.flag("attention"))
        spec.attention = true;
    try {
        spec.validate();
    } catch (const Error& error) {
        throw UsageError(error.what());
    }
    return spec;
}

PipelineConfig pipeline_config_from(const Arguments& args)
{
    PipelineConfig config;
    try {
        const std::string target = args.required("target");
        const Transform feature_transform = parse_transform(args.choice("feature-transform", "level",
            {"level", "diff", "return", "logreturn", "log"}), "--feature-transform");
        std::vector<std::string> features = args.string_list("features");
        if (features.empty())
            features = {target};
        std::map<std::string, Transform> overrides;
        for (const std::string& item : args.string_list("transforms")) {
            const auto equals = item.find('=');
            if (equals == std::string::npos || equals == 0)
                throw UsageError("--transforms: \"" + item + "\" is not COLUMN=TRANSFORM");
            const std::string column = item.substr(0, equals);
            if (std::find(features.begin(), features.end(), column) == features.end())
                throw UsageError("--transforms: \"" + column + "\" is not one of the --features");
            overrides[column] = parse_transform(item.substr(equals + 1), "--transforms");
        }
        for (const std::string& name : features) {
            if (std::count(features.begin(), features.end(), name) > 1)
                throw UsageError("--features: \"" + name + "\" is listed twice");
            config.features.push_back({name, overrides.count(name) ? overrides[name] : feature_transform});
        }
        config.target = {target, parse_transform(args.choice("target-transform", "level",
            {"level", "diff", "return", "logreturn", "log"}), "--target-transform")};
        config.sequence_length = args.integer("seq-len", 20, 1, 1000);
        config.horizon = args.integer("horizon", 1, 1, 100);
        const std::vector<double> split = args.number_list("split", {0.7, 0.15, 0.15});
        if (split.size() != 3)
            throw UsageError("--split: give three fractions, train,validation,test (e.g. 0.7,0.15,0.15)");
        config.split = {split[0], split[1], split[2]};
        config.scaler = parse_scaler(args.choice("scaler", "zscore", {"zscore", "minmax", "none"}));
        config.missing = parse_missing_policy(args.choice("missing", "error", {"error", "drop", "ffill"}));
        validate_pipeline_config(config);
    } catch (const UsageError&) {
        throw;
    } catch (const Error& error) {
        throw UsageError(error.what());
    }
    return config;
}

TrainConfig train_config_from(const Arguments& args)
{
    TrainConfig config;
    config.epochs = args.integer("epochs", 50, 1, 100000);
    config.batch_size = args.integer("batch-size", 64, 1, 65536);
    config.adam.learning_rate = args.number("lr", 1e-3, 1e-12, 10);
    config.adam.weight_decay = args.number("weight-decay", 0, 0, 1);
    config.loss = parse_loss(args.choice("loss", "mse", {"mse", "mae", "huber"}));
    config.clip = args.number("clip", 1.0, 0, 1e6);
    config.patience = args.integer("patience", 10, 0, 100000);
    config.plateau.patience = args.integer("plateau-patience", 0, 0, 100000);
    const auto seed = args.value("seed");
    if (seed) {
        try {
            std::size_t used = 0;
            config.seed = std::stoull(*seed, &used);
            if (used != seed->size() || seed->front() == '-')
                throw std::invalid_argument("");
        } catch (...) {
            throw UsageError("--seed: \"" + *seed + "\" is not a whole number from 0 to 2^64-1");
        }
    }
    config.threads = args.integer("threads", 1, 1, 256);
    return config;
}

std::vector<std::string> given_options(const Arguments& args, const std::vector<OptionSpec>& group)
{
    std::vector<std::string> given;
    for (const OptionSpec& spec : group)
        if (args.has(spec.name))
            given.push_back("--" + spec.name);
    return given;
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
