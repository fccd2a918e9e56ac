"""The PyTorch side of LSTM Lab's benchmark: training throughput and inference latency of the
tutorial's architectures, built by the reference module (resources/python/lstmlab_torch.py).

    /usr/bin/python3 tests/benchmarks/bench_torch.py [--threads 1,2] [--cases a,b] [--quick] [--json]

Every case: batch 64, sequence length 20, 10 features, 1 output, float32, Adam lr 1e-3, MSE.
  train_samples_per_s  full steps (zero_grad, forward, loss, backward, Adam step) after a warm-up,
                       timed in repeats of several steps; the median repeat, times 64 samples / step
  latency_us           one window (batch 1), eval mode, torch.no_grad(); median of single calls
  *_cpu_*              the same measured in process CPU time (all threads): with one thread, a
                       figure that survives other jobs on the machine better than wall time does

Threads: torch.set_num_threads(n) sets PyTorch's intra-op threads, but OpenBLAS (the BLAS that
Debian's torch calls for its matrix products) sizes its own pool from OPENBLAS_NUM_THREADS when the
library loads, i.e. when torch is imported. So the script runs one child process per thread count,
each started with OPENBLAS_NUM_THREADS = OMP_NUM_THREADS = n in a clean environment; the parent never
imports torch and only collects the children's JSON.

OpenBLAS kernels: OpenBLAS 0.3.21 (Debian 12) picks its kernels from the CPU model, and a CPU newer
than it knows gets the generic SSE3 "Prescott" kernels (measured here: 3x slower training for lstm
[512]). --openblas-coretype auto (the default) therefore sets OPENBLAS_CORETYPE from the CPU's flags
(SkylakeX with AVX-512, Haswell with AVX2) unless the environment already sets it; "native" leaves
OpenBLAS's own choice alone. The kernel in use is printed and stored in the JSON either way.
"""

import argparse
import ctypes
import json
import os
import re
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
MODULE_DIR = os.path.join(HERE, "..", "..", "resources", "python")

BATCH, STEPS, FEATURES, OUTPUTS = 64, 20, 10, 1
LEARNING_RATE = 1e-3
CASES = {
    "single_h32": {"hidden": [32]},
    "stacked_h64x2": {"hidden": [64, 64]},
    "stacked_h128x2": {"hidden": [128, 128]},
    "attention_h32x2": {"hidden": [32, 32], "attention": True},
    "gru_h64x2": {"cell": "gru", "hidden": [64, 64]},
    "single_h512": {"hidden": [512]},
}
# (warm-up steps, repeats, seconds per repeat, latency calls) for a full and a --quick run.
FULL = {"warmup": 5, "repeats": 7, "repeat_seconds": 0.5, "latency_calls": 300}
QUICK = {"warmup": 1, "repeats": 2, "repeat_seconds": 0.02, "latency_calls": 10}


# ---------------------------------------------------------------------------------------------
# Child: one thread count, torch imported after the parent set the environment.
# ---------------------------------------------------------------------------------------------

def blas_binding(torch):
    """How torch reaches a BLAS: its build line, the BLAS libraries mapped after a matmul, and
    what OpenBLAS itself reports (version/config and its thread count)."""
    a = torch.randn(256, 256)
    torch.mm(a, a)   # make sure the GEMM path has run (and any lazy loading happened)
    build = re.search(r"BLAS_INFO=([^,\s]+)", torch.__config__.show())
    with open("/proc/self/maps") as maps:
        paths = sorted({line.split()[-1] for line in maps
                        if len(line.split()) >= 6 and re.search(r"blas|mkl", line.split()[-1])})
    info = {"torch_build": f"BLAS_INFO={build.group(1)}" if build else "unknown",
            "mapped": paths, "resolved": sorted({os.path.realpath(p) for p in paths}),
            "openblas": any("libopenblas" in os.path.realpath(p) for p in paths)}
    for path in paths:
        if "libopenblas" in os.path.realpath(path):
            library = ctypes.CDLL(path)   # the handle of the library already loaded
            library.openblas_get_config.restype = ctypes.c_char_p
            info["openblas_config"] = library.openblas_get_config().decode()
            info["openblas_threads"] = library.openblas_get_num_threads()
            library.openblas_get_corename.restype = ctypes.c_char_p
            info["openblas_core"] = library.openblas_get_corename().decode()
            break
    return info


