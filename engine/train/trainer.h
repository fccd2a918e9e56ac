// Trainer: the fit loop. Each step reads zero_grad -> forward -> loss -> backward -> clip -> update.
//
// Per epoch: the training windows in a fresh shuffled order (one generator for shuffling, one for
// dropout, both seeded from the run's seed and stored in TrainState, so a resumed run continues
// bit for bit); mini-batches of batch_size windows (the last one shorter); then the validation loss
// in inference mode; then early stopping (patience) and the plateau schedule.
// A non-finite loss or gradient norm stops BEFORE the update: the weights stay those of the last good
// step and status() says where and what (R6). The callback can stop the run after any batch; the
// state then describes exactly where it stopped, mid-epoch included, and resume() continues there.
// When the run ends normally with validation data, the best weights are restored.
#pragma once

#include "engine/core/rng.h"
#include "engine/data/batch.h"
#include "engine/data/pipeline.h"
#include "engine/nn/model.h"
#include "engine/train/adam.h"
#include "engine/train/train_config.h"

#include <functional>
#include <vector>

namespace lstmlab {

struct TrainCallbacks {
    // After every batch and every epoch; return false to stop after this batch.
    std::function<bool(const TrainProgress&)> progress;
    // After every completed epoch, with the state consistent (e.g. write a checkpoint and a metrics row).
    std::function<void()> epoch_end;
};

// Returns the global norm sqrt(sum g^2) (in double) of `grads`; when max_norm > 0 and the norm exceeds it,
// scales every gradient by max_norm / (norm + 1e-6), as torch.nn.utils.clip_grad_norm_ does.
double clip_global_norm(AlignedVector<float>& grads, double max_norm);

class Trainer {
public:
    // A new run: initialises nothing in `model` (the caller does, from config.seed).
    Trainer(Model<float>& model, const PreparedData& data, const TrainConfig& config);

    // Continues a run: the optimizer moments, step count and state come from a checkpoint.
    // `best_weights` empty means "the current weights are the best".
    void restore(const TrainState& state, Adam<float> optimizer, AlignedVector<float> best_weights);

    // Runs until target_epochs are completed, early stopping, divergence or a stop request.
    const TrainState& run(const TrainCallbacks& callbacks);

    // "Train `epochs` more": the target becomes completed_epochs + epochs (the next run() trains them).
    // A run that had ended (finished or early stopped) starts a new stretch: early stopping counts its
    // epochs without improvement afresh. The optimizer moments, schedule and generators continue, so
    // N epochs extended by M equal a run of N + M epochs bit for bit when the N-epoch run ended on its
    // best epoch (or has no validation split); otherwise the run continues from the best weights it
    // restored, exactly as resuming its saved checkpoint does. Throws Error for epochs < 1.
    void extend(int epochs);

    // Mean loss over a split's windows in inference mode (NaN when the split is empty).
    double evaluate_loss(Split split);

    const TrainState& state() const { return m_state; }
    const TrainConfig& config() const { return m_config; }
    const Adam<float>& optimizer() const { return m_adam; }
    Model<float>& model() { return m_model; }
    const Model<float>& model() const { return m_model; }
    // Best weights so far (same layout as the parameters); empty when they equal the current ones.
    const AlignedVector<float>& best_weights() const { return m_best_weights; }

private:
    bool run_epoch(const TrainCallbacks& callbacks);   // false: stopped or diverged
    void finish_epoch(const TrainCallbacks& callbacks);
    void end_run(TrainStatus status);   // sets the final status and restores the best weights
    double train_step(std::span<const std::size_t> windows, double* gradient_norm);   // NaN: diverged

    Model<float>& m_model;
    const PreparedData& m_data;
    TrainConfig m_config;
    Adam<float> m_adam;
    TrainState m_state;
    Rng m_shuffle_rng;
    Rng m_dropout_rng;
    AlignedVector<float> m_best_weights;
    BatchMatrix<float> m_x;        // (F, T*B)
    BatchMatrix<float> m_y;        // (H, B)
    BatchMatrix<float> m_d_predictions;   // (H, B)
};

} // namespace lstmlab
