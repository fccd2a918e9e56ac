#include "engine/train/train_config.h"

#include "engine/core/setting_error.h"

#include <cmath>
#include <sstream>

namespace lstmlab {
namespace {

std::string text(double value)
{
    std::ostringstream out;
    out << value;
    return out.str();
}

void check_range(const char* key, double value, double low, double high)
{
    if (!(value >= low && value <= high))
        throw SettingError({SettingRef{key}, ": " + text(value) + " is outside [" + text(low) + ", " + text(high) + "]"});
}

} // namespace

void TrainConfig::validate() const
{
    check_range("epochs", epochs, 1, 100000);
    check_range("batch-size", batch_size, 1, 65536);
    if (!(adam.learning_rate > 0 && adam.learning_rate <= 10))
        throw SettingError({SettingRef{"lr"}, ": " + text(adam.learning_rate) + " must be in (0, 10]"});
    check_range("weight-decay", adam.weight_decay, 0, 1);
    check_range("clip", clip, 0, 1e6);
    check_range("patience", patience, 0, 100000);
    check_range("plateau-patience", plateau.patience, 0, 100000);
    if (!(plateau.factor > 0 && plateau.factor < 1))
        throw SettingError({SettingRef{"plateau-factor"}, ": " + text(plateau.factor) + " must be in (0, 1)"});
    check_range("threads", threads, 1, 256);
}

std::string_view status_name(TrainStatus status)
{
    switch (status) {
    case TrainStatus::running: return "running";
    case TrainStatus::stopped: return "stopped";
    case TrainStatus::finished: return "finished";
    case TrainStatus::early_stopped: return "early_stopped";
    case TrainStatus::diverged: return "diverged";
    }
    return "running";
}

TrainStatus parse_status(std::string_view name)
{
    for (TrainStatus status : {TrainStatus::running, TrainStatus::stopped, TrainStatus::finished,
                               TrainStatus::early_stopped, TrainStatus::diverged})
        if (status_name(status) == name)
            return status;
    throw Error("training status \"" + std::string(name) + "\" is not one LSTM Lab writes");
}

} // namespace lstmlab
