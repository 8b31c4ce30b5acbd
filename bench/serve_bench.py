#!/usr/bin/env python3
"""The reward server's speed (issue 16): warm and cold latency through `kbench serve` and through `kbench eval`,
and throughput of distinct candidates from concurrent clients. Prints numbers (and --json, one object).

Python 3 standard library only. Starts its own server on a free port with a private database and cache, so
nothing it does touches the user's. Candidates are the task's reference kernel made distinct by a comment
(each one a compile-cache miss), so every verdict should be `correct`; any other status is counted and shown.

    python3 bench/serve_bench.py [--kbench build/bin/kbench] [--backend cpu] [--task elementwise/vector_add]
        [--candidates 200] [--clients 32] [--latency-runs 5] [--slots N] [--timing screen|full|none] [--json]

--timing none asks for correctness only (options.time false); screen and full time every correct candidate.
On the CPU backend timed evaluations run one at a time (the cores are the clock), so use none or screen there
to see the server's own overhead. Results go in bench/RESULTS.md (CPU) and bench/cuda/RESULTS.md (GPU).
"""
import argparse
import concurrent.futures
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "examples"))
from reward_client import evaluate  # noqa: E402  (the example client, as a user would call the server)

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
EXTENSIONS = {"cpu": ".cpp", "cuda": ".cu", "hip": ".hip"}


def reference_source(task, backend):
    path = os.path.join(ROOT, "reference_kernels", backend, task + EXTENSIONS[backend])
    with open(path, encoding="utf-8") as f:
        return f.read()


def distinct(source, tag):
    return source + "\n// serve_bench candidate %s\n" % tag


def start_server(args, work):
    command = [args.kbench, "serve", "--port", "0", "--backend", args.backend, "--db", os.path.join(work, "kbench.db"),
               "--queue", str(max(64, args.candidates)), "--label", "serve_bench"]
    if args.slots:
        command += ["--slots", str(args.slots)]
    env = dict(os.environ, KBENCH_CACHE=os.path.join(work, "cache"))
    server = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=open(os.path.join(work, "serve.log"), "w"),
                              text=True, env=env)
    line = server.stdout.readline()
    match = re.search(r"listening on (http://[0-9.]+:\d+)", line)
    if not match:
        server.kill()
        sys.exit("kbench serve did not start: %r (see %s)" % (line, os.path.join(work, "serve.log")))
    return server, match.group(1), env


def options_for(timing):
    return {"time": False} if timing == "none" else {"time": True, "timing": timing}


def timed_post(url, task, source, options):
    started = time.monotonic()
    verdict = evaluate(url, task, source, options)
    return time.monotonic() - started, verdict


def eval_latency(args, env, work, source, tag):
    path = os.path.join(work, "eval_%s%s" % (tag, EXTENSIONS[args.backend]))
    with open(path, "w", encoding="utf-8") as f:
        f.write(source)
    command = [args.kbench, "eval", path, "--task", args.task, "--backend", args.backend, "--no-db", "--json"]
    if args.timing == "none":
        command.append("--no-time")
    else:
        command += ["--timing", args.timing]
    started = time.monotonic()
    done = subprocess.run(command, capture_output=True, text=True, env=env)
    seconds = time.monotonic() - started
    verdicts = json.loads(done.stdout) if done.stdout.strip() else [{"status": "kbench failed: " + done.stderr[-200:]}]
    return seconds, (verdicts[0] if isinstance(verdicts, list) else verdicts)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kbench", default=os.path.join(ROOT, "build", "bin", "kbench"))
    parser.add_argument("--backend", default="cpu", choices=sorted(EXTENSIONS))
    parser.add_argument("--task", default="elementwise/vector_add")
    parser.add_argument("--candidates", type=int, default=200)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--latency-runs", type=int, default=5)
    parser.add_argument("--slots", type=int, default=0, help="the server's --slots (default: its own)")
    parser.add_argument("--timing", default="screen", choices=["none", "screen", "full"])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    source = reference_source(args.task, args.backend)
    options = options_for(args.timing)
    statuses = {}
    result = {"backend": args.backend, "task": args.task, "timing": args.timing, "host_cores": os.cpu_count()}
    with tempfile.TemporaryDirectory(prefix="kbench-serve-bench-") as work:
        server, url, env = start_server(args, work)
        try:
            # Latency: cold is a never-seen source (compile included); warm is the first source again.
            cold = [timed_post(url, args.task, distinct(source, "cold-%d" % i), options) for i in range(args.latency_runs)]
            warm = [timed_post(url, args.task, distinct(source, "cold-0"), options) for _ in range(args.latency_runs)]
            eval_cold = [eval_latency(args, env, work, distinct(source, "eval-%d" % i), "c%d" % i) for i in range(args.latency_runs)]
            eval_warm = [eval_latency(args, env, work, distinct(source, "eval-0"), "c0") for _ in range(args.latency_runs)]
            for _, v in cold + warm + eval_cold + eval_warm:
                statuses[v.get("status")] = statuses.get(v.get("status"), 0) + 1
            result.update({
                "serve_cold_s": [round(s, 3) for s, _ in cold], "serve_warm_s": [round(s, 3) for s, _ in warm],
                "eval_cold_s": [round(s, 3) for s, _ in eval_cold], "eval_warm_s": [round(s, 3) for s, _ in eval_warm],
            })

            # Throughput: distinct candidates from concurrent clients, each a compile-cache miss.
            sources = [distinct(source, "throughput-%d" % i) for i in range(args.candidates)]
            started = time.monotonic()
            with concurrent.futures.ThreadPoolExecutor(max_workers=args.clients) as pool:
                done = list(pool.map(lambda s: timed_post(url, args.task, s, options), sources))
            wall = time.monotonic() - started
            for _, v in done:
                statuses[v.get("status")] = statuses.get(v.get("status"), 0) + 1
            result.update({"throughput_candidates": args.candidates, "throughput_clients": args.clients,
                           "throughput_wall_s": round(wall, 2), "throughput_per_s": round(args.candidates / wall, 3),
                           "throughput_latency_median_s": round(statistics.median(s for s, _ in done), 3)})
        finally:
            server.terminate()
            server.wait(timeout=60)
    result["statuses"] = statuses

    if args.json:
        print(json.dumps(result))
        return
    med = statistics.median
    print("%s on %s (%d host cores), timing %s" % (args.task, args.backend, result["host_cores"], args.timing))
    for name in ("serve_cold_s", "serve_warm_s", "eval_cold_s", "eval_warm_s"):
        print("  %-13s median %.3f s  (%s)" % (name, med(result[name]), " ".join("%.3f" % x for x in result[name])))
    print("  throughput    %d distinct candidates from %d clients in %.1f s: %.3f /s (median latency %.3f s)"
          % (args.candidates, args.clients, result["throughput_wall_s"], result["throughput_per_s"],
             result["throughput_latency_median_s"]))
    print("  verdicts      %s" % ", ".join("%s %d" % kv for kv in sorted(statuses.items(), key=lambda kv: str(kv[0]))))


if __name__ == "__main__":
    main()
