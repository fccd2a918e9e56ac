"""LSTM Lab's engine against PyTorch on the same machine, in the same run, interleaved.

    /usr/bin/python3 tests/benchmarks/compare.py [--cli build/app/lstmlab-cli] [--rounds 3]
                                                 [--threads 1,2] [--cases a,b] [--quick] [--json]

For every round and every case, the engine (`lstmlab-cli bench --json`) and PyTorch (bench_torch.py)
run back to back, each at every thread count, so that a slow moment of the machine hits both sides.
Each figure is the median over the rounds; each side then takes its best thread count (highest
training samples/s, lowest latency), and the ratios are engine over PyTorch for training and PyTorch
over engine for latency (both > 1 when the engine is faster).
The same run also measures the ceiling of the issue's efficiency target: single-thread OpenBLAS SGEMM
GFLOP/s (numpy float32 matmul with OPENBLAS_NUM_THREADS=1 and the kernels bench_torch.py gives
PyTorch), at the GEMM shapes of an h512 training step and at 1024^3; the engine's single_h512 training
GFLOP/s (one thread) is reported as a fraction of the best of them, and round by round against the
ceiling measured right after that round's single_h512.
This machine's speed drifts by 20-40 % from minute to minute, so the run also prints every round's own
ratios (engine and PyTorch of one round ran back to back): their range is the run's noise.
Figures in process CPU time are printed beside the wall-clock ones: on a shared machine, one-thread
CPU-time figures are the ones to trust.
"""

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, HERE)
import bench_torch  # noqa: E402  (the case list, the OpenBLAS kernel choice and the CPU-load probe)

# The targets: training ratio (engine / PyTorch), latency ratio (PyTorch / engine).
TARGETS = {
    "single_h32": (5.0, 10.0), "attention_h32x2": (5.0, 10.0), "stacked_h64x2": (4.0, 10.0),
    "gru_h64x2": (4.0, 10.0), "stacked_h128x2": (2.5, 10.0), "single_h512": (1.5, 4.0),
}
EFFICIENCY_TARGET = 0.70

SGEMM_CHILD = r"""
import json, re, sys, time
import numpy as np
shapes = json.loads(sys.argv[1])
def gflops(m, k, n):
    a = np.random.rand(m, k).astype(np.float32); b = np.random.rand(k, n).astype(np.float32)
    c = a @ b
    reps = max(1, int(2e9 / (2.0 * m * k * n)))
    times = []
    for _ in range(5):
        start = time.process_time()
        for _ in range(reps):
            np.matmul(a, b, out=c)
        times.append((time.process_time() - start) / reps)
    return 2.0 * m * k * n / statistics.median(times) / 1e9
import statistics
with open("/proc/self/maps") as maps:
    libs = sorted({l.split()[-1] for l in maps if len(l.split()) >= 6 and re.search(r"blas", l.split()[-1])})
print(json.dumps({"libraries": libs, "gflops": [[m, k, n, round(gflops(m, k, n), 1)] for m, k, n in shapes]}))
"""
# (M, K, N) of an h512 training step (batch 64, 20 steps, 10 features): the per-step forward and
# backward products, the weight gradient over all steps, and a square reference.
SGEMM_SHAPES = [[2048, 522, 64], [512, 2048, 64], [523, 1280, 2048], [1024, 1024, 1024]]


def lscpu():
    try:
        text = subprocess.run(["lscpu"], capture_output=True, text=True, check=False).stdout
    except OSError:
        return {}
    fields = {}
    for line in text.splitlines():
        key, _, value = line.partition(":")
        fields[key.strip()] = value.strip()
    return {"model": fields.get("Model name", platform.processor()), "cpus": fields.get("CPU(s)", "?"),
            "l2": fields.get("L2 cache", "?"), "l3": fields.get("L3 cache", "?")}


