#include "engine/train/benchmark.h"

#include "engine/core/rng.h"
#include "engine/nn/loss.h"
#include "engine/nn/model.h"
#include "engine/train/adam.h"
#include "engine/train/call_timing.h"

#include <algorithm>
#include <chrono>
#include <ctime>

namespace lstmlab {
namespace {

using Clock = std::chrono::steady_clock;

double process_cpu_seconds()
{
    timespec now{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
    return double(now.tv_sec) + 1e-9 * double(now.tv_nsec);
}

struct Rate {
    double per_second = 0;       // calls per wall second
    double per_cpu_second = 0;   // calls per process CPU second
};

// Runs `work` until `seconds` pass: calls per wall and per CPU second, and every call's own wall
// time appended to `calls` when given (call_timing.h).
template <typename Work>
Rate rate(Work&& work, double seconds, std::vector<double>* calls = nullptr)
{
    const auto start = Clock::now();
    const double cpu_start = process_cpu_seconds();
    const long count = time_each_call<Clock>(work, seconds, calls);
    const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
    const double cpu = std::max(1e-9, process_cpu_seconds() - cpu_start);
    return {count / elapsed, count / cpu};
}

ModelSpec make_spec(CellType cell, std::vector<int> hidden, bool attention, int features)
{
    ModelSpec spec;
    spec.cell = cell;
    spec.hidden = std::move(hidden);
    spec.attention = attention;
    spec.features = features;
    spec.outputs = 1;
    return spec;
}

} // namespace

std::vector<BenchCase> bench_cases(int features)
{
    return {
        {"single_h32", make_spec(CellType::lstm, {32}, false, features)},
        {"stacked_h64x2", make_spec(CellType::lstm, {64, 64}, false, features)},
        {"stacked_h128x2", make_spec(CellType::lstm, {128, 128}, false, features)},
        {"attention_h32x2", make_spec(CellType::lstm, {32, 32}, true, features)},
        {"gru_h64x2", make_spec(CellType::gru, {64, 64}, false, features)},
        {"single_h512", make_spec(CellType::lstm, {512}, false, features)},
    };
}

double training_flops(const ModelSpec& spec, int batch, int sequence_length)
{
    double forward = 0;
    int input = spec.features;
    for (int k = 0; k < spec.layers(); ++k) {
        const double h = spec.hidden[static_cast<std::size_t>(k)];
        forward += 2.0 * spec.gates() * h * (input + h) * spec.directions();
        input = spec.layer_output_width(k);
    }
    return 3.0 * forward * sequence_length * batch;
}

BenchResult run_benchmark(const BenchCase& bench_case, const BenchOptions& options)
{
    const int B = options.batch;
    const int T = options.sequence_length;
    ModelSpec spec = bench_case.spec;
    spec.features = options.features;
    Rng rng(1);
    Model<float> model(spec);
    model.initialize(rng);
    model.set_threads(options.threads);
    Adam<float> adam(AdamConfig{}, model.parameters().count());

    ColMatrix<float> x(spec.features, T * B);
    ColMatrix<float> y(spec.outputs, B);
    for (Eigen::Index k = 0; k < x.size(); ++k)
        x.data()[k] = static_cast<float>(rng.uniform(-1, 1));
    for (Eigen::Index k = 0; k < y.size(); ++k)
        y.data()[k] = static_cast<float>(rng.uniform(-1, 1));
    ColMatrix<float> d_predictions(spec.outputs, B);
    SeqMap<float> d_map(d_predictions.data(), spec.outputs, B);

    const auto train_step = [&] {
        model.parameters().zero_grad();
        const auto predictions = model.forward(x, T, B, Mode::training, &rng);
        compute_loss<float>(LossKind::mse, predictions, y, &d_map);
        model.backward(x, d_predictions);
        adam.step(model.parameters().mutable_values(), model.parameters().grads(), model.compute());
    };
    ColMatrix<float> window = x.leftCols(T);   // one window: (I, T) for batch 1
    const auto infer = [&] { model.forward(window, T, 1, Mode::inference); };

    for (int k = 0; k < options.warmup_steps; ++k) {
        train_step();
        infer();
    }
    // Training throughput is each block's rate; latency is the median of all the single forwards.
    std::vector<double> steps_per_s, steps_per_cpu_s, forward_seconds, forwards_per_cpu_s;
    for (int k = 0; k < options.blocks; ++k) {
        const Rate train = rate(train_step, options.seconds_per_block);
        const Rate latency = rate(infer, options.seconds_per_block / 3, &forward_seconds);
        steps_per_s.push_back(train.per_second);
        steps_per_cpu_s.push_back(train.per_cpu_second);
        forwards_per_cpu_s.push_back(latency.per_cpu_second);
    }

    BenchResult result;
    result.name = bench_case.name;
    result.parameters = static_cast<std::int64_t>(0);
    for (const TensorInfo& tensor : model.parameters().tensors())
        result.parameters += static_cast<std::int64_t>(tensor.size());
    const double steps = median(steps_per_s);
    result.train_samples_per_s = steps * B;
    result.latency_us = 1e6 * median(forward_seconds);
    result.train_gflops = steps * training_flops(spec, B, T) * 1e-9;
    result.threads = model.threads();
    result.train_samples_per_cpu_s = median(steps_per_cpu_s) * B;
    result.latency_cpu_us = 1e6 / median(forwards_per_cpu_s);
    return result;
}

} // namespace lstmlab
