#include "ui/session/experiment.h"

#include "engine/core/error.h"
#include "engine/core/json.h"
#include "engine/io/atomic_file.h"
#include "engine/io/model_spec_json.h"
#include "engine/io/train_json.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace lstmlab::ui {
namespace {

constexpr const char* experimentFormat = "lstmlab-experiment";
constexpr int experimentVersion = 1;

Json channelJson(const ChannelConfig& channel)
{
    Json json = Json::object();
    json.set("column", channel.column);
    json.set("transform", transform_name(channel.transform));
    return json;
}

ChannelConfig readChannel(const Json& json, const std::string& where)
{
    reject_unknown_keys(json, {"column", "transform"}, where);
    ChannelConfig channel;
    channel.column = get_string(get_member(json, "column", where), json_member_path(where, "column"));
    const std::string path = json_member_path(where, "transform");
    channel.transform = parse_transform(get_string(get_member(json, "transform", where), path), path);
    return channel;
}

Json pipelineJson(const PipelineConfig& config)
{
    Json features = Json::array();
    for (const ChannelConfig& channel : config.features)
        features.push_back(channelJson(channel));
    Json split = Json::object();
    split.set("train", config.split.train);
    split.set("validation", config.split.validation);
    split.set("test", config.split.test);
    Json json = Json::object();
    json.set("features", std::move(features));
    json.set("target", channelJson(config.target));
    json.set("sequence_length", config.sequence_length);
    json.set("horizon", config.horizon);
    json.set("split", std::move(split));
    json.set("scaler", scaler_name(config.scaler));
    json.set("missing", missing_policy_name(config.missing));
    return json;
}

PipelineConfig readPipeline(const Json& json, const std::string& where)
{
    reject_unknown_keys(json, {"features", "target", "sequence_length", "horizon", "split", "scaler", "missing"}, where);
    PipelineConfig config;
    const std::string featuresPath = json_member_path(where, "features");
    const Json::Array& features = get_array(get_member(json, "features", where), featuresPath);
    for (std::size_t k = 0; k < features.size(); ++k)
        config.features.push_back(readChannel(features[k], json_index_path(featuresPath, k)));
    config.target = readChannel(get_member(json, "target", where), json_member_path(where, "target"));
    config.sequence_length = get_int(get_member(json, "sequence_length", where), json_member_path(where, "sequence_length"));
    config.horizon = get_int(get_member(json, "horizon", where), json_member_path(where, "horizon"));
    const std::string splitPath = json_member_path(where, "split");
    const Json& split = get_member(json, "split", where);
    reject_unknown_keys(split, {"train", "validation", "test"}, splitPath);
    config.split.train = get_double(get_member(split, "train", splitPath), json_member_path(splitPath, "train"));
    config.split.validation = get_double(get_member(split, "validation", splitPath), json_member_path(splitPath, "validation"));
    config.split.test = get_double(get_member(split, "test", splitPath), json_member_path(splitPath, "test"));
    const std::string scalerPath = json_member_path(where, "scaler");
    config.scaler = parse_scaler(get_string(get_member(json, "scaler", where), scalerPath), scalerPath);
    const std::string missingPath = json_member_path(where, "missing");
    config.missing = parse_missing_policy(get_string(get_member(json, "missing", where), missingPath), missingPath);
    validate_pipeline_config(config);
    return config;
}

} // namespace

std::string experimentToJson(const Experiment& experiment, const QString& experimentPath)
{
    Json data = Json::object();
    data.set("path", experiment.dataPath.toStdString());
    data.set("sha256", experiment.dataSha256);
    Json root = Json::object();
    root.set("format", experimentFormat);
    root.set("version", experimentVersion);
    root.set("data", std::move(data));
    root.set("pipeline", pipelineJson(experiment.pipeline));
    root.set("model", model_spec_to_json(experiment.spec));
    root.set("train", train_config_to_json(experiment.train));
    if (experiment.checkpointPath.isEmpty()) {
        root.set("checkpoint", nullptr);
    } else {
        const QDir folder = QFileInfo(experimentPath).absoluteDir();
        const QString relative = folder.relativeFilePath(experiment.checkpointPath);
        root.set("checkpoint", (relative.startsWith(QLatin1String("..")) ? experiment.checkpointPath : relative).toStdString());
    }
    return to_json(root, true) + "\n";
}

Experiment experimentFromJson(std::string_view text, const QString& experimentPath)
{
    const std::string source = QFileInfo(experimentPath).fileName().toStdString();
    const Json root = parse_json(text, source);
    reject_unknown_keys(root, {"format", "version", "data", "pipeline", "model", "train", "checkpoint"}, source);
    const std::string format = get_string(get_member(root, "format", source), source + ".format");
    if (format != experimentFormat)
        throw Error(source + ".format: \"" + format + "\" is not an LSTM Lab experiment (expected \"" +
                    experimentFormat + "\")");
    const int version = get_int(get_member(root, "version", source), source + ".version");
    if (version != experimentVersion)
        throw Error(source + ".version: version " + std::to_string(version) + " is not supported (this build reads " +
                    std::to_string(experimentVersion) + ")");
    Experiment experiment;
    const std::string dataPath = source + ".data";
    const Json& data = get_member(root, "data", source);
    reject_unknown_keys(data, {"path", "sha256"}, dataPath);
    experiment.dataPath = QString::fromStdString(get_string(get_member(data, "path", dataPath), dataPath + ".path"));
    experiment.dataSha256 = get_string(get_member(data, "sha256", dataPath), dataPath + ".sha256");
    experiment.pipeline = readPipeline(get_member(root, "pipeline", source), source + ".pipeline");
    experiment.spec = model_spec_from_json(get_member(root, "model", source), source + ".model");
    experiment.train = train_config_from_json(get_member(root, "train", source), source + ".train");
    const Json& checkpoint = get_member(root, "checkpoint", source);
    if (!checkpoint.is_null()) {
        const QString path = QString::fromStdString(get_string(checkpoint, source + ".checkpoint"));
        experiment.checkpointPath = QFileInfo(path).isAbsolute() ? path : QFileInfo(experimentPath).absoluteDir().filePath(path);
    }
    return experiment;
}

void saveExperiment(const QString& path, const Experiment& experiment)
{
    write_file_atomic(path.toStdString(), experimentToJson(experiment, path));
}

Experiment loadExperiment(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw Error(path.toStdString() + ": cannot open the experiment file (" + file.errorString().toStdString() + ")");
    const QByteArray bytes = file.readAll();
    return experimentFromJson(std::string_view(bytes.constData(), std::size_t(bytes.size())), path);
}

} // namespace lstmlab::ui
