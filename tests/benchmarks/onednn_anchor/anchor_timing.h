// Timing of one case on both sides with lstmlab-cli bench's rules (engine/train/benchmark.h):
// 3 warm-up calls, then `blocks` timed blocks; a throughput is the median of the blocks' rates (each
// block runs at least `seconds_per_block`), a latency the median of every single call, each timed on
// its own (engine/train/call_timing.h). The two sides alternate block by block, so a slow moment of the
// machine hits both. Threads: the engine's team (Model::set_threads) and oneDNN's OpenMP threads
// (omp_set_num_threads; Debian's libdnnl is built with DNNL_CPU_RUNTIME OMP).
//
// Per side:
//   train      one training step's recurrent work at batch B: weights repacked/reordered (they change
//              every step), gradients zeroed, forward, backward with dx; samples/s and GFLOP/s
//              (training_flops: 3x the forward's 2 G H (I + H) per step, sample and layer)
//   forward    the forward half of it (ms), backward = train - forward (ms)
//   forward_b  an inference forward of B windows, weights unchanged (us)
//   latency    an inference forward of one window (us)
#pragma once

#include "tests/benchmarks/onednn_anchor/anchor_case.h"

#include <string>

namespace lstmlab::anchor {

struct TimingOptions {
    double seconds_per_block = 0.3;
    int blocks = 5;
};

struct SideFigures {
    double train_samples_per_s = 0;
    double train_gflops = 0;
    double forward_ms = 0;
    double backward_ms = 0;
    double forward_batch_us = 0;
    double latency_us = 0;
};

struct CaseTiming {
    std::string name;
    int threads = 1;
    SideFigures engine, onednn;
    double worst_difference = 0;         // of the equality check run first, at the timed batch
    std::string onednn_forward_impl, onednn_backward_impl;
};

// Checks equality at the case's batch first (training and both inference batches) and throws
// std::runtime_error naming the tensor when a difference exceeds equality_tolerance.
CaseTiming time_case(const AnchorCase& c, int threads, const TimingOptions& options);

} // namespace lstmlab::anchor
