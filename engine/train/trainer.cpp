#include "engine/train/trainer.h"

#include "engine/core/error.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <sstream>

namespace lstmlab {
namespace {

using Clock = std::chrono::steady_clock;

// Separate streams for shuffling and dropout, both fixed by the run's seed; model initialisation
// uses Rng(seed) itself (see the CLI and the GUI controller).
constexpr std::uint64_t shuffle_stream = 0x53485546464c4531ULL;
constexpr std::uint64_t dropout_stream = 0x44524f504f555431ULL;

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

} // namespace

double clip_global_norm(AlignedVector<float>& grads, double max_norm)
{
    double sum = 0;
    for (float g : grads)
        sum += double(g) * double(g);
    const double norm = std::sqrt(sum);
    if (max_norm > 0 && std::isfinite(norm) && norm > max_norm) {
        const float scale = static_cast<float>(max_norm / (norm + 1e-6));
        for (float& g : grads)
            g *= scale;
    }
    return norm;
}

Trainer::Trainer(Model<float>& model, const PreparedData& data, const TrainConfig& config)
    : m_model(model), m_data(data), m_config(config), m_adam(config.adam, model.parameters().count()),
      m_shuffle_rng(config.seed ^ shuffle_stream), m_dropout_rng(config.seed ^ dropout_stream)
{
    config.validate();
    m_model.set_threads(config.threads);   // results are the same bits for any thread count
    if (data.windows[Split::Train].count == 0)
        throw Error("there are no training windows: the data has too few rows for sequence length " +
                    std::to_string(data.windows.sequence_length) + " and horizon " + std::to_string(data.windows.horizon));
    if (int(data.feature_count()) != model.spec().features || int(data.windows.horizon) != model.spec().outputs)
        throw Error("the model expects " + std::to_string(model.spec().features) + " features and " +
                    std::to_string(model.spec().outputs) + " outputs, the data gives " +
                    std::to_string(data.feature_count()) + " features and horizon " +
                    std::to_string(data.windows.horizon));
    m_state.target_epochs = config.epochs;
    m_state.learning_rate = config.adam.learning_rate;
    m_state.shuffle_state = m_shuffle_rng.state();
    m_state.dropout_state = m_dropout_rng.state();
}

void Trainer::restore(const TrainState& state, Adam<float> optimizer, AlignedVector<float> best_weights)
{
    if (optimizer.exp_avg().size() != m_model.parameters().count())
        throw Error("the optimizer state does not match the model's parameters");
    m_state = state;
    m_adam = std::move(optimizer);
    m_adam.config().learning_rate = state.learning_rate;
    m_shuffle_rng.set_state(state.shuffle_state);
    m_dropout_rng.set_state(state.dropout_state);
    m_best_weights = std::move(best_weights);
}

const TrainState& Trainer::run(const TrainCallbacks& callbacks)
{
    m_state.status = TrainStatus::running;
    m_state.stop_reason.clear();
    m_state.stop_reason_pieces.clear();
    while (m_state.status == TrainStatus::running && m_state.completed_epochs < m_state.target_epochs)
        if (!run_epoch(callbacks))
            return m_state;
    if (m_state.status == TrainStatus::running)
        end_run(TrainStatus::finished);
    return m_state;
}

void Trainer::extend(int epochs)
{
    if (epochs < 1)
        throw Error("the number of epochs to train more must be at least 1, got " + std::to_string(epochs));
    if (m_state.status == TrainStatus::finished || m_state.status == TrainStatus::early_stopped)
        m_state.epochs_without_improvement = 0;   // a new stretch of training
    m_state.target_epochs = m_state.completed_epochs + epochs;
}

void Trainer::end_run(TrainStatus status)
{
    m_state.status = status;
    // Restore the best weights when validation chose them.
    if (!m_best_weights.empty() && m_state.best_epoch != m_state.completed_epochs)
        m_model.parameters().mutable_values() = m_best_weights;
}

double Trainer::train_step(std::span<const std::size_t> windows, double* gradient_norm)
{
    const int T = int(m_data.windows.sequence_length);
    const int B = int(windows.size());
    fill_batch<float>(m_data, Split::Train, windows, m_x, m_y);
    if (m_d_predictions.rows() != m_y.rows() || m_d_predictions.cols() != B)
        m_d_predictions.resize(m_y.rows(), B);
    SeqMap<float> d_map(m_d_predictions.data(), m_d_predictions.rows(), B);

    auto& params = m_model.parameters();
    params.zero_grad();
    const auto predictions = m_model.forward(m_x, T, B, Mode::training, &m_dropout_rng);
    const double loss = compute_loss<float>(m_config.loss, predictions, m_y, &d_map);
    if (!std::isfinite(loss))
        return loss;
    m_model.backward(m_x, m_d_predictions);
    const double norm = clip_global_norm(params.grads(), m_config.clip);
    *gradient_norm = norm;
    if (!std::isfinite(norm))
        return norm;
    m_adam.step(params.mutable_values(), params.grads(), m_model.compute());
    return loss;
}

bool Trainer::run_epoch(const TrainCallbacks& callbacks)
{
    const std::size_t count = m_data.windows[Split::Train].count;
    const std::size_t batch_size = std::size_t(m_config.batch_size);
    const int batches = int((count + batch_size - 1) / batch_size);
    if (m_state.next_batch == 0) {
        m_state.shuffle_state = m_shuffle_rng.state();
        m_state.epoch_loss_sum = m_state.epoch_samples = m_state.epoch_norm_sum = m_state.epoch_seconds = 0;
    } else {
        m_shuffle_rng.set_state(m_state.shuffle_state);
    }
    const std::vector<std::size_t> order = window_order(m_data, Split::Train, m_shuffle_rng);
    const int epoch = m_state.completed_epochs + 1;
    const auto start = Clock::now();
    const double seconds_before = m_state.epoch_seconds;
    double samples_now = 0;

    for (int b = m_state.next_batch; b < batches; ++b) {
        const std::size_t first = std::size_t(b) * batch_size;
        const std::span<const std::size_t> windows(order.data() + first, std::min(batch_size, count - first));
        double norm = not_measured;
        const double loss = train_step(windows, &norm);
        if (!std::isfinite(loss) || !std::isfinite(norm)) {
            std::ostringstream reason;
            reason << "training stopped at epoch " << epoch << ", batch " << b + 1 << ": the "
                   << (!std::isfinite(loss) ? "training loss" : "gradient norm") << " is "
                   << (std::isnan(!std::isfinite(loss) ? loss : norm) ? "NaN" : "infinite")
                   << "; the weights of the last good step are kept (lower the learning rate, check the data "
                      "for extreme values, or enable ";
            m_state.stop_reason_pieces = {reason.str(), SettingRef{"clip"}, ")"};
            m_state.stop_reason = word_setting_pieces(m_state.stop_reason_pieces, cli_setting_words);
            m_state.status = TrainStatus::diverged;
            m_state.stop_reason = reason.str();
            return false;
        }
        const double n = double(windows.size());
        m_state.epoch_loss_sum += loss * n;
        m_state.epoch_samples += n;
        m_state.epoch_norm_sum += norm;
        m_state.next_batch = b + 1;
        m_state.step += 1;
        m_state.dropout_state = m_dropout_rng.state();
        samples_now += n;
        m_state.epoch_seconds = seconds_before + seconds_since(start);

        if (callbacks.progress) {
            TrainProgress progress;
            progress.epoch = epoch;
            progress.epochs = m_state.target_epochs;
            progress.batch = b + 1;
            progress.batches = batches;
            progress.train_loss = m_state.epoch_loss_sum / m_state.epoch_samples;
            progress.validation_loss = m_state.history.empty() ? not_measured : m_state.history.back().validation_loss;
            progress.learning_rate = m_state.learning_rate;
            progress.gradient_norm = norm;
            const double elapsed = seconds_since(start);
            progress.samples_per_second = elapsed > 0 ? samples_now / elapsed : 0;
            const double remaining = double(count - std::min(count, first + windows.size())) +
                                     double(count) * (m_state.target_epochs - epoch);
            progress.eta_seconds = progress.samples_per_second > 0 ? remaining / progress.samples_per_second : 0;
            progress.state = &m_state;
            if (!callbacks.progress(progress)) {
                m_state.status = TrainStatus::stopped;
                m_state.stop_reason_pieces.clear();
                m_state.stop_reason = "stopped by the user at epoch " + std::to_string(epoch) + ", batch " +
                                      std::to_string(b + 1);
                return false;
            }
        }
    }
    finish_epoch(callbacks);
    if (callbacks.progress) {
        TrainProgress progress;
        progress.epoch = epoch;
        progress.epochs = m_state.target_epochs;
        progress.batch = progress.batches = batches;
        progress.train_loss = m_state.history.back().train_loss;
        progress.validation_loss = m_state.history.back().validation_loss;
        progress.learning_rate = m_state.learning_rate;
        progress.gradient_norm = m_state.history.back().gradient_norm;
        progress.samples_per_second = m_state.epoch_samples / std::max(1e-9, m_state.epoch_seconds);
        progress.eta_seconds = progress.samples_per_second > 0
                                   ? double(count) * (m_state.target_epochs - epoch) / progress.samples_per_second
                                   : 0;
        progress.epoch_end = true;
        progress.state = &m_state;
        if (!callbacks.progress(progress) && m_state.status == TrainStatus::running) {
            m_state.status = TrainStatus::stopped;
            m_state.stop_reason_pieces.clear();
            m_state.stop_reason = "stopped by the user after epoch " + std::to_string(epoch);
            return false;
        }
    }
    return true;
}

void Trainer::finish_epoch(const TrainCallbacks& callbacks)
{
    const auto start = Clock::now();
    EpochRecord record;
    record.epoch = m_state.completed_epochs + 1;
    record.train_loss = m_state.epoch_loss_sum / m_state.epoch_samples;
    record.validation_loss = evaluate_loss(Split::Validation);
    record.learning_rate = m_state.learning_rate;
    const double steps = std::ceil(m_state.epoch_samples / m_config.batch_size);
    record.gradient_norm = m_state.epoch_norm_sum / std::max(1.0, steps);
    record.seconds = m_state.epoch_seconds + seconds_since(start);
    m_state.history.push_back(record);
    m_state.completed_epochs = record.epoch;
    m_state.next_batch = 0;
    // A checkpoint saved from here on (epoch_end, a stop after the epoch) must resume with the NEXT
    // epoch's shuffle: the one at the start of this epoch would repeat this epoch's order.
    m_state.shuffle_state = m_shuffle_rng.state();

    const double validation = record.validation_loss;
    if (std::isnan(validation)) {
        m_state.best_epoch = record.epoch;   // no validation windows: the last weights are the result
    } else {
        if (validation < m_state.best_validation) {
            m_state.best_validation = validation;
            m_state.best_epoch = record.epoch;
            m_state.epochs_without_improvement = 0;
            m_best_weights = m_model.parameters().values();
        } else {
            ++m_state.epochs_without_improvement;
        }
        if (m_config.plateau.patience > 0) {
            if (validation < m_state.plateau_best * (1 - m_config.plateau.threshold)) {
                m_state.plateau_best = validation;
                m_state.plateau_wait = 0;
            } else if (++m_state.plateau_wait > m_config.plateau.patience) {
                m_state.learning_rate = std::max(m_state.learning_rate * m_config.plateau.factor, m_config.plateau.min_lr);
                m_adam.config().learning_rate = m_state.learning_rate;
                m_state.plateau_wait = 0;
            }
        }
        if (m_config.patience > 0 && m_state.epochs_without_improvement >= m_config.patience &&
            m_state.completed_epochs < m_state.target_epochs)
            end_run(TrainStatus::early_stopped);
    }
    // The last epoch ends the run before epoch_end sees it, so a checkpoint written there is final.
    if (m_state.status == TrainStatus::running && m_state.completed_epochs >= m_state.target_epochs)
        end_run(TrainStatus::finished);
    if (callbacks.epoch_end)
        callbacks.epoch_end();
}

double Trainer::evaluate_loss(Split split)
{
    const std::size_t count = m_data.windows[split].count;
    if (count == 0)
        return not_measured;
    const int T = int(m_data.windows.sequence_length);
    const std::size_t batch_size = std::max<std::size_t>(std::size_t(m_config.batch_size), 256);
    std::vector<std::size_t> windows(std::min(batch_size, count));
    double total = 0;
    for (std::size_t first = 0; first < count; first += batch_size) {
        const std::size_t n = std::min(batch_size, count - first);
        windows.resize(n);
        for (std::size_t k = 0; k < n; ++k)
            windows[k] = first + k;
        fill_batch<float>(m_data, split, windows, m_x, m_y);
        const auto predictions = m_model.forward(m_x, T, int(n), Mode::inference);
        total += compute_loss<float>(m_config.loss, predictions, m_y, nullptr) * double(n);
    }
    return total / double(count);
}

} // namespace lstmlab
