#include "tests/benchmarks/onednn_anchor/anchor_timing.h"

#include "engine/train/benchmark.h"
#include "engine/train/call_timing.h"
#include "tests/benchmarks/onednn_anchor/anchor_check.h"

#include <omp.h>

#include <chrono>
#include <cstring>
#include <stdexcept>

namespace lstmlab::anchor {
namespace {

using Clock = std::chrono::steady_clock;

// Calls per second of one block of at least `seconds`.
template <typename Work>
double block_rate(Work&& work, double seconds)
{
    const auto start = Clock::now();
    const long count = time_each_call<Clock>(work, seconds, nullptr);
    return count / std::chrono::duration<double>(Clock::now() - start).count();
}

void require_equal(const std::vector<TensorDifference>& differences, const std::string& name)
{
    for (const TensorDifference& d : differences)
        if (!(d.relative <= equality_tolerance))
            throw std::runtime_error(name + ": oneDNN and the engine differ in " + d.tensor + " (relative " +
                                     std::to_string(d.relative) + " > 1e-5); nothing was timed");
}

} // namespace

CaseTiming time_case(const AnchorCase& c, int threads, const TimingOptions& options)
{
    omp_set_num_threads(threads);
    const dnnl::engine cpu(dnnl::engine::kind::cpu, 0);
    const GateLayout layout = gate_layout(c.cell);
    EngineStack engine(c, 1);
    engine.set_threads(threads);
    OnednnStack train(cpu, c.cell, c.features, c.hidden, c.steps, c.batch, true);
    OnednnStack forward_batch(cpu, c.cell, c.features, c.hidden, c.steps, c.batch, false);
    OnednnStack forward_one(cpu, c.cell, c.features, c.hidden, c.steps, 1, false);

    CaseTiming result;
    result.name = c.name;
    result.threads = threads;
    std::vector<TensorDifference> differences = compare_training(engine, train, layout);
    for (auto [stack, batch] : {std::pair{&forward_batch, c.batch}, std::pair{&forward_one, 1}}) {
        const auto more = compare_inference(engine, *stack, layout, batch);
        differences.insert(differences.end(), more.begin(), more.end());
    }
    require_equal(differences, c.name);
    result.worst_difference = worst(differences);
    result.onednn_forward_impl = train.layer(0).forward_implementation();
    result.onednn_backward_impl = train.layer(0).backward_implementation();

    const auto engine_train = [&] { engine.train_step(); };
    const auto onednn_train = [&] {
        train.prepare_weights();
        train.forward();
        train.backward();
    };
    const auto engine_forward = [&] { engine.forward_training(); };
    const auto onednn_forward = [&] {
        train.prepare_weights();
        train.forward();
    };
    const auto engine_batch = [&] { engine.forward_inference(c.batch); };
    const auto onednn_batch = [&] { forward_batch.forward(); };
    const auto engine_one = [&] { engine.forward_inference(1); };
    const auto onednn_one = [&] { forward_one.forward(); };
    for (int k = 0; k < 3; ++k) {
        engine_train(), onednn_train(), engine_forward(), onednn_forward();
        engine_batch(), onednn_batch(), engine_one(), onednn_one();
    }

    std::vector<double> train_rate[2], forward_rate[2], batch_calls[2], one_calls[2];
    const double s = options.seconds_per_block;
    for (int k = 0; k < options.blocks; ++k) {
        train_rate[0].push_back(block_rate(engine_train, s));
        train_rate[1].push_back(block_rate(onednn_train, s));
        forward_rate[0].push_back(block_rate(engine_forward, s / 3));
        forward_rate[1].push_back(block_rate(onednn_forward, s / 3));
        time_each_call<Clock>(engine_batch, s / 3, &batch_calls[0]);
        time_each_call<Clock>(onednn_batch, s / 3, &batch_calls[1]);
        time_each_call<Clock>(engine_one, s / 3, &one_calls[0]);
        time_each_call<Clock>(onednn_one, s / 3, &one_calls[1]);
    }
    const double flops = training_flops(c.spec(), c.batch, c.steps);
    for (int side = 0; side < 2; ++side) {
        SideFigures& f = side == 0 ? result.engine : result.onednn;
        const double steps = median(train_rate[side]);
        f.train_samples_per_s = steps * c.batch;
        f.train_gflops = steps * flops * 1e-9;
        f.forward_ms = 1e3 / median(forward_rate[side]);
        f.backward_ms = 1e3 / steps - f.forward_ms;
        f.forward_batch_us = 1e6 * median(batch_calls[side]);
        f.latency_us = 1e6 * median(one_calls[side]);
    }
    return result;
}

} // namespace lstmlab::anchor
