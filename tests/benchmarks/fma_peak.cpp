// fma_peak: the machine's f32 fused multiply-add throughput per core, the ceiling the recurrent
// kernels are measured against (compare_anchor.py).
//
//   fma_peak [--threads 1,2] [--json]
//
// Each thread runs chains of independent vector FMAs (acc = acc * m + a) in registers, with the widest
// vector the compiler targets (this file is built with the project's -march=native): 512-bit
// (__AVX512F__, 16 floats), else 256-bit (__AVX2__ and __FMA__, 8 floats), else scalar std::fma.
// 12 chains hide the FMA latency on two pipes (latency 4 x 2 pipes = 8 in flight). A figure is the
// best of 7 repeats of ~0.1 s each, 2 x lanes x chains FLOPs per iteration; with n threads, each
// thread's rate and their sum (threads run at once, one per core when the machine is otherwise idle).
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#if defined(__AVX512F__) || (defined(__AVX2__) && defined(__FMA__))
#include <immintrin.h>
#endif

namespace {

#if defined(__AVX512F__)
constexpr const char* isa = "avx512f";
constexpr int lanes = 16;
using Vec = __m512;
inline Vec splat(float v) { return _mm512_set1_ps(v); }
inline Vec fma(Vec a, Vec b, Vec c) { return _mm512_fmadd_ps(a, b, c); }
inline float sum(Vec v)
{
    alignas(64) float x[16];
    _mm512_store_ps(x, v);
    float s = 0;
    for (float f : x)
        s += f;
    return s;
}
#elif defined(__AVX2__) && defined(__FMA__)
constexpr const char* isa = "avx2+fma";
constexpr int lanes = 8;
using Vec = __m256;
inline Vec splat(float v) { return _mm256_set1_ps(v); }
inline Vec fma(Vec a, Vec b, Vec c) { return _mm256_fmadd_ps(a, b, c); }
inline float sum(Vec v)
{
    alignas(32) float x[8];
    _mm256_store_ps(x, v);
    return x[0] + x[1] + x[2] + x[3] + x[4] + x[5] + x[6] + x[7];
}
#else
constexpr const char* isa = "scalar";
constexpr int lanes = 1;
using Vec = float;
inline Vec splat(float v) { return v; }
inline Vec fma(Vec a, Vec b, Vec c) { return std::fma(a, b, c); }
inline float sum(Vec v) { return v; }
#endif
constexpr int chains = 12;

// `iterations` x 12 independent FMAs; returns a value that depends on all of them.
float run_chains(long iterations, float m, float a)
{
    const Vec vm = splat(m), va = splat(a);
    Vec c0 = splat(1), c1 = splat(2), c2 = splat(3), c3 = splat(4), c4 = splat(5), c5 = splat(6);
    Vec c6 = splat(7), c7 = splat(8), c8 = splat(9), c9 = splat(10), c10 = splat(11), c11 = splat(12);
    for (long k = 0; k < iterations; ++k) {
        c0 = fma(c0, vm, va), c1 = fma(c1, vm, va), c2 = fma(c2, vm, va), c3 = fma(c3, vm, va);
        c4 = fma(c4, vm, va), c5 = fma(c5, vm, va), c6 = fma(c6, vm, va), c7 = fma(c7, vm, va);
        c8 = fma(c8, vm, va), c9 = fma(c9, vm, va), c10 = fma(c10, vm, va), c11 = fma(c11, vm, va);
    }
    return sum(c0) + sum(c1) + sum(c2) + sum(c3) + sum(c4) + sum(c5) + sum(c6) + sum(c7) + sum(c8) + sum(c9) +
           sum(c10) + sum(c11);
}

// GFLOP/s of one thread: the best of 7 repeats.
double thread_peak(volatile float* sink)
{
    using Clock = std::chrono::steady_clock;
    const long iterations = 20'000'000 / lanes;
    double best = 0;
    for (int repeat = 0; repeat < 7; ++repeat) {
        const auto start = Clock::now();
        // m < 1 and a > 0 keep every chain bounded and normal (it tends to a / (1 - m)).
        *sink = *sink + run_chains(iterations, 0.999999f, 1e-6f);
        const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
        best = std::max(best, 2.0 * lanes * chains * double(iterations) / seconds * 1e-9);
    }
    return best;
}

} // namespace

int main(int argc, char** argv)
{
    std::vector<int> counts{1, 2};
    bool json = false;
    for (int k = 1; k < argc; ++k) {
        const std::string a = argv[k];
        if (a == "--json") {
            json = true;
        } else if (a == "--threads" && k + 1 < argc) {
            counts.clear();
            const std::string list = argv[++k];
            for (std::size_t at = 0; at <= list.size();) {
                const std::size_t comma = std::min(list.find(',', at), list.size());
                const int n = std::atoi(list.substr(at, comma - at).c_str());
                if (n < 1 || n > 256) {
                    std::fprintf(stderr, "fma_peak: --threads: \"%s\" is not a list of thread counts (1..256)\n",
                                 list.c_str());
                    return 2;
                }
                counts.push_back(n);
                at = comma + 1;
            }
        } else {
            std::fprintf(stderr, "fma_peak: unknown option %s (use --threads 1,2 and --json)\n", a.c_str());
            return 2;
        }
    }
    std::vector<float> sinks(256, 0.0f);
    if (json)
        std::printf("{\"tool\": \"fma_peak\", \"isa\": \"%s\", \"lanes\": %d, \"chains\": %d, \"runs\": [", isa,
                    lanes, chains);
    for (std::size_t r = 0; r < counts.size(); ++r) {
        const int n = counts[r];
        std::vector<double> rates(std::size_t(n), 0.0);
        std::vector<std::thread> threads;
        for (int t = 0; t < n; ++t)
            threads.emplace_back([&, t] { rates[std::size_t(t)] = thread_peak(&sinks[std::size_t(t)]); });
        for (std::thread& t : threads)
            t.join();
        double total = 0, lowest = rates[0];
        for (double v : rates)
            total += v, lowest = std::min(lowest, v);
        if (json)
            std::printf("%s{\"threads\": %d, \"per_core_gflops\": %.1f, \"slowest_core_gflops\": %.1f, "
                        "\"total_gflops\": %.1f}",
                        r ? ", " : "", n, total / n, lowest, total);
        else
            std::printf("%s, %d lanes, %d chains, %d thread(s): %.1f GFLOP/s per core (slowest %.1f), %.1f "
                        "total\n",
                        isa, lanes, chains, n, total / n, lowest, total);
    }
    if (json)
        std::printf("]}\n");
    return 0;
}
