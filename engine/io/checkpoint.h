// Checkpoint: one .safetensors file holding a model, its training state and its data pipeline
// (DESIGN.md "Checkpoint").
//
// Tensors (F32, PyTorch names and shapes):
//   <name>                        model weights: what predict() uses and PyTorch's load_state_dict() takes
//   optimizer.exp_avg.<name>      Adam's first moment        } present when the file can resume
//   optimizer.exp_avg_sq.<name>   Adam's second moment       } training
//   best.<name>                   best weights so far, only while a run is unfinished (stopped,
//                                 interrupted) and they differ from <name>
// __metadata__ (strings):
//   format "lstmlab-checkpoint", version "1", model (ModelSpec JSON), data (FittedPipeline JSON),
//   train ({"config":..., "state":..., "optimizer_steps": n}), app_version, and optionally calibration
//   (the split-conformal calibration on the validation split at the end of training,
//   calibration_json.h; files written before it existed lack it and load unchanged).
// A model-only file (format, version, model; e.g. lstmlab_torch.py's save_checkpoint) is valid: its
// weights load and make_model runs them, but without the "data" metadata (the fitted pipeline)
// nothing can prepare a CSV for it, so predict, evaluate and the workbench refuse it by name, and
// without the optimizer tensors and "train" it cannot resume. Weights stored as F64 or BF16 (as
// PyTorch saves model.double() or bfloat16 models) are converted to F32 on load, with a note.
// Every loaded value must be finite, and Adam's second moments non-negative: a damaged tensor is
// refused naming it and the first bad index.
// Saving is atomic (write_file_atomic); loading checks everything before any weight is used and
// says exactly what is wrong (R1), with a hint when the file is not a checkpoint at all.
#pragma once

#include "engine/data/pipeline.h"
#include "engine/nn/model.h"
#include "engine/train/conformal.h"
#include "engine/train/train_config.h"
#include "engine/train/trainer.h"

#include <memory>
#include <optional>
#include <string>

namespace lstmlab {

inline constexpr const char* checkpoint_format = "lstmlab-checkpoint";
inline constexpr int checkpoint_version = 1;

struct OptimizerState {
    std::int64_t steps = 0;
    AlignedVector<float> exp_avg;      // layout of the model's Parameters
    AlignedVector<float> exp_avg_sq;
};

struct TrainingRecord {
    TrainConfig config;
    TrainState state;
};

struct Checkpoint {
    ModelSpec spec;
    AlignedVector<float> weights;                 // layout of Model<float>(spec).parameters()
    std::optional<OptimizerState> optimizer;
    AlignedVector<float> best_weights;            // empty unless a run is unfinished
    std::optional<FittedPipeline> pipeline;
    std::optional<TrainingRecord> training;
    std::optional<ConformalCalibration> calibration;   // prediction intervals of the final weights
    std::string app_version;
    std::string source;   // the file it was loaded from ("" when made in memory)
    std::string note;     // for the user after loading, e.g. that F64 weights were converted to F32
};

void save_checkpoint(const std::string& path, const Checkpoint& checkpoint);
Checkpoint load_checkpoint(const std::string& path);

// "m.safetensors: the checkpoint" (or "this checkpoint" when it was not loaded from a file), to start
// a sentence about it.
std::string checkpoint_name(const Checkpoint& checkpoint);

// A model with the checkpoint's weights (Models cannot move, hence the pointer).
std::unique_ptr<Model<float>> make_model(const Checkpoint& checkpoint);

// Everything a trainer knows, ready to save: current weights, Adam moments, the best weights while
// the run is unfinished, the pipeline and the training record.
Checkpoint make_checkpoint(const Trainer& trainer, const FittedPipeline& pipeline, const std::string& app_version);

// Puts a checkpoint's optimizer and training state into a trainer built on make_model(checkpoint),
// so trainer.run() continues where the saved run stopped. `extra_epochs` > 0 sets the target to
// completed + extra_epochs (and lets a finished run continue); 0 keeps the saved target.
// Throws Error when the checkpoint holds no optimizer state or training record.
void resume_trainer(Trainer& trainer, const Checkpoint& checkpoint, int extra_epochs);

} // namespace lstmlab
