// onednn_anchor: the engine's recurrent layers against oneDNN's RNN primitives (vanilla_lstm,
// lbr_gru), the kernels behind PyTorch 2's CPU LSTM and GRU, in one process on the same weights.
//
//   onednn_anchor --check                  the equality test (CTest, label unit): small batches, every
//                                          output and gradient within 1e-5 relative, and a wrong gate
//                                          order must be caught; exit 0 or 1
//   onednn_anchor [--threads 1,2] [--cases a,b] [--quick] [--json]
//                                          every case: the same check at batch 64, then the timing
//                                          (anchor_timing.h), a table or one JSON object on stdout
#include "engine/core/json.h"
#include "tests/benchmarks/onednn_anchor/anchor_check.h"
#include "tests/benchmarks/onednn_anchor/anchor_timing.h"

#include <oneapi/dnnl/dnnl.hpp>
#include <omp.h>

#include <cstdio>
#include <cstring>
#include <iostream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>

namespace {

using namespace lstmlab;
using namespace lstmlab::anchor;

std::vector<std::string> split(const std::string& text)
{
    std::vector<std::string> out;
    std::stringstream stream(text);
    for (std::string item; std::getline(stream, item, ',');)
        out.push_back(item);
    return out;
}

// The CTest check: three cases at batch 5 (not a multiple of any vector width), one and two threads,
// training and single-window inference; then the same with the first two gates swapped, which must fail.
int run_check()
{
    const dnnl::engine cpu(dnnl::engine::kind::cpu, 0);
    const int batch = 5;
    bool ok = true;
    for (const AnchorCase& c : anchor_cases(batch)) {
        if (c.name != "single_h32" && c.name != "attention_h32x2" && c.name != "gru_h64x2")
            continue;
        const GateLayout layout = gate_layout(c.cell);
        for (int threads : {1, 2}) {
            omp_set_num_threads(threads);
            EngineStack engine(c, 7);
            engine.set_threads(threads);
            OnednnStack train(cpu, c.cell, c.features, c.hidden, c.steps, c.batch, true);
            OnednnStack one(cpu, c.cell, c.features, c.hidden, c.steps, 1, false);
            std::vector<TensorDifference> d = compare_training(engine, train, layout);
            const auto inference = compare_inference(engine, one, layout, 1);
            d.insert(d.end(), inference.begin(), inference.end());
            for (const TensorDifference& t : d) {
                const bool good = t.relative <= equality_tolerance;
                ok = ok && good;
                std::printf("%-16s threads %d  %-34s relative %.2e  %s\n", c.name.c_str(), threads, t.tensor.c_str(),
                            t.relative, good ? "ok" : "DIFFERENT");
            }
        }
        // The control: a gate order that is wrong must be far outside the tolerance.
        EngineStack engine(c, 7);
        OnednnStack train(cpu, c.cell, c.features, c.hidden, c.steps, c.batch, true);
        const double wrong = worst(compare_training(engine, train, swapped_first_gates(layout)));
        const bool caught = wrong > 100 * equality_tolerance;
        ok = ok && caught;
        std::printf("%-16s swapped first two gates: worst relative %.2e  %s\n", c.name.c_str(), wrong,
                    caught ? "caught (as it must be)" : "NOT CAUGHT");
    }
    std::printf("%s\n", ok ? "oneDNN equals the engine within 1e-5 relative" : "FAILED");
    return ok ? 0 : 1;
}

Json side_json(const SideFigures& f)
{
    Json o = Json::object();
    o.set("train_samples_per_s", f.train_samples_per_s);
    o.set("train_gflops", f.train_gflops);
    o.set("forward_ms", f.forward_ms);
    o.set("backward_ms", f.backward_ms);
    o.set("forward_batch_us", f.forward_batch_us);
    o.set("latency_us", f.latency_us);
    return o;
}

void print_row(const CaseTiming& r, const char* side, const SideFigures& f)
{
    std::printf("%-16s %7d  %-7s %12.0f %9.2f %10.3f %10.3f %12.1f %11.1f\n", r.name.c_str(), r.threads, side,
                f.train_samples_per_s, f.train_gflops, f.forward_ms, f.backward_ms, f.forward_batch_us,
                f.latency_us);
}

int run_bench(const std::vector<std::string>& names, const std::vector<int>& thread_counts, bool quick, bool json)
{
    TimingOptions options;
    if (quick) {
        options.seconds_per_block = 0.02;
        options.blocks = 1;
    }
    std::vector<AnchorCase> cases;
    for (const AnchorCase& c : anchor_cases(64))
        if (names.empty() || std::find(names.begin(), names.end(), c.name) != names.end())
            cases.push_back(c);
    if (cases.empty())
        throw std::invalid_argument("--cases: none of the names is a case (single_h32, stacked_h64x2, "
                                    "stacked_h128x2, attention_h32x2, gru_h64x2, single_h512)");
    Json rows = Json::array();
    if (!json)
        std::printf("case             threads  side    train smp/s  GFLOP/s  fwd ms(64) bwd ms(64) fwd us(64) "
                    "latency us\n");
    for (const AnchorCase& c : cases)
        for (int threads : thread_counts) {
            const CaseTiming r = time_case(c, threads, options);
            if (json) {
                Json row = Json::object();
                row.set("name", r.name);
                row.set("threads", r.threads);
                row.set("worst_relative_difference", r.worst_difference);
                row.set("engine", side_json(r.engine));
                row.set("onednn", side_json(r.onednn));
                row.set("onednn_forward_impl", r.onednn_forward_impl);
                row.set("onednn_backward_impl", r.onednn_backward_impl);
                rows.push_back(row);
            } else {
                print_row(r, "engine", r.engine);
                print_row(r, "oneDNN", r.onednn);
                std::printf("%-16s %7d  ratio   %11.2fx %19s %10s %11.2fx %10.2fx   (check %.1e; %s / %s)\n", "",
                            r.threads, r.engine.train_samples_per_s / r.onednn.train_samples_per_s, "", "",
                            r.onednn.forward_batch_us / r.engine.forward_batch_us,
                            r.onednn.latency_us / r.engine.latency_us, r.worst_difference,
                            r.onednn_forward_impl.c_str(), r.onednn_backward_impl.c_str());
                std::fflush(stdout);
            }
        }
    if (json) {
        Json out = Json::object();
        const dnnl_version_t* v = dnnl_version();
        out.set("tool", "onednn_anchor");
        out.set("onednn", std::to_string(v->major) + "." + std::to_string(v->minor) + "." + std::to_string(v->patch));
        out.set("batch", 64);
        out.set("sequence_length", 20);
        out.set("features", 10);
        out.set("quick", quick);
        out.set("hardware_threads", static_cast<int>(std::thread::hardware_concurrency()));
        out.set("cases", rows);
        std::cout << to_json(out, true) << "\n";
    }
    return 0;
}

} // namespace

int main(int argc, char** argv)
{
    try {
        std::vector<std::string> names;
        std::vector<int> threads{1};
        bool quick = false, json = false, check = false;
        for (int k = 1; k < argc; ++k) {
            const std::string a = argv[k];
            const bool has_value = k + 1 < argc;
            if (a == "--check")
                check = true;
            else if (a == "--quick")
                quick = true;
            else if (a == "--json")
                json = true;
            else if (a == "--cases" && has_value)
                names = split(argv[++k]);
            else if (a == "--threads" && has_value) {
                threads.clear();
                for (const std::string& t : split(argv[++k])) {
                    const int n = std::atoi(t.c_str());
                    if (n < 1 || n > 256)
                        throw std::invalid_argument("--threads: \"" + t + "\" is not a thread count (1..256)");
                    threads.push_back(n);
                }
            } else
                throw std::invalid_argument("unknown option or missing value: " + a +
                                            " (use --check, or --threads 1,2 --cases a,b --quick --json)");
        }
        return check ? run_check() : run_bench(names, threads, quick, json);
    } catch (const std::invalid_argument& e) {
        std::fprintf(stderr, "onednn_anchor: %s\n", e.what());
        return 2;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "onednn_anchor: %s\n", e.what());
        return 1;
    }
}