def time_training(torch, model, plan):
    x = torch.randn(BATCH, STEPS, FEATURES)
    y = torch.randn(BATCH, OUTPUTS)
    optimizer = torch.optim.Adam(model.parameters(), lr=LEARNING_RATE)
    criterion = torch.nn.MSELoss()
    model.train()

    def step():
        optimizer.zero_grad()
        loss = criterion(model(x), y)
        loss.backward()
        optimizer.step()

    for _ in range(plan["warmup"]):
        step()
    start = time.perf_counter()
    step()
    steps = max(1, round(plan["repeat_seconds"] / (time.perf_counter() - start)))
    rates, cpu_rates = [], []
    for _ in range(plan["repeats"]):
        start, cpu_start = time.perf_counter(), time.process_time()
        for _ in range(steps):
            step()
        rates.append(BATCH * steps / (time.perf_counter() - start))
        cpu_rates.append(BATCH * steps / max(time.process_time() - cpu_start, 1e-9))
    return statistics.median(rates), statistics.median(cpu_rates)


def time_latency(torch, model, plan):
    x = torch.randn(1, STEPS, FEATURES)
    model.eval()
    times, cpu_times = [], []
    with torch.no_grad():
        for _ in range(plan["warmup"] * 4):
            model(x)
        for _ in range(plan["latency_calls"]):
            start, cpu_start = time.perf_counter_ns(), time.process_time_ns()
            model(x)
            times.append((time.perf_counter_ns() - start) / 1000.0)
            cpu_times.append((time.process_time_ns() - cpu_start) / 1000.0)
    return statistics.median(times), statistics.median(cpu_times)


def run_child(threads, names, plan):
    import torch   # after the parent put OPENBLAS_NUM_THREADS in our environment
    sys.path.insert(0, MODULE_DIR)
    import lstmlab_torch

    torch.set_num_threads(threads)
    torch.manual_seed(0)
    results = []
    for name in names:
        model = lstmlab_torch.build_model({**CASES[name], "features": FEATURES, "outputs": OUTPUTS})
        train, train_cpu = time_training(torch, model, plan)
        latency, latency_cpu = time_latency(torch, model, plan)
        results.append({"name": name, "threads": threads, "train_samples_per_s": round(train, 1),
                        "latency_us": round(latency, 1),
                        "train_samples_per_cpu_s": round(train_cpu, 1),
                        "latency_cpu_us": round(latency_cpu, 1)})
    return {"torch": torch.__version__, "blas": blas_binding(torch),
            "torch_threads": torch.get_num_threads(), "cases": results}


# ---------------------------------------------------------------------------------------------
# Parent: one child per thread count, then the table or the JSON object.
# ---------------------------------------------------------------------------------------------

def cpu_flags():
    try:
        with open("/proc/cpuinfo") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("flags"):
                    return set(line.split(":", 1)[1].split())
    except OSError:
        pass
    return set()


def cpu_busy_fraction(seconds=1.0):
    """Share of all CPUs busy over `seconds` (from /proc/stat): other work skews every figure."""
    def sample():
        with open("/proc/stat") as stat:
            values = [int(v) for v in stat.readline().split()[1:]]
        idle = values[3] + values[4]   # idle + iowait
        return sum(values[:8]) - idle, idle
    try:
        busy1, idle1 = sample()
        time.sleep(seconds)
        busy2, idle2 = sample()
    except (OSError, ValueError, IndexError):
        return None
    total = (busy2 - busy1) + (idle2 - idle1)
    return (busy2 - busy1) / total if total > 0 else None


def openblas_coretype(choice):
    """The OPENBLAS_CORETYPE to give the children (None: let OpenBLAS detect the CPU)."""
    if choice == "native":
        return None
    if choice != "auto":
        return choice
    if os.environ.get("OPENBLAS_CORETYPE"):
        return os.environ["OPENBLAS_CORETYPE"]
    flags = cpu_flags()
    return "SkylakeX" if "avx512f" in flags else "Haswell" if "avx2" in flags else None


def launch(threads, arguments):
    environment = dict(os.environ, OPENBLAS_NUM_THREADS=str(threads), OMP_NUM_THREADS=str(threads),
                       MKL_NUM_THREADS=str(threads))
    environment.pop("OPENBLAS_CORETYPE", None)
    if arguments.coretype:
        environment["OPENBLAS_CORETYPE"] = arguments.coretype
    command = [sys.executable, os.path.abspath(__file__), "--child", str(threads),
               "--cases", ",".join(arguments.case_names)] + (["--quick"] if arguments.quick else [])
    done = subprocess.run(command, env=environment, stdout=subprocess.PIPE, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"bench_torch: the child for {threads} thread(s) failed (exit {done.returncode})")
    return json.loads(done.stdout)


