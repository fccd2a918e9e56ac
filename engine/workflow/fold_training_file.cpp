#include "engine/workflow/fold_training_file.h"

#include "engine/core/error.h"
#include "engine/core/json.h"
#include "engine/io/atomic_file.h"

#include <fstream>
#include <sstream>

namespace lstmlab {

void write_fold_training(const std::string& path, int fold, const FoldTraining& training)
{
    Json out = Json::object();
    out.set("fold", fold);
    out.set("trained", training.trained);
    out.set("status", std::string(status_name(training.status)));
    out.set("epochs", training.epochs);
    Json weights = Json::array();
    for (float w : training.weights)
        weights.push_back(double(w));
    out.set("weights", weights);
    write_file_atomic(path, to_json(out) + "\n");
}

std::optional<FoldTraining> read_fold_training(const std::string& path, int fold)
{
    std::ifstream file(path, std::ios::binary);
    if (!file)
        return std::nullopt;
    std::ostringstream text;
    text << file.rdbuf();
    const Json in = parse_json(text.str(), path);
    if (get_int(get_member(in, "fold", path), path + ": fold") != fold)
        throw Error(path + ": holds another fold than " + std::to_string(fold));
    FoldTraining training;
    training.trained = get_bool(get_member(in, "trained", path), path + ": trained");
    const std::string status = get_string(get_member(in, "status", path), path + ": status");
    bool known = false;
    for (TrainStatus s : {TrainStatus::running, TrainStatus::stopped, TrainStatus::finished, TrainStatus::early_stopped,
                          TrainStatus::diverged})
        if (status_name(s) == status) {
            training.status = s;
            known = true;
        }
    if (!known)
        throw Error(path + ": status \"" + status + "\" is not a training status");
    training.epochs = get_int(get_member(in, "epochs", path), path + ": epochs");
    for (const Json& w : get_array(get_member(in, "weights", path), path + ": weights"))
        training.weights.push_back(float(get_double(w, path + ": weights")));
    return training;
}

} // namespace lstmlab
