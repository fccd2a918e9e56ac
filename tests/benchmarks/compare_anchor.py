"""The engine against oneDNN (the kernels of PyTorch 2's CPU RNNs) and PyTorch 1.13, in one run,
interleaved, with every side's GFLOP/s as a fraction of the machine's measured FMA peak.

    /usr/bin/python3 tests/benchmarks/compare_anchor.py [--build build] [--rounds 3] [--threads 1,2]
                                                        [--cases a,b] [--quick] [--json]

Every round measures the FMA peak (fma_peak), then for every case runs back to back: the oneDNN
anchor (onednn_anchor: the engine's recurrent layers and oneDNN's on the same weights, equality
checked first), the engine's whole training step (`lstmlab-cli bench`) and PyTorch's
(bench_torch.py, OpenBLAS pinned as its README says), each at every thread count. Figures are
medians over the rounds, compared at the same thread count. The load average is recorded before
each round.

  vs oneDNN    recurrent part only (both sides do the same computation): training = forward +
               backward with weight reorders/repacking at batch 64; latency = one window
  vs PyTorch   whole training steps (head, loss and Adam included) and one-window latency
  % of peak    training GFLOP/s (3 x the recurrent forward's 2 G H (I + H) per step and sample, the
               same count for every side) over the FMA peak of the cores used (per core x threads)
"""

import argparse
import json
import os
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, HERE)
import bench_torch  # noqa: E402
from compare import lscpu, run_json, engine_round, torch_round  # noqa: E402

# name: (cell gates, hidden sizes)
SHAPES = {"single_h32": (4, [32]), "stacked_h64x2": (4, [64, 64]), "stacked_h128x2": (4, [128, 128]),
          "attention_h32x2": (4, [32, 32]), "gru_h64x2": (3, [64, 64]), "single_h512": (4, [512])}
# The targets: engine / oneDNN training, oneDNN / engine latency, engine / PyTorch training,
# fraction of the FMA peak for the engine's training.
VS_ONEDNN_TRAIN = {n: (1.0 if n == "single_h512" else 1.5) for n in SHAPES}
VS_ONEDNN_LATENCY = {n: 2.0 for n in SHAPES if n != "single_h512"}
VS_TORCH_TRAIN = {"gru_h64x2": 4.0}
PEAK_TARGET = {"stacked_h64x2": 0.70, "gru_h64x2": 0.70, "single_h512": 0.85}


def flops_per_sample(name, features=10, steps=20):
    gates, hidden = SHAPES[name]
    forward, width = 0.0, features
    for h in hidden:
        forward += 2.0 * gates * h * (width + h)
        width = h
    return 3.0 * forward * steps


def fma_peak(build):
    result, _ = run_json([os.path.join(build, "tests", "benchmarks", "fma_peak"), "--json", "--threads", "1,2"])
    return result


def anchor_round(build, case, threads, quick):
    command = [os.path.join(build, "tests", "benchmarks", "onednn_anchor", "onednn_anchor"), "--json",
               "--cases", case, "--threads", ",".join(map(str, threads))]
    result, _ = run_json(command + (["--quick"] if quick else []))
    return result


def median_by(rows, key, field):
    values = [field(r) for r in rows if key(r)]
    return statistics.median(values) if values else None


