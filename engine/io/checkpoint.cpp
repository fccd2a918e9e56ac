#include "engine/io/checkpoint.h"

#include "engine/core/error.h"
#include "engine/core/json.h"
#include "engine/data/pipeline_json.h"
#include "engine/io/calibration_json.h"
#include "engine/io/model_spec_json.h"
#include "engine/io/safetensors.h"
#include "engine/io/train_json.h"
#include "engine/nn/summary.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>

namespace lstmlab {
namespace {

constexpr const char* optimizer_avg = "optimizer.exp_avg.";
constexpr const char* optimizer_avg_sq = "optimizer.exp_avg_sq.";
constexpr const char* best_prefix = "best.";

void add_tensors(std::vector<TensorToWrite>& out, const std::vector<TensorInfo>& tensors, const AlignedVector<float>& values,
                 const std::string& prefix)
{
    for (const TensorInfo& tensor : tensors)
        out.push_back({prefix + tensor.name, Dtype::f32, tensor.shape(), values.data() + tensor.offset,
                       tensor.size() * sizeof(float)});
}

std::string number_text(double value)
{
    char text[32];
    std::snprintf(text, sizeof text, "%.9g", value);
    return text;
}

// "[3, 1]" for flat index 7 of shape [4, 2] (row-major).
std::string element_index(std::size_t flat, const std::vector<std::size_t>& shape)
{
    std::vector<std::size_t> index(shape.size());
    for (std::size_t d = shape.size(); d-- > 0;) {
        index[d] = shape[d] == 0 ? 0 : flat % shape[d];
        flat = shape[d] == 0 ? flat : flat / shape[d];
    }
    return shape_text(index);
}

// R1: one flipped exponent bit makes a weight NaN or infinite; such a model predicts nothing (or NaN
// metrics that look perfect) and a resume "diverges". `non_negative`: Adam's second moment, whose
// square root the update takes.
void check_values(const std::string& path, const std::string& name, const float* values, const TensorInfo& tensor,
                  bool non_negative)
{
    for (std::size_t k = 0; k < tensor.size(); ++k) {
        const float v = values[k];
        if (std::isfinite(v) && !(non_negative && v < 0))
            continue;
        const std::string what = std::isnan(v)   ? "NaN"
                                 : std::isinf(v) ? (v > 0 ? "+Inf" : "-Inf")
                                                 : "a negative value (" + number_text(v) + ")";
        throw Error(path + ": tensor \"" + name + "\" holds " + what + " at index " + element_index(k, tensor.shape()) +
                    " (element " + std::to_string(k) + " of " + std::to_string(tensor.size()) + ")" +
                    (non_negative && std::isfinite(v) ? ", but Adam's second moment is never negative" : "") +
                    "; the checkpoint is damaged, so it is refused");
    }
}

// A tensor's values as F32: F32 copied; F64 rounded to nearest (a finite value beyond F32's range is
// refused, not turned into Inf); BF16 widened exactly (it is the top half of an F32).
void convert_to_f32(const SafetensorsFile& file, const SafetensorsTensor& stored, const TensorInfo& tensor, float* out)
{
    const auto bytes = file.bytes(stored);
    if (stored.dtype == Dtype::f32) {
        std::memcpy(out, bytes.data(), bytes.size());
        return;
    }
    for (std::size_t k = 0; k < tensor.size(); ++k) {
        if (stored.dtype == Dtype::bf16) {
            std::uint16_t half = 0;
            std::memcpy(&half, bytes.data() + 2 * k, 2);
            const std::uint32_t bits = std::uint32_t(half) << 16;
            std::memcpy(out + k, &bits, 4);
            continue;
        }
        double value = 0;
        std::memcpy(&value, bytes.data() + 8 * k, 8);
        if (std::isfinite(value) && std::fabs(value) > double(std::numeric_limits<float>::max()))
            throw Error(file.source_name() + ": tensor \"" + stored.name + "\" holds " + number_text(value) +
                        " at index " + element_index(k, tensor.shape()) +
                        ", beyond the range of F32 (about 3.4e38); the checkpoint cannot be used");
        out[k] = float(value);
    }
}

// Copies every tensor of the model under `prefix` into `values` (the Parameters layout), converted to
// F32, refusing a non-finite value with the tensor's name and index.
void read_tensors(const SafetensorsFile& file, const std::vector<TensorInfo>& tensors, AlignedVector<float>& values,
                  std::size_t count, const std::string& prefix, bool non_negative = false)
{
    values.assign(count, 0.0f);
    for (const TensorInfo& tensor : tensors) {
        const SafetensorsTensor* stored = file.find(prefix + tensor.name);
        if (!stored)
            throw Error(file.source_name() + ": no tensor named \"" + prefix + tensor.name + "\"");
        convert_to_f32(file, *stored, tensor, values.data() + tensor.offset);
        check_values(file.source_name(), prefix + tensor.name, values.data() + tensor.offset, tensor, non_negative);
    }
}

// PyTorch-made files may hold F64 (after model.double()) or BF16 weights: each expected tensor stored
// so is accepted (converted by read_tensors); returns the names of the dtypes converted, "" if none.
std::string accept_convertible_dtypes(const SafetensorsFile& file, std::vector<ExpectedTensor>& wanted)
{
    bool f64 = false, bf16 = false;
    for (ExpectedTensor& tensor : wanted)
        if (const SafetensorsTensor* stored = file.find(tensor.name);
            stored && (stored->dtype == Dtype::f64 || stored->dtype == Dtype::bf16)) {
            tensor.dtype = stored->dtype;
            (stored->dtype == Dtype::f64 ? f64 : bf16) = true;
        }
    return f64 && bf16 ? "F64 and BF16" : f64 ? "F64" : bf16 ? "BF16" : "";
}

std::vector<ExpectedTensor> expected(const std::vector<TensorInfo>& tensors, const std::string& prefix)
{
    std::vector<ExpectedTensor> out;
    for (const TensorInfo& tensor : tensors)
        out.push_back({prefix + tensor.name, Dtype::f32, tensor.shape()});
    return out;
}

// Parameters of the model `spec` describes, by arithmetic (the formulas of engine/nn/summary.cpp):
// building the model to count them would allocate them.
//   layer k, per direction: G x H x (I + H + 2)   (weight_ih, weight_hh, two biases)
//   attention: D x 2D + D + D                       (attn.weight, attn.bias, v.weight)
//   fc: (head input + 1) x outputs
std::uint64_t parameter_count(const ModelSpec& spec)
{
    std::uint64_t count = 0;
    std::uint64_t input = std::uint64_t(spec.features);
    for (int k = 0; k < spec.layers(); ++k) {
        const std::uint64_t hidden = std::uint64_t(spec.hidden[std::size_t(k)]);
        count += std::uint64_t(spec.directions()) * std::uint64_t(spec.gates()) * hidden * (input + hidden + 2);
        input = std::uint64_t(spec.layer_output_width(k));
    }
    const std::uint64_t top = std::uint64_t(spec.top_width());
    if (spec.attention)
        count += top * 2 * top + 2 * top;
    return count + (std::uint64_t(spec.head_input_width()) + 1) * std::uint64_t(spec.outputs);
}

// R1: a few bytes of metadata can describe a model of many gigabytes. Refuse one whose weights cannot
// be in the file BEFORE its layout is built, which allocates them (values and gradients). A small
// model's layout is built anyway, so validate_expected can name the missing tensors.
constexpr std::uint64_t layout_bytes_always_allowed = 16 << 20;

void check_model_fits(const SafetensorsFile& file, const ModelSpec& spec, const std::string& path)
{
    std::uint64_t tensor_bytes = 0;
    for (const SafetensorsTensor& tensor : file.tensors())
        tensor_bytes += tensor.byte_count();
    const std::uint64_t parameters = parameter_count(spec);
    if (parameters * sizeof(float) > std::max(tensor_bytes, layout_bytes_always_allowed))
        throw Error(path + ": the model in its metadata has " + group_thousands(std::int64_t(parameters)) +
                    " parameters (" + group_thousands(std::int64_t(parameters * sizeof(float))) +
                    " bytes as F32), but the file holds " + group_thousands(std::int64_t(tensor_bytes)) +
                    " bytes of tensors");
}

bool has_prefix(const SafetensorsFile& file, std::string_view prefix)
{
    for (const SafetensorsTensor& tensor : file.tensors())
        if (tensor.name.rfind(prefix, 0) == 0)
            return true;
    return false;
}

} // namespace

void save_checkpoint(const std::string& path, const Checkpoint& checkpoint)
{
    const Model<float> layout(checkpoint.spec);
    const auto& tensors = layout.parameters().tensors();
    const std::size_t count = layout.parameters().count();
    if (checkpoint.weights.size() != count)
        throw Error("internal: checkpoint weights have " + std::to_string(checkpoint.weights.size()) +
                    " values, the model has " + std::to_string(count));
    std::vector<TensorToWrite> out;
    add_tensors(out, tensors, checkpoint.weights, "");
    if (checkpoint.optimizer) {
        if (checkpoint.optimizer->exp_avg.size() != count || checkpoint.optimizer->exp_avg_sq.size() != count)
            throw Error("internal: optimizer state does not match the model's parameters");
        add_tensors(out, tensors, checkpoint.optimizer->exp_avg, optimizer_avg);
        add_tensors(out, tensors, checkpoint.optimizer->exp_avg_sq, optimizer_avg_sq);
    }
    if (!checkpoint.best_weights.empty()) {
        if (checkpoint.best_weights.size() != count)
            throw Error("internal: best weights do not match the model's parameters");
        add_tensors(out, tensors, checkpoint.best_weights, best_prefix);
    }

    std::map<std::string, std::string> metadata;
    metadata["format"] = checkpoint_format;
    metadata["version"] = std::to_string(checkpoint_version);
    metadata["model"] = model_spec_to_text(checkpoint.spec);
    if (checkpoint.pipeline)
        metadata["data"] = to_json(*checkpoint.pipeline);
    if (checkpoint.training) {
        Json train = Json::object();
        train.set("config", train_config_to_json(checkpoint.training->config));
        train.set("state", train_state_to_json(checkpoint.training->state));
        train.set("optimizer_steps", checkpoint.optimizer ? checkpoint.optimizer->steps : 0);
        metadata["train"] = to_json(train);
    }
    if (checkpoint.calibration)
        metadata["calibration"] = to_json(calibration_to_json(*checkpoint.calibration));
    metadata["app_version"] = checkpoint.app_version;
    write_safetensors(path, out, metadata);
}

Checkpoint load_checkpoint(const std::string& path)
{
    const SafetensorsFile file = read_safetensors(path);
    const auto& metadata = file.metadata();
    const auto format = metadata.find("format");
    if (format == metadata.end() || format->second != checkpoint_format)
        throw Error(path + ": not an LSTM Lab checkpoint (its metadata has no format \"lstmlab-checkpoint\"); "
                    "PyTorch weights need the metadata that resources/python/lstmlab_torch.py save_checkpoint writes");
    const std::string version = file.metadata_value("version");
    if (version != std::to_string(checkpoint_version))
        throw Error(path + ": checkpoint version \"" + version + "\" is not " + std::to_string(checkpoint_version) +
                    " (written by another LSTM Lab release; re-export it with that release)");

    Checkpoint checkpoint;
    checkpoint.spec = parse_model_spec(file.metadata_value("model"), path + " metadata \"model\"");
    check_model_fits(file, checkpoint.spec, path);
    const Model<float> layout(checkpoint.spec);
    const auto& tensors = layout.parameters().tensors();
    const std::size_t count = layout.parameters().count();

    std::vector<ExpectedTensor> wanted = expected(tensors, "");
    const bool has_optimizer = has_prefix(file, "optimizer.");
    const bool has_best = has_prefix(file, best_prefix);
    if (has_optimizer) {
        for (const char* prefix : {optimizer_avg, optimizer_avg_sq}) {
            const auto more = expected(tensors, prefix);
            wanted.insert(wanted.end(), more.begin(), more.end());
        }
    }
    if (has_best) {
        const auto more = expected(tensors, best_prefix);
        wanted.insert(wanted.end(), more.begin(), more.end());
    }
    const std::string converted = accept_convertible_dtypes(file, wanted);
    validate_expected(file, wanted, "checkpoint");
    checkpoint.source = path;
    if (!converted.empty())
        checkpoint.note = "note: " + path + " stores its weights as " + converted +
                          "; they were converted to F32, the precision LSTM Lab computes in";

    read_tensors(file, tensors, checkpoint.weights, count, "");
    if (has_best)
        read_tensors(file, tensors, checkpoint.best_weights, count, best_prefix);
    if (metadata.count("data")) {
        checkpoint.pipeline = pipeline_from_json(metadata.at("data"), path + " metadata \"data\"");
        const FittedPipeline& p = *checkpoint.pipeline;
        if (int(p.config.features.size()) != checkpoint.spec.features || p.config.horizon != checkpoint.spec.outputs)
            throw Error(path + ": the data pipeline has " + std::to_string(p.config.features.size()) +
                        " features and horizon " + std::to_string(p.config.horizon) + ", the model expects " +
                        std::to_string(checkpoint.spec.features) + " features and " +
                        std::to_string(checkpoint.spec.outputs) + " outputs");
    }
    std::int64_t optimizer_steps = 0;
    if (metadata.count("train")) {
        const std::string where = path + " metadata \"train\"";
        const Json train = parse_json(metadata.at("train"), where);
        reject_unknown_keys(train, {"config", "state", "optimizer_steps"}, where);
        checkpoint.training = TrainingRecord{
            train_config_from_json(get_member(train, "config", where), json_member_path(where, "config")),
            train_state_from_json(get_member(train, "state", where), json_member_path(where, "state"))};
        optimizer_steps = get_int64(get_member(train, "optimizer_steps", where), json_member_path(where, "optimizer_steps"));
    }
    if (has_optimizer) {
        OptimizerState optimizer;
        optimizer.steps = optimizer_steps;
        read_tensors(file, tensors, optimizer.exp_avg, count, optimizer_avg);
        read_tensors(file, tensors, optimizer.exp_avg_sq, count, optimizer_avg_sq, true);
        checkpoint.optimizer = std::move(optimizer);
    }
    if (metadata.count("calibration")) {
        const std::string where = path + " metadata \"calibration\"";
        ConformalCalibration calibration = calibration_from_json(parse_json(metadata.at("calibration"), where), where);
        if (calibration.half_widths.cols() != checkpoint.spec.outputs ||
            (checkpoint.pipeline && calibration.transform != checkpoint.pipeline->config.target.transform))
            throw Error(where + ": the calibration is for horizon " + std::to_string(calibration.half_widths.cols()) +
                        " (" + std::string(transform_name(calibration.transform)) + "), not for this model's " +
                        std::to_string(checkpoint.spec.outputs) + " outputs and target transform");
        checkpoint.calibration = std::move(calibration);
    }
    if (const auto app = metadata.find("app_version"); app != metadata.end())
        checkpoint.app_version = app->second;
    return checkpoint;
}

std::string checkpoint_name(const Checkpoint& checkpoint)
{
    return checkpoint.source.empty() ? std::string("this checkpoint") : checkpoint.source + ": the checkpoint";
}

std::unique_ptr<Model<float>> make_model(const Checkpoint& checkpoint)
{
    auto model = std::make_unique<Model<float>>(checkpoint.spec);
    if (checkpoint.weights.size() != model->parameters().count())
        throw Error("internal: checkpoint weights do not match the model");
    model->parameters().mutable_values() = checkpoint.weights;
    return model;
}

Checkpoint make_checkpoint(const Trainer& trainer, const FittedPipeline& pipeline, const std::string& app_version)
{
    Checkpoint checkpoint;
    const Model<float>& model = trainer.model();
    checkpoint.spec = model.spec();
    checkpoint.weights = model.parameters().values();
    const Adam<float>& adam = trainer.optimizer();
    checkpoint.optimizer = OptimizerState{adam.steps(), adam.exp_avg(), adam.exp_avg_sq()};
    const TrainState& state = trainer.state();
    const bool unfinished = state.status == TrainStatus::running || state.status == TrainStatus::stopped ||
                            state.status == TrainStatus::diverged;
    if (unfinished && !trainer.best_weights().empty() && trainer.best_weights() != checkpoint.weights)
        checkpoint.best_weights = trainer.best_weights();
    checkpoint.pipeline = pipeline;
    checkpoint.training = TrainingRecord{trainer.config(), state};
    checkpoint.app_version = app_version;
    return checkpoint;
}

void resume_trainer(Trainer& trainer, const Checkpoint& checkpoint, int extra_epochs)
{
    if (!checkpoint.optimizer || !checkpoint.training)
        throw Error(checkpoint_name(checkpoint) + " holds no training state (it was exported for prediction only), so training "
                    "cannot resume from it; train a new model instead");
    const TrainState& state = checkpoint.training->state;
    const bool finished = state.status == TrainStatus::finished || state.status == TrainStatus::early_stopped;
    if (extra_epochs <= 0 && finished)
        throw Error("this run already finished after " + std::to_string(state.completed_epochs) +
                    " epochs; give --epochs N to train N more");
    Adam<float> adam(checkpoint.training->config.adam, checkpoint.weights.size());
    adam.exp_avg() = checkpoint.optimizer->exp_avg;
    adam.exp_avg_sq() = checkpoint.optimizer->exp_avg_sq;
    adam.set_steps(checkpoint.optimizer->steps);
    AlignedVector<float> best = checkpoint.best_weights;
    if (best.empty() && state.best_epoch > 0)
        best = checkpoint.weights;   // the saved weights are the best ones
    trainer.restore(state, std::move(adam), std::move(best));
    if (extra_epochs > 0)
        trainer.extend(extra_epochs);
}

} // namespace lstmlab