def run_json(command, environment=None):
    done = subprocess.run(command, capture_output=True, text=True, check=False, env=environment)
    if done.returncode != 0:
        sys.exit(f"compare: {' '.join(command)} failed (exit {done.returncode}):\n{done.stderr}")
    return json.loads(done.stdout), done.stderr


def engine_round(cli, case, threads, quick):
    command = [cli, "bench", "--json", "--cases", case, "--threads", ",".join(map(str, threads))]
    result, _ = run_json(command + (["--quick"] if quick else []))
    return result["cases"]


def torch_round(case, threads, quick):
    command = [sys.executable, os.path.join(HERE, "bench_torch.py"), "--json", "--cases", case,
               "--threads", ",".join(map(str, threads))]
    result, report = run_json(command + (["--quick"] if quick else []))
    return result["cases"], result, report


def sgemm_ceiling(coretype):
    environment = dict(os.environ, OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1")
    environment.pop("OPENBLAS_CORETYPE", None)
    if coretype:
        environment["OPENBLAS_CORETYPE"] = coretype
    result, _ = run_json([sys.executable, "-c", SGEMM_CHILD, json.dumps(SGEMM_SHAPES)], environment)
    return result


def medians(rows):
    """{(name, threads): {field: median}} over the rounds."""
    grouped = {}
    for row in rows:
        grouped.setdefault((row["name"], row["threads"]), []).append(row)
    fields = ["train_samples_per_s", "latency_us", "train_samples_per_cpu_s", "latency_cpu_us"]
    out = {}
    for key, group in grouped.items():
        out[key] = {f: statistics.median(r[f] for r in group) for f in fields if f in group[0]}
        if "train_gflops" in group[0]:
            out[key]["train_gflops"] = statistics.median(r["train_gflops"] for r in group)
    return out


def paired_ratios(engine_rows, torch_rows, cases, rounds, threads):
    """{name: {"train": [...], "latency": [...]}}: each round's ratio, best thread count on each side
    within the round. Both sides of a round ran back to back, so a slow minute of the machine moves
    both: the spread of these is the run's own measure of its noise."""
    out = {name: {"train": [], "latency": []} for name in cases}
    for k in range(rounds):
        engine = medians([r for r in engine_rows if r["round"] == k])   # one row each: the round's figures
        torch = medians([r for r in torch_rows if r["round"] == k])
        for name in cases:
            out[name]["train"].append(best(engine, name, threads, "train_samples_per_s", True)[0] /
                                      best(torch, name, threads, "train_samples_per_s", True)[0])
            out[name]["latency"].append(best(torch, name, threads, "latency_us", False)[0] /
                                        best(engine, name, threads, "latency_us", False)[0])
    return out


def round_efficiency(engine_rows, round_sgemm):
    """Each round's single_h512 one-thread training GFLOP/s per CPU second over the SGEMM ceiling
    measured right after it."""
    fractions = []
    for k, ceiling in enumerate(round_sgemm):
        rows = [r for r in engine_rows if r["name"] == "single_h512" and r["threads"] == 1 and r["round"] == k]
        if rows:
            r = rows[0]
            fractions.append(r["train_gflops"] * r["train_samples_per_cpu_s"] / r["train_samples_per_s"] / ceiling)
    return fractions


def spread(values, unit="x"):
    if not values:
        return ""
    if unit == "%":
        return f"{min(values):.0%}-{max(values):.0%}"
    return f"{min(values):.1f}-{max(values):.1f}{unit}"


def best(table, name, threads, field, highest):
    candidates = [(table[(name, n)][field], n) for n in threads if (name, n) in table]
    return (max if highest else min)(candidates)


def parse_arguments():
    parser = argparse.ArgumentParser(description="engine vs PyTorch, interleaved")
    parser.add_argument("--cli", default=os.path.join(ROOT, "build", "app", "lstmlab-cli"))
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--threads", default="1,2")
    parser.add_argument("--cases", default=",".join(bench_torch.CASES))
    parser.add_argument("--quick", action="store_true", help="short measurements (a smoke run)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    arguments = parser.parse_args()
    arguments.threads = [int(n) for n in arguments.threads.split(",") if n]
    arguments.cases = [c for c in arguments.cases.split(",") if c]
    unknown = [c for c in arguments.cases if c not in bench_torch.CASES]
    if unknown:
        parser.error(f"--cases: unknown {unknown}")
    if not os.path.exists(arguments.cli):
        parser.error(f"--cli: {arguments.cli} does not exist (build first, or point --cli at lstmlab-cli)")
    return arguments


def main():
    arguments = parse_arguments()
    busy = bench_torch.cpu_busy_fraction()
    engine_rows, torch_rows, torch_info, report = [], [], None, ""
    round_sgemm = []   # the SGEMM ceiling measured right after each round's single_h512
    for round_index in range(arguments.rounds):
        for case in arguments.cases:
            print(f"round {round_index + 1}/{arguments.rounds}: {case}", file=sys.stderr, flush=True)
            engine_rows += [dict(row, round=round_index)
                            for row in engine_round(arguments.cli, case, arguments.threads, arguments.quick)]
            rows, torch_info, report = torch_round(case, arguments.threads, arguments.quick)
            torch_rows += [dict(row, round=round_index) for row in rows]
            if case == "single_h512":
                round_sgemm.append(max(g for *_, g in sgemm_ceiling(torch_info.get("openblas_coretype"))["gflops"]))
    coretype = torch_info.get("openblas_coretype") if torch_info else None
    sgemm = sgemm_ceiling(coretype)
    engine, torch = medians(engine_rows), medians(torch_rows)
    paired = paired_ratios(engine_rows, torch_rows, arguments.cases, arguments.rounds, arguments.threads)

    table = []
    for name in arguments.cases:
        e_train, e_train_n = best(engine, name, arguments.threads, "train_samples_per_s", True)
        t_train, t_train_n = best(torch, name, arguments.threads, "train_samples_per_s", True)
        e_lat, e_lat_n = best(engine, name, arguments.threads, "latency_us", False)
        t_lat, t_lat_n = best(torch, name, arguments.threads, "latency_us", False)
        row = {"name": name, "engine_train": e_train, "engine_train_threads": e_train_n,
               "torch_train": t_train, "torch_train_threads": t_train_n, "train_ratio": e_train / t_train,
               "engine_latency_us": e_lat, "engine_latency_threads": e_lat_n, "torch_latency_us": t_lat,
               "torch_latency_threads": t_lat_n, "latency_ratio": t_lat / e_lat,
               "train_target": TARGETS[name][0], "latency_target": TARGETS[name][1]}
        row["train_ratio_rounds"] = paired[name]["train"]
        row["latency_ratio_rounds"] = paired[name]["latency"]
        if (name, 1) in engine and (name, 1) in torch:
            row["cpu_train_ratio_1thread"] = (engine[(name, 1)]["train_samples_per_cpu_s"] /
                                              torch[(name, 1)]["train_samples_per_cpu_s"])
            row["cpu_latency_ratio_1thread"] = (torch[(name, 1)]["latency_cpu_us"] /
                                                engine[(name, 1)]["latency_cpu_us"])
        table.append(row)

    ceiling = max(g for *_, g in sgemm["gflops"])
    efficiency = None
    if ("single_h512", 1) in engine:
        # In CPU time, like the SGEMM figures, so that other jobs on the machine cancel out.
        h512 = engine[("single_h512", 1)]
        gflops = h512["train_gflops"] * h512["train_samples_per_cpu_s"] / h512["train_samples_per_s"]
        efficiency = {"engine_gflops": gflops, "engine_gflops_wall": h512["train_gflops"], "sgemm_gflops": ceiling,
                      "fraction": gflops / ceiling, "target": EFFICIENCY_TARGET,
                      "round_sgemm_gflops": round_sgemm, "round_fractions": round_efficiency(engine_rows, round_sgemm)}
    machine = lscpu()
    scaling = {name: engine[(name, 2)]["train_samples_per_s"] / engine[(name, 1)]["train_samples_per_s"]
               for name in arguments.cases if (name, 1) in engine and (name, 2) in engine}

    if arguments.json:
        print(json.dumps({"machine": machine, "cpu_busy_before": busy, "rounds": arguments.rounds,
                          "threads": arguments.threads, "quick": arguments.quick, "table": table,
                          "sgemm": sgemm, "openblas_coretype": coretype, "efficiency": efficiency,
                          "engine_two_thread_scaling": scaling, "engine": engine_rows, "torch": torch_rows}))
        return
    print(report.strip())
    print(f"\nmachine: {machine.get('model')}, {machine.get('cpus')} CPUs, L2 {machine.get('l2')}, "
          f"L3 {machine.get('l3')}; busy before the run: "
          f"{'?' if busy is None else f'{busy:.0%}'}; medians of {arguments.rounds} interleaved rounds; "
          f"best of threads {','.join(map(str, arguments.threads))} on each side")
    print(f"\n{'case':<17}{'engine samples/s':>17}{'PyTorch':>10}{'ratio':>8}{'target':>8}"
          f"{'engine us':>11}{'PyTorch us':>12}{'ratio':>8}{'target':>8}{'1-thr CPU ratios':>19}")
    for r in table:
        cpu = (f"{r['cpu_train_ratio_1thread']:.1f}x / {r['cpu_latency_ratio_1thread']:.1f}x"
               if "cpu_train_ratio_1thread" in r else "")
        print(f"{r['name']:<17}{r['engine_train']:>12,.0f} ({r['engine_train_threads']}){r['torch_train']:>7,.0f}"
              f" ({r['torch_train_threads']}){r['train_ratio']:>6.1f}x{r['train_target']:>7.1f}x"
              f"{r['engine_latency_us']:>8,.1f} ({r['engine_latency_threads']}){r['torch_latency_us']:>9,.1f}"
              f" ({r['torch_latency_threads']}){r['latency_ratio']:>6.1f}x{r['latency_target']:>7.1f}x{cpu:>19}")
    print("\nratios round by round (each round's engine and PyTorch ran back to back; best thread count "
          "within the round), min-max:")
    for r in table:
        print(f"  {r['name']:<17} training {spread(r['train_ratio_rounds']):>10}   "
              f"latency {spread(r['latency_ratio_rounds']):>11}")
    print("\nsingle-thread OpenBLAS SGEMM (numpy float32, kernels "
          f"{coretype or 'OpenBLAS default'}; {', '.join(sgemm['libraries'])}):")
    for m, k, n, g in sgemm["gflops"]:
        print(f"  {m} x {k} x {n}: {g:.1f} GFLOP/s")
    if efficiency:
        print(f"engine single_h512 training, 1 thread: {efficiency['engine_gflops']:.1f} GFLOP/s per CPU second "
              f"({efficiency['engine_gflops_wall']:.1f} wall) = "
              f"{efficiency['fraction']:.0%} of {ceiling:.1f} (target {EFFICIENCY_TARGET:.0%})")
        if efficiency["round_fractions"]:
            print(f"  round by round, against the SGEMM ceiling measured right after it "
                  f"({', '.join(f'{g:.0f}' for g in efficiency['round_sgemm_gflops'])} GFLOP/s): "
                  f"median {statistics.median(efficiency['round_fractions']):.0%}, "
                  f"{spread(efficiency['round_fractions'], '%')}")
    if scaling:
        print("engine training, 2 threads over 1: " +
              ", ".join(f"{name} {value:.2f}x" for name, value in scaling.items()))


if __name__ == "__main__":
    main()