def parse_arguments():
    parser = argparse.ArgumentParser(description="engine vs oneDNN vs PyTorch 1.13, interleaved")
    parser.add_argument("--build", default=os.path.join(ROOT, "build"))
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--threads", default="1,2")
    parser.add_argument("--cases", default=",".join(SHAPES))
    parser.add_argument("--quick", action="store_true", help="short measurements (a smoke run)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    arguments = parser.parse_args()
    arguments.threads = [int(n) for n in arguments.threads.split(",") if n]
    arguments.cases = [c for c in arguments.cases.split(",") if c]
    unknown = [c for c in arguments.cases if c not in SHAPES]
    if unknown:
        parser.error(f"--cases: unknown {unknown}")
    anchor = os.path.join(arguments.build, "tests", "benchmarks", "onednn_anchor", "onednn_anchor")
    if not os.path.exists(anchor):
        parser.error(f"--build: {anchor} does not exist (install libdnnl-dev and build first)")
    return arguments


def measure(arguments):
    cli = os.path.join(arguments.build, "app", "lstmlab-cli")
    rows, rounds, info = [], [], {}
    for k in range(arguments.rounds):
        load = os.getloadavg()[0]
        peak = fma_peak(arguments.build)
        rounds.append({"round": k + 1, "load_before": load, "fma_peak": peak})
        for case in arguments.cases:
            print(f"round {k + 1}/{arguments.rounds} (load {load:.2f}): {case}", file=sys.stderr, flush=True)
            anchor = anchor_round(arguments.build, case, arguments.threads, arguments.quick)
            info["onednn"] = anchor["onednn"]
            engine = engine_round(cli, case, arguments.threads, arguments.quick)
            torch, torch_info, _ = torch_round(case, arguments.threads, arguments.quick)
            info["torch"] = torch_info.get("torch")
            info["openblas_coretype"] = torch_info.get("openblas_coretype")
            for n in arguments.threads:
                a = next(r for r in anchor["cases"] if r["threads"] == n)
                e = next(r for r in engine if r["threads"] == n)
                t = next(r for r in torch if r["threads"] == n)
                rows.append({"round": k + 1, "name": case, "threads": n,
                             "engine_rec_train": a["engine"]["train_samples_per_s"],
                             "onednn_train": a["onednn"]["train_samples_per_s"],
                             "engine_rec_forward_ms": a["engine"]["forward_ms"],
                             "engine_rec_backward_ms": a["engine"]["backward_ms"],
                             "onednn_forward_ms": a["onednn"]["forward_ms"],
                             "onednn_backward_ms": a["onednn"]["backward_ms"],
                             "engine_rec_latency_us": a["engine"]["latency_us"],
                             "onednn_latency_us": a["onednn"]["latency_us"],
                             "engine_rec_forward64_us": a["engine"]["forward_batch_us"],
                             "onednn_forward64_us": a["onednn"]["forward_batch_us"],
                             "check": a["worst_relative_difference"],
                             "onednn_impl": a["onednn_forward_impl"] + "/" + a["onednn_backward_impl"],
                             "engine_train": e["train_samples_per_s"], "engine_latency_us": e["latency_us"],
                             "torch_train": t["train_samples_per_s"], "torch_latency_us": t["latency_us"]})
    return rows, rounds, info


def summarise(rows, rounds, cases, threads):
    per_core = statistics.median(
        next(r["per_core_gflops"] for r in rd["fma_peak"]["runs"] if r["threads"] == 1) for rd in rounds)
    table = []
    for n in threads:
        for name in cases:
            pick = [r for r in rows if r["name"] == name and r["threads"] == n]
            m = {f: statistics.median(r[f] for r in pick) for f in pick[0] if isinstance(pick[0][f], (int, float))
                 and f not in ("round", "threads")}
            gf = flops_per_sample(name) * 1e-9
            peak = per_core * n
            m.update({"name": name, "threads": n, "peak_gflops": peak,
                      "vs_onednn_train": m["engine_rec_train"] / m["onednn_train"],
                      "vs_onednn_latency": m["onednn_latency_us"] / m["engine_rec_latency_us"],
                      "vs_torch_train": m["engine_train"] / m["torch_train"],
                      "vs_torch_latency": m["torch_latency_us"] / m["engine_latency_us"],
                      "peak_engine_rec": m["engine_rec_train"] * gf / peak,
                      "peak_engine": m["engine_train"] * gf / peak,
                      "peak_onednn": m["onednn_train"] * gf / peak,
                      "peak_torch": m["torch_train"] * gf / peak,
                      "onednn_impl": pick[0]["onednn_impl"]})
            table.append(m)
    return per_core, table


def mark(value, target):
    if target is None:
        return ""
    return " ok" if value >= target else " MISS"


def print_report(rows, rounds, info, table, per_core, arguments):
    machine = lscpu()
    print(f"machine: {machine.get('model')}, {machine.get('cpus')} CPUs, L2 {machine.get('l2')}; oneDNN "
          f"{info.get('onednn')}; PyTorch {info.get('torch')} (OpenBLAS kernels {info.get('openblas_coretype')}); "
          f"FMA peak {per_core:.1f} GFLOP/s per core ({rounds[0]['fma_peak']['isa']}); "
          f"medians of {arguments.rounds} rounds, loads before them: "
          + ", ".join(f"{r['load_before']:.2f}" for r in rounds))
    for n in arguments.threads:
        print(f"\n{n} thread(s)     | recurrent part: train samples/s     latency us          | whole step: "
              f"train samples/s    latency us        | % of FMA peak ({n} x {per_core:.0f} GFLOP/s), training")
        print(f"{'case':<16}| {'engine':>8} {'oneDNN':>8} {'ratio':>10} | {'engine':>6} {'oneDNN':>7} "
              f"{'ratio':>10} | {'engine':>7} {'PyTorch':>7} {'ratio':>10} | {'engine':>6} {'PyTorch':>7} "
              f"{'ratio':>5} | {'eng.rec':>7} {'engine':>6} {'oneDNN':>6} {'PyTorch':>7}")
        for r in (t for t in table if t["threads"] == n):
            name = r["name"]
            print(f"{name:<16}| {r['engine_rec_train']:>8,.0f} {r['onednn_train']:>8,.0f} "
                  f"{r['vs_onednn_train']:>5.2f}x{mark(r['vs_onednn_train'], VS_ONEDNN_TRAIN.get(name)):<5}| "
                  f"{r['engine_rec_latency_us']:>6.1f} {r['onednn_latency_us']:>7.1f} "
                  f"{r['vs_onednn_latency']:>5.2f}x{mark(r['vs_onednn_latency'], VS_ONEDNN_LATENCY.get(name)):<5}| "
                  f"{r['engine_train']:>7,.0f} {r['torch_train']:>7,.0f} "
                  f"{r['vs_torch_train']:>5.2f}x{mark(r['vs_torch_train'], VS_TORCH_TRAIN.get(name)):<5}| "
                  f"{r['engine_latency_us']:>6.1f} {r['torch_latency_us']:>7.0f} {r['vs_torch_latency']:>4.0f}x | "
                  f"{r['peak_engine_rec']:>6.0%}{mark(r['peak_engine_rec'], PEAK_TARGET.get(name)):<1} "
                  f"{r['peak_engine']:>6.0%} {r['peak_onednn']:>6.0%} {r['peak_torch']:>7.0%}")
        print(f"{'':<16}  phases at batch 64, ms (forward + backward): engine | oneDNN")
        for r in (t for t in table if t["threads"] == n):
            print(f"{'':<18}{r['name']:<16} {r['engine_rec_forward_ms']:7.3f} + {r['engine_rec_backward_ms']:7.3f} | "
                  f"{r['onednn_forward_ms']:7.3f} + {r['onednn_backward_ms']:7.3f}   (check {r['check']:.1e}; "
                  f"oneDNN {r['onednn_impl']})")
    print("\nround by round: load, case, threads | rec. train engine/oneDNN = ratio | latency oneDNN/engine | "
          "step engine/PyTorch = ratio")
    for r in rows:
        load = next(x["load_before"] for x in rounds if x["round"] == r["round"])
        print(f"  {r['round']} {load:4.2f} {r['name']:<16}{r['threads']} | {r['engine_rec_train']:8,.0f} / "
              f"{r['onednn_train']:8,.0f} = {r['engine_rec_train'] / r['onednn_train']:4.2f}x | "
              f"{r['onednn_latency_us']:7.1f} / {r['engine_rec_latency_us']:6.1f} = "
              f"{r['onednn_latency_us'] / r['engine_rec_latency_us']:4.2f}x | {r['engine_train']:8,.0f} / "
              f"{r['torch_train']:7,.0f} = {r['engine_train'] / r['torch_train']:4.2f}x")


def main():
    arguments = parse_arguments()
    rows, rounds, info = measure(arguments)
    per_core, table = summarise(rows, rounds, arguments.cases, arguments.threads)
    if arguments.json:
        print(json.dumps({"machine": lscpu(), "info": info, "rounds": rounds, "fma_peak_per_core": per_core,
                          "table": table, "rows": rows}))
    else:
        print_report(rows, rounds, info, table, per_core, arguments)


if __name__ == "__main__":
    main()
