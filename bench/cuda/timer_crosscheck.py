"""Timer cross-check: the same reference kernels (same .cu, same nvcc flags) timed by kbench
(`kbench eval --json`: CUDA events, L2 flushed, rotation) and by triton.testing.do_bench (events, L2
flushed by its own 256 MB buffer, median) through ctypes on PyTorch tensors. Prints one row per kernel
and writes crosscheck.json to $OUT (or the current folder).
Usage: python3 bench/cuda/timer_crosscheck.py KBENCH_BINARY [TASK_ID ...]"""
import ctypes, json, os, subprocess, sys, tempfile

import torch
import triton.testing

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DEFAULT_TASKS = ["elementwise/vector_add", "activation/relu", "reduction/sum_rows", "loss/mse_loss",
                 "normalization/softmax", "normalization/layernorm", "matmul/matmul"]
TORCH_DTYPES = {"f32": torch.float32, "f64": torch.float64, "f16": torch.float16, "bf16": torch.bfloat16,
                "i32": torch.int32, "i64": torch.int64, "u8": torch.uint8}
ARCH = os.environ.get("KBENCH_CUDA_ARCH", "sm_90").replace("sm_", "")


def build(source, out_dir, libs=()):
    so = os.path.join(out_dir, os.path.basename(source).replace(".cu", ".so"))
    cmd = ["nvcc", "-shared", "-std=c++17", "-O3", "-lineinfo", f"-gencode=arch=compute_{ARCH},code=sm_{ARCH}",
           "-Xcompiler=-fPIC", "-cudart", "shared", source, "-o", so] + [f"-l{l}" for l in libs]
    subprocess.run(cmd, check=True)
    return ctypes.CDLL(so)


def make_call(spec, lib, shape):
    """Allocates the task's tensors at `shape` and returns a zero-argument function that calls solve()."""
    env = dict(shape)
    args, argtypes, keep = [], [], []
    for a in spec["arguments"]:
        role = a["role"]
        if role in ("input", "output"):
            dims = [int(eval(str(d), {}, env)) for d in a["shape"]]
            dt = TORCH_DTYPES[a["dtype"]]
            if role == "input":
                t = torch.randn(dims, device="cuda").to(dt) if dt.is_floating_point else torch.randint(0, 2, dims, device="cuda", dtype=dt)
            else:
                t = torch.empty(dims, device="cuda", dtype=dt)
            keep.append(t)
            args.append(ctypes.c_void_p(t.data_ptr()))
            argtypes.append(ctypes.c_void_p)
        elif role == "size":
            args.append(ctypes.c_int64(int(env[a["name"]])))
            argtypes.append(ctypes.c_int64)
        else:
            value = env.get(a["name"], a.get("value", 0.0))
            ctype = {"f32": ctypes.c_float, "f64": ctypes.c_double, "i32": ctypes.c_int32, "i64": ctypes.c_int64}[a["dtype"]]
            args.append(ctype(value))
            argtypes.append(ctype)
    lib.solve.argtypes = argtypes + [ctypes.c_void_p]
    lib.solve.restype = None

    def call():
        lib.solve(*args, ctypes.c_void_p(torch.cuda.current_stream().cuda_stream))
    return call, keep


def kbench_medians(kbench, task, source):
    r = subprocess.run([kbench, "eval", source, "--task", task, "--backend", "cuda", "--no-db", "--json"],
                       capture_output=True, text=True)
    v = json.loads(r.stdout)
    if v["status"] != "correct":
        raise RuntimeError(f"{task}: kbench verdict {v['status']}: {v.get('detail')}")
    t = v["timings"][0]
    return t["shape"], t["candidate"], t.get("vendor")


def main():
    kbench = os.path.abspath(sys.argv[1])
    tasks = sys.argv[2:] or DEFAULT_TASKS
    work = tempfile.mkdtemp(prefix="kb_xcheck_")
    rows = []
    for task in tasks:
        spec = json.load(open(os.path.join(ROOT, "tasks", task + ".json")))
        shapes = spec["shapes"].get("bench_cuda") or spec["shapes"]["bench"]
        kernels = [("reference", os.path.join(ROOT, "reference_kernels", spec["references"]["cuda"]), ())]
        if "cuda" in spec.get("vendor", {}):
            kernels.append(("vendor", os.path.join(ROOT, "reference_kernels", spec["vendor"]["cuda"]), ("cublas",)))
        shape_text, kb_ref, kb_vendor = kbench_medians(kbench, task, kernels[0][1])
        for role, source, libs in kernels:
            lib = build(source, work, libs)
            call, keep = make_call(spec, lib, shapes[0])
            call()
            torch.cuda.synchronize()
            db_ms = triton.testing.do_bench(call, warmup=25, rep=200, return_mode="median")
            kb = kb_ref if role == "reference" else kb_vendor
            rows.append({"task": task, "kernel": role, "shape": shape_text, "kbench_median_us": kb["median_ns"] / 1e3,
                         "kbench_cv": kb.get("cv"), "kbench_samples": kb.get("samples"), "kbench_method": kb.get("method"),
                         "do_bench_median_us": db_ms * 1e3, "ratio_kbench_over_do_bench": kb["median_ns"] / 1e6 / db_ms})
            del keep
    out = os.path.join(os.environ.get("OUT", "."), "crosscheck.json")
    json.dump(rows, open(out, "w"), indent=1)
    print(f"{'task':26} {'kernel':9} {'shape':28} {'kbench us':>10} {'do_bench us':>11} {'ratio':>6}")
    for r in rows:
        print(f"{r['task']:26} {r['kernel']:9} {r['shape'][:28]:28} {r['kbench_median_us']:10.1f} "
              f"{r['do_bench_median_us']:11.1f} {r['ratio_kbench_over_do_bench']:6.3f}")
    ratios = [r["ratio_kbench_over_do_bench"] for r in rows]
    print(f"timer agreement: kbench/do_bench median ratio in [{min(ratios):.3f}, {max(ratios):.3f}] over {len(rows)} kernels")


if __name__ == "__main__":
    main()