def best_of(cases):
    best = {}
    for case in cases:
        entry = best.setdefault(case["name"], {"name": case["name"], "train_samples_per_s": 0.0,
                                               "latency_us": float("inf")})
        if case["train_samples_per_s"] > entry["train_samples_per_s"]:
            entry.update(train_samples_per_s=case["train_samples_per_s"], train_threads=case["threads"])
        if case["latency_us"] < entry["latency_us"]:
            entry.update(latency_us=case["latency_us"], latency_threads=case["threads"])
    return list(best.values())


def describe_blas(children, stream):
    for threads, child in children:
        blas = child["blas"]
        print(f"[{threads} thread(s)] torch {child['torch']} {blas['torch_build']}; "
              f"intra-op threads {child['torch_threads']}; OpenBLAS mapped: "
              f"{'yes' if blas['openblas'] else 'NO'} ({', '.join(blas['resolved']) or 'none'})",
              file=stream)
        if "openblas_config" in blas:
            print(f"[{threads} thread(s)] {blas['openblas_config']}; kernels {blas['openblas_core']}; "
                  f"OpenBLAS threads {blas['openblas_threads']}", file=stream)


def print_table(cases, best):
    print(f"\n{'case':<18}{'threads':>8}{'train samples/s':>17}{'latency us':>12}"
          f"{'samples/cpu-s':>15}{'latency cpu-us':>16}")
    for case in cases:
        print(f"{case['name']:<18}{case['threads']:>8}{case['train_samples_per_s']:>17,.0f}"
              f"{case['latency_us']:>12,.1f}{case['train_samples_per_cpu_s']:>15,.0f}"
              f"{case['latency_cpu_us']:>16,.1f}")
    print("\nbest over thread counts")
    for entry in best:
        print(f"{entry['name']:<18}{entry['train_samples_per_s']:>12,.0f} samples/s "
              f"({entry['train_threads']} thr){entry['latency_us']:>10,.1f} us "
              f"({entry['latency_threads']} thr)")


def parse_arguments():
    parser = argparse.ArgumentParser(description="PyTorch side of the LSTM Lab benchmark")
    parser.add_argument("--threads", default="1,2", help="thread counts, e.g. 1,2 (default)")
    parser.add_argument("--cases", default=",".join(CASES), help="comma-separated case names")
    parser.add_argument("--quick", action="store_true", help="few repetitions (a smoke test)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--openblas-coretype", default="auto",
                        help="auto (default: from the CPU flags), native, or an OpenBLAS core name")
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    arguments.case_names = [n for n in arguments.cases.split(",") if n]
    unknown = [n for n in arguments.case_names if n not in CASES]
    if unknown or not arguments.case_names:
        parser.error(f"--cases: unknown {unknown}; known: {', '.join(CASES)}")
    try:
        arguments.thread_counts = [int(n) for n in arguments.threads.split(",") if n]
    except ValueError:
        parser.error(f"--threads: {arguments.threads!r} is not a list of integers")
    if not arguments.thread_counts or min(arguments.thread_counts) < 1:
        parser.error(f"--threads: {arguments.threads!r} needs thread counts of 1 or more")
    arguments.coretype = openblas_coretype(arguments.openblas_coretype)
    return arguments


def main():
    arguments = parse_arguments()
    plan = QUICK if arguments.quick else FULL
    if arguments.child is not None:
        print(json.dumps(run_child(arguments.child, arguments.case_names, plan)))
        return
    busy_before = cpu_busy_fraction()
    children = [(n, launch(n, arguments)) for n in arguments.thread_counts]
    cases = [case for _, child in children for case in child["cases"]]
    best = best_of(cases)
    stream = sys.stderr if arguments.json else sys.stdout
    describe_blas(children, stream)
    print(f"OPENBLAS_CORETYPE: {arguments.coretype or 'not set (OpenBLAS detects the CPU)'}",
          file=stream)
    if busy_before is not None:
        print(f"CPUs busy with other work just before the run: {busy_before:.0%} of "
              f"{os.cpu_count()}{' -- figures are unreliable' if busy_before > 0.1 else ''}",
              file=stream)
    if arguments.json:
        print(json.dumps({"tool": "pytorch", "torch": children[0][1]["torch"],
                          "blas": children[0][1]["blas"], "threads": arguments.thread_counts,
                          "openblas_coretype": arguments.coretype, "cpu_busy_before": busy_before,
                          "quick": arguments.quick, "cases": cases, "best": best}))
    else:
        print_table(cases, best)


if __name__ == "__main__":
    main()
