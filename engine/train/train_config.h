// What a training run is told (TrainConfig), what it reports while running (TrainProgress) and
// everything beyond the weights that a resumed run needs to continue exactly (TrainState).
#pragma once

#include "engine/core/rng.h"
#include "engine/core/setting_error.h"
#include "engine/nn/loss.h"
#include "engine/train/adam.h"

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace lstmlab {

struct PlateauConfig {
    int patience = 0;        // epochs without improvement before the rate is cut; 0 = off
    double factor = 0.5;     // lr <- max(lr * factor, min_lr)
    double min_lr = 1e-6;
    double threshold = 1e-4; // improvement means val < best * (1 - threshold), PyTorch's "rel" mode
};

struct TrainConfig {
    int epochs = 50;
    int batch_size = 64;
    AdamConfig adam;              // learning_rate, weight_decay, betas, eps
    LossKind loss = LossKind::mse;
    double clip = 1.0;            // global gradient-norm clipping; 0 = off
    int patience = 10;            // early stopping on validation loss; 0 = off
    PlateauConfig plateau;
    std::uint64_t seed = 42;
    int threads = 1;

    // Throws Error naming the option ("--batch-size: 0 is outside 1..65536").
    void validate() const;
};

constexpr double not_measured = std::numeric_limits<double>::quiet_NaN();

struct EpochRecord {
    int epoch = 0;                          // 1-based
    double train_loss = not_measured;       // mean over the epoch's training windows
    double validation_loss = not_measured;  // NaN without validation windows
    double learning_rate = 0;
    double gradient_norm = not_measured;    // mean pre-clipping global norm over the epoch's steps
    double seconds = 0;
    bool operator==(const EpochRecord&) const = default;
};

enum class TrainStatus { running, stopped, finished, early_stopped, diverged };
std::string_view status_name(TrainStatus status);
TrainStatus parse_status(std::string_view text);

struct TrainState {
    TrainStatus status = TrainStatus::running;
    int completed_epochs = 0;
    int target_epochs = 0;                  // the run ends after this many completed epochs
    int next_batch = 0;                     // batches of the current epoch already done
    std::int64_t step = 0;                  // optimizer updates so far
    RngState shuffle_state{};               // shuffle generator at the start of the current epoch
    RngState dropout_state{};               // dropout generator after the last step
    double learning_rate = 0;               // current (after plateau cuts)
    double best_validation = std::numeric_limits<double>::infinity();
    int best_epoch = 0;
    int epochs_without_improvement = 0;
    int plateau_wait = 0;
    double plateau_best = std::numeric_limits<double>::infinity();
    // Partial sums of the current epoch (so a mid-epoch resume reports the same epoch losses).
    double epoch_loss_sum = 0;
    double epoch_samples = 0;
    double epoch_norm_sum = 0;
    double epoch_seconds = 0;
    std::vector<EpochRecord> history;
    std::string stop_reason;                // why a diverged/stopped run ended, one sentence
    // The same sentence with its settings left for the front end to word (SettingError's pieces);
    // empty when it names none. Not saved: a checkpoint keeps stop_reason.
    std::vector<SettingPiece> stop_reason_pieces;
};

// What the progress callback sees after every batch (epoch_end = false) and every epoch.
struct TrainProgress {
    int epoch = 0;                          // 1-based, the epoch running
    int epochs = 0;                         // target
    int batch = 0;                          // 1-based within the epoch
    int batches = 0;
    double train_loss = not_measured;       // running mean of this epoch
    double validation_loss = not_measured;  // of the last completed epoch
    double learning_rate = 0;
    double gradient_norm = not_measured;    // of this step, before clipping
    double samples_per_second = 0;
    double eta_seconds = 0;
    bool epoch_end = false;
    const TrainState* state = nullptr;      // valid during the callback only
};

} // namespace lstmlab
