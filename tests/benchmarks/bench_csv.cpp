// bench_csv: load time and peak memory of the engine's CSV loader on one file (a benchmark
// program, not a test; bench_csv.sh runs it beside pandas.read_csv on the same generated file).
//
//   bench_csv FILE.csv [--repeat N]
// prints one JSON object: rows, bytes, the best load time over N runs (default 3), rows per second,
// and peak resident memory (getrusage ru_maxrss) before and after loading, in MiB.
#include "engine/core/error.h"
#include "engine/data/csv_load.h"

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace {

double peak_rss_mib()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB on Linux
}

} // namespace

int main(int argc, char** argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_csv FILE.csv [--repeat N]\n");
        return 2;
    }
    const std::string path = argv[1];
    int repeat = 3;
    if (argc == 4 && std::string(argv[2]) == "--repeat")
        repeat = std::max(1, std::atoi(argv[3]));
    try {
        const double rss_before = peak_rss_mib();
        double best_seconds = 1e300;
        std::size_t rows = 0;
        std::uint64_t bytes = 0;
        for (int run = 0; run < repeat; ++run) {
            const auto start = std::chrono::steady_clock::now();
            const lstmlab::LoadResult result = lstmlab::load_csv(path);
            const auto stop = std::chrono::steady_clock::now();
            best_seconds = std::min(best_seconds, std::chrono::duration<double>(stop - start).count());
            rows = result.frame.rows();
            bytes = result.report.bytes;
        }
        std::printf("{\"tool\":\"lstmlab\",\"rows\":%zu,\"bytes\":%llu,\"seconds\":%.4f,\"rows_per_s\":%.0f,"
                    "\"peak_rss_mib_before\":%.1f,\"peak_rss_mib\":%.1f,\"file_mib\":%.1f}\n",
                    rows, static_cast<unsigned long long>(bytes), best_seconds, double(rows) / best_seconds, rss_before,
                    peak_rss_mib(), double(bytes) / (1024.0 * 1024.0));
    } catch (const lstmlab::Error& error) {
        std::fprintf(stderr, "%s\n", error.what());
        return 1;
    }
    return 0;
}
