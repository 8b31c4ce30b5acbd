#!/usr/bin/env python3
"""Turns `kbench serve` verdicts into rewards, for a batch of candidates judged concurrently.

Python 3 standard library only (urllib, concurrent.futures). Usage:

    python3 examples/reward_client.py --task elementwise/vector_add cand1.cpp cand2.cpp ... \
        [--url http://127.0.0.1:8070] [--concurrency 8] [--time] [--label rl-step-7] [--json]

The bearer token, when the server needs one, comes from $KBENCH_TOKEN (never from the command line).

Reward (reward_from_verdict):
  0                      when the verdict is not "correct" (incorrect, compile_error, runtime_error, timeout, ...);
  1                      when correct and not timed (options.time false: correctness only);
  min(speedup, cap)      when correct and timed: the geometric-mean speedup over the reference kernel,
                         capped (--cap, default 10) so that one outlier cannot dominate a batch.
A slower correct kernel still earns its speedup (e.g. 0.5), so correctness always beats an error.
"""
import argparse
import concurrent.futures
import json
import os
import sys
import time
import urllib.error
import urllib.request


def reward_from_verdict(verdict, cap=10.0):
    if verdict.get("status") != "correct":
        return 0.0
    speedup = verdict.get("speedup")
    if speedup is None:
        return 1.0
    return max(0.0, min(float(speedup), cap))


def evaluate(url, task, source, options, token=None, max_retries=20):
    """POSTs one evaluation and waits for its verdict; retries on 429 (queue full) after Retry-After."""
    body = json.dumps({"task": task, "source": source, "options": options}).encode()
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = "Bearer " + token
    for _ in range(max_retries):
        request = urllib.request.Request(url.rstrip("/") + "/v1/evaluations", data=body, headers=headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=3600) as response:
                return json.load(response)
        except urllib.error.HTTPError as e:
            if e.code == 429:
                time.sleep(float(e.headers.get("Retry-After", "1")))
                continue
            try:
                detail = json.load(e)
            except ValueError:
                detail = {"error": "http_%d" % e.code, "message": e.reason}
            raise RuntimeError("%s: %s" % (detail.get("error"), detail.get("message"))) from None
    raise RuntimeError("the server's queue stayed full")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", help="candidate source files")
    parser.add_argument("--task", required=True)
    parser.add_argument("--url", default="http://127.0.0.1:8070")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--time", action="store_true", help="time correct candidates (reward from speedup)")
    parser.add_argument("--timing", choices=["full", "screen"],
                        help="timing policy (default: the server's); screen samples less, to rank candidates")
    parser.add_argument("--label", default="", help="label of the stored run")
    parser.add_argument("--cap", type=float, default=10.0, help="largest reward a speedup can earn")
    parser.add_argument("--json", action="store_true", help="one JSON line per candidate")
    args = parser.parse_args()

    token = os.environ.get("KBENCH_TOKEN")
    options = {"time": args.time}
    if args.label:
        options["label"] = args.label
    if args.timing:
        options["timing"] = args.timing

    def judge(path):
        with open(path, encoding="utf-8", errors="replace") as f:
            source = f.read()
        try:
            verdict = evaluate(args.url, args.task, source, options, token)
            return path, verdict, None
        except Exception as e:  # the server refused or is unreachable: no reward, and say why
            return path, None, str(e)

    started = time.time()
    rewards = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.concurrency) as pool:
        for path, verdict, error in pool.map(judge, args.files):
            reward = reward_from_verdict(verdict, args.cap) if verdict else 0.0
            rewards.append(reward)
            if args.json:
                print(json.dumps({"file": path, "reward": reward, "status": verdict and verdict.get("status"),
                                  "speedup": verdict and verdict.get("speedup"),
                                  "timing_policy": verdict and verdict.get("timing_policy"), "error": error}))
            elif verdict:
                speedup = verdict.get("speedup")
                print("%-40s %-14s %-8s reward %.3f" % (path, verdict["status"],
                                                        "%.2fx" % speedup if speedup else "-", reward))
            else:
                print("%-40s error: %s" % (path, error))
    seconds = time.time() - started
    print("%d candidates in %.1f s (%.2f/s), mean reward %.3f" % (len(rewards), seconds, len(rewards) / seconds,
                                                                  sum(rewards) / len(rewards)), file=sys.stderr)


if __name__ == "__main__":
    main()
