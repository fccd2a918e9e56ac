// Benchmark: training throughput and single-window latency of the engine on the tutorial's
// configurations, the numbers behind `lstmlab-cli bench` (and tests/benchmarks for PyTorch's side).
//
// Training: batch 64 windows of 20 steps x 10 features, one output, MSE, Adam; a step is
// zero_grad -> forward -> loss -> backward -> update. Reported as samples/s = 64 x steps / second,
// the median over several timed blocks after a warm-up.
// Latency: one window (batch 1), inference mode, the median of single forwards' wall times, each
// timed on its own, as tests/benchmarks/bench_torch.py times PyTorch's.
// Each figure is also given in process CPU time (all threads together; for latency, a block's
// average per forward, median of the blocks): with one thread it survives other jobs on a shared
// machine much better than wall time; with two, CPU time far above wall time shows members waiting
// rather than working. `threads` is Model::set_threads (results do not change).
// FLOPs counted as in the literature: a recurrent direction's forward costs 2 G H (I + H) per step
// and sample (G = 4H rows for LSTM, 3H for GRU, multiply-add = 2), training ~3x forward.
#pragma once

#include "engine/nn/model_spec.h"

#include <string>
#include <vector>

namespace lstmlab {

struct BenchCase {
    std::string name;   // "single_h32", "stacked_h64x2", ...
    ModelSpec spec;
};

struct BenchOptions {
    int batch = 64;
    int sequence_length = 20;
    int features = 10;
    double seconds_per_block = 0.3;   // each timed block runs at least this long
    int blocks = 5;                   // median of this many blocks
    int warmup_steps = 3;             // untimed training steps and forwards first (workspaces, caches)
    int threads = 1;                  // Model::set_threads
};

struct BenchResult {
    std::string name;
    std::int64_t parameters = 0;
    double train_samples_per_s = 0;
    double latency_us = 0;
    int threads = 1;
    double train_gflops = 0;         // achieved, from the FLOP count above
    double train_samples_per_cpu_s = 0;
    double latency_cpu_us = 0;
};

// The cases of the performance issue: single h32, stacked h64x2, stacked h128x2, attention h32x2,
// GRU h64x2, single h512 (features 10, outputs 1).
std::vector<BenchCase> bench_cases(int features = 10);
// Floating-point operations of one training step over `batch` windows (forward + backward ~ 3x).
double training_flops(const ModelSpec& spec, int batch, int sequence_length);
BenchResult run_benchmark(const BenchCase& bench_case, const BenchOptions& options);

} // namespace lstmlab
