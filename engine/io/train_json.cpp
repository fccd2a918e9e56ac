#include "engine/io/train_json.h"

#include "engine/core/error.h"
#include "engine/core/stored_setting.h"

#include <cmath>
#include <limits>

namespace lstmlab {
namespace {

// Doubles that may be NaN or infinite: null in JSON, `missing` when read back.
double read_number_or(const Json& value, std::string_view where, double missing)
{
    return value.is_null() ? missing : get_double(value, where);
}

const Json& member(const Json& object, std::string_view key, std::string_view where)
{
    return get_member(object, key, where);
}

std::string path(std::string_view where, std::string_view key) { return json_member_path(where, key); }

double number_at(const Json& object, std::string_view key, std::string_view where)
{
    return get_double(member(object, key, where), path(where, key));
}

int int_at(const Json& object, std::string_view key, std::string_view where)
{
    return get_int(member(object, key, where), path(where, key));
}

RngState parse_rng(const Json& value, std::string_view where)
{
    Rng rng;
    try {
        rng.set_state_string(get_string(value, where));
    } catch (const Error& error) {
        throw Error(stored_setting_message(std::string(where), error.what()));
    }
    return rng.state();
}

std::string rng_text(const RngState& state)
{
    Rng rng;
    rng.set_state(state);
    return rng.state_string();
}

} // namespace

Json train_config_to_json(const TrainConfig& config)
{
    Json plateau = Json::object();
    plateau.set("patience", config.plateau.patience);
    plateau.set("factor", config.plateau.factor);
    plateau.set("min_lr", config.plateau.min_lr);
    plateau.set("threshold", config.plateau.threshold);
    Json out = Json::object();
    out.set("epochs", config.epochs);
    out.set("batch_size", config.batch_size);
    out.set("learning_rate", config.adam.learning_rate);
    out.set("weight_decay", config.adam.weight_decay);
    out.set("beta1", config.adam.beta1);
    out.set("beta2", config.adam.beta2);
    out.set("eps", config.adam.eps);
    out.set("loss", std::string(loss_name(config.loss)));
    out.set("clip", config.clip);
    out.set("patience", config.patience);
    out.set("plateau", plateau);
    out.set("seed", std::to_string(config.seed));   // a string: seeds use all 64 bits
    out.set("threads", config.threads);
    return out;
}

TrainConfig train_config_from_json(const Json& value, std::string_view where)
{
    reject_unknown_keys(value, {"epochs", "batch_size", "learning_rate", "weight_decay", "beta1", "beta2", "eps",
                                "loss", "clip", "patience", "plateau", "seed", "threads"},
                        where);
    TrainConfig config;
    config.epochs = int_at(value, "epochs", where);
    config.batch_size = int_at(value, "batch_size", where);
    config.adam.learning_rate = number_at(value, "learning_rate", where);
    config.adam.weight_decay = number_at(value, "weight_decay", where);
    config.adam.beta1 = number_at(value, "beta1", where);
    config.adam.beta2 = number_at(value, "beta2", where);
    config.adam.eps = number_at(value, "eps", where);
    try {
        config.loss = parse_loss(get_string(member(value, "loss", where), path(where, "loss")));
    } catch (const Error& error) {
        throw Error(path(where, "loss") + ": " + error.what());
    }
    config.clip = number_at(value, "clip", where);
    config.patience = int_at(value, "patience", where);
    const std::string plateau_where = path(where, "plateau");
    const Json& plateau = member(value, "plateau", where);
    reject_unknown_keys(plateau, {"patience", "factor", "min_lr", "threshold"}, plateau_where);
    config.plateau.patience = int_at(plateau, "patience", plateau_where);
    config.plateau.factor = number_at(plateau, "factor", plateau_where);
    config.plateau.min_lr = number_at(plateau, "min_lr", plateau_where);
    config.plateau.threshold = number_at(plateau, "threshold", plateau_where);
    const std::string& seed = get_string(member(value, "seed", where), path(where, "seed"));
    try {
        std::size_t used = 0;
        config.seed = std::stoull(seed, &used);
        if (used != seed.size())
            throw Error("");
    } catch (...) {
        throw Error(path(where, "seed") + ": \"" + seed + "\" is not a 64-bit unsigned integer");
    }
    config.threads = int_at(value, "threads", where);
    try {
        config.validate();
    } catch (const Error& error) {
        throw Error(stored_setting_message(std::string(where), error.what()));
    }
    return config;
}

Json train_state_to_json(const TrainState& state)
{
    Json epochs = Json::array(), train = Json::array(), validation = Json::array(), rates = Json::array(),
         norms = Json::array(), seconds = Json::array();
    for (const EpochRecord& r : state.history) {
        epochs.push_back(r.epoch);
        train.push_back(number_or_null(r.train_loss));
        validation.push_back(number_or_null(r.validation_loss));
        rates.push_back(r.learning_rate);
        norms.push_back(number_or_null(r.gradient_norm));
        seconds.push_back(r.seconds);
    }
    Json history = Json::object();
    history.set("epoch", epochs);
    history.set("train_loss", train);
    history.set("validation_loss", validation);
    history.set("learning_rate", rates);
    history.set("gradient_norm", norms);
    history.set("seconds", seconds);

    Json out = Json::object();
    out.set("status", std::string(status_name(state.status)));
    out.set("completed_epochs", state.completed_epochs);
    out.set("target_epochs", state.target_epochs);
    out.set("next_batch", state.next_batch);
    out.set("step", state.step);
    out.set("shuffle_state", rng_text(state.shuffle_state));
    out.set("dropout_state", rng_text(state.dropout_state));
    out.set("learning_rate", state.learning_rate);
    out.set("best_validation", number_or_null(state.best_validation));
    out.set("best_epoch", state.best_epoch);
    out.set("epochs_without_improvement", state.epochs_without_improvement);
    out.set("plateau_wait", state.plateau_wait);
    out.set("plateau_best", number_or_null(state.plateau_best));
    out.set("epoch_loss_sum", state.epoch_loss_sum);
    out.set("epoch_samples", state.epoch_samples);
    out.set("epoch_norm_sum", state.epoch_norm_sum);
    out.set("epoch_seconds", state.epoch_seconds);
    out.set("stop_reason", state.stop_reason);
    out.set("history", history);
    return out;
}

TrainState train_state_from_json(const Json& value, std::string_view where)
{
    reject_unknown_keys(value, {"status", "completed_epochs", "target_epochs", "next_batch", "step", "shuffle_state",
                                "dropout_state", "learning_rate", "best_validation", "best_epoch",
                                "epochs_without_improvement", "plateau_wait", "plateau_best", "epoch_loss_sum",
                                "epoch_samples", "epoch_norm_sum", "epoch_seconds", "stop_reason", "history"},
                        where);
    constexpr double infinity = std::numeric_limits<double>::infinity();
    TrainState state;
    try {
        state.status = parse_status(get_string(member(value, "status", where), path(where, "status")));
    } catch (const Error& error) {
        throw Error(path(where, "status") + ": " + error.what());
    }
    state.completed_epochs = int_at(value, "completed_epochs", where);
    state.target_epochs = int_at(value, "target_epochs", where);
    state.next_batch = int_at(value, "next_batch", where);
    state.step = get_int64(member(value, "step", where), path(where, "step"));
    state.shuffle_state = parse_rng(member(value, "shuffle_state", where), path(where, "shuffle_state"));
    state.dropout_state = parse_rng(member(value, "dropout_state", where), path(where, "dropout_state"));
    state.learning_rate = number_at(value, "learning_rate", where);
    state.best_validation = read_number_or(member(value, "best_validation", where), path(where, "best_validation"), infinity);
    state.best_epoch = int_at(value, "best_epoch", where);
    state.epochs_without_improvement = int_at(value, "epochs_without_improvement", where);
    state.plateau_wait = int_at(value, "plateau_wait", where);
    state.plateau_best = read_number_or(member(value, "plateau_best", where), path(where, "plateau_best"), infinity);
    state.epoch_loss_sum = number_at(value, "epoch_loss_sum", where);
    state.epoch_samples = number_at(value, "epoch_samples", where);
    state.epoch_norm_sum = number_at(value, "epoch_norm_sum", where);
    state.epoch_seconds = number_at(value, "epoch_seconds", where);
    state.stop_reason = get_string(member(value, "stop_reason", where), path(where, "stop_reason"));
    if (state.completed_epochs < 0 || state.target_epochs < 0 || state.next_batch < 0 || state.step < 0)
        throw Error(std::string(where) + ": epoch, batch and step counts must not be negative");

    const std::string history_where = path(where, "history");
    const Json& history = member(value, "history", where);
    reject_unknown_keys(history, {"epoch", "train_loss", "validation_loss", "learning_rate", "gradient_norm", "seconds"},
                        history_where);
    const auto column = [&](std::string_view key) -> const Json::Array& {
        return get_array(member(history, key, history_where), path(history_where, key));
    };
    const std::size_t n = column("epoch").size();
    for (std::string_view key : {"train_loss", "validation_loss", "learning_rate", "gradient_norm", "seconds"})
        if (column(key).size() != n)
            throw Error(path(history_where, key) + ": has " + std::to_string(column(key).size()) +
                        " entries, history.epoch has " + std::to_string(n));
    if (n != std::size_t(state.completed_epochs))
        throw Error(history_where + ": has " + std::to_string(n) + " epochs, completed_epochs says " +
                    std::to_string(state.completed_epochs));
    for (std::size_t k = 0; k < n; ++k) {
        const auto at = [&](std::string_view key) { return json_index_path(path(history_where, key), k); };
        EpochRecord r;
        r.epoch = get_int(column("epoch")[k], at("epoch"));
        r.train_loss = read_number_or(column("train_loss")[k], at("train_loss"), not_measured);
        r.validation_loss = read_number_or(column("validation_loss")[k], at("validation_loss"), not_measured);
        r.learning_rate = get_double(column("learning_rate")[k], at("learning_rate"));
        r.gradient_norm = read_number_or(column("gradient_norm")[k], at("gradient_norm"), not_measured);
        r.seconds = get_double(column("seconds")[k], at("seconds"));
        state.history.push_back(r);
    }
    return state;
}

} // namespace lstmlab
