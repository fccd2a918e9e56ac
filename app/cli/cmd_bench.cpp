// lstmlab-cli bench [--json] [--quick] [--cases a,b] [--threads 1,2]
// Engine throughput on the tutorial's configurations (engine/train/benchmark.h).
#include "app/cli/commands.h"
#include "engine/core/json.h"
#include "engine/nn/summary.h"
#include "engine/train/benchmark.h"

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <thread>

namespace lstmlab::cli {
namespace {

std::string fixed(double value, int decimals)
{
    char text[64];
    std::snprintf(text, sizeof text, "%.*f", decimals, value);
    return text;
}

} // namespace

Command bench_command()
{
    Command command;
    command.name = "bench";
    command.synopsis = "engine training samples/s and single-window latency on the tutorial's configurations";
    command.options = {{"json", false, "", "print one JSON object instead of a table"},
                       {"quick", false, "", "short measurements (a smoke run, not for comparisons)"},
                       {"cases", true, "a,b", "only these cases (single_h32, stacked_h64x2, stacked_h128x2, "
                                              "attention_h32x2, gru_h64x2, single_h512)"},
                       {"threads", true, "1,2", "engine thread counts to measure (default 1)"}};
    command.run = [](const Arguments& args) {
        std::vector<BenchCase> cases = bench_cases();
        if (args.has("cases")) {
            std::vector<BenchCase> chosen;
            for (const std::string& name : args.string_list("cases")) {
                const auto it = std::find_if(cases.begin(), cases.end(), [&](const BenchCase& c) { return c.name == name; });
                if (it == cases.end())
                    throw UsageError("--cases: \"" + name + "\" is not a benchmark case");
                chosen.push_back(*it);
            }
            cases = chosen;
        }
        BenchOptions options;
        if (args.flag("quick")) {
            options.seconds_per_block = 0.02;
            options.blocks = 1;
            options.warmup_steps = 1;   // the first step sizes every workspace
        }
        const std::vector<int> thread_counts = args.integer_list("threads", {1}, 1, 256);
        const bool json = args.flag("json");
        Json results = Json::array();
        if (!json)
            std::cout << "case              threads    params   train samples/s   train GFLOP/s   latency us"
                         "   samples/cpu-s   latency cpu-us\n";
        for (const BenchCase& bench_case : cases)
            for (int threads : thread_counts) {
                options.threads = threads;
                const BenchResult r = run_benchmark(bench_case, options);
                if (json) {
                    Json row = Json::object();
                    row.set("name", r.name);
                    row.set("threads", r.threads);
                    row.set("parameters", r.parameters);
                    row.set("train_samples_per_s", r.train_samples_per_s);
                    row.set("train_gflops", r.train_gflops);
                    row.set("latency_us", r.latency_us);
                    row.set("train_samples_per_cpu_s", r.train_samples_per_cpu_s);
                    row.set("latency_cpu_us", r.latency_cpu_us);
                    results.push_back(row);
                } else {
                    std::string name = r.name;
                    name.resize(16, ' ');
                    std::printf("%s %9d %9s %17s %15s %12s %15s %16s\n", name.c_str(), r.threads,
                                group_thousands(r.parameters).c_str(), fixed(r.train_samples_per_s, 0).c_str(),
                                fixed(r.train_gflops, 2).c_str(), fixed(r.latency_us, 1).c_str(),
                                fixed(r.train_samples_per_cpu_s, 0).c_str(), fixed(r.latency_cpu_us, 1).c_str());
                    std::fflush(stdout);
                }
            }
        if (json) {
            Json out = Json::object();
            out.set("tool", "lstmlab");
            out.set("batch", options.batch);
            out.set("sequence_length", options.sequence_length);
            out.set("features", options.features);
            out.set("hardware_threads", static_cast<int>(std::thread::hardware_concurrency()));
            out.set("cases", results);
            std::cout << to_json(out, true) << "\n";
        }
        return 0;
    };
    return command;
}

} // namespace lstmlab::cli
