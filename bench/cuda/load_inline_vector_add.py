"""KernelBench-style compile of the same vector_add kernel through torch.utils.cpp_extension.load_inline
(fresh extension folder, so nothing is cached), then one checked call and a do_bench timing.
Prints the seconds load_inline took; bench/cuda/run_device_bench.sh compares it with kbench eval."""
import os, sys, tempfile, time

import torch
from torch.utils.cpp_extension import load_inline
import triton.testing

CUDA_SRC = r"""
#include <torch/extension.h>
#include <cuda_runtime.h>
__global__ void vector_add_kernel(const float* a, const float* b, float* c, int64_t n) {
  const int64_t stride = static_cast<int64_t>(gridDim.x) * blockDim.x;
  for (int64_t i = static_cast<int64_t>(blockIdx.x) * blockDim.x + threadIdx.x; i < n; i += stride) c[i] = a[i] + b[i];
}
torch::Tensor vector_add(torch::Tensor a, torch::Tensor b) {
  auto c = torch::empty_like(a);
  const int64_t n = a.numel();
  const int threads = 256;
  const int64_t blocks = std::min<int64_t>((n + threads - 1) / threads, int64_t{1} << 19);
  vector_add_kernel<<<blocks, threads>>>(a.data_ptr<float>(), b.data_ptr<float>(), c.data_ptr<float>(), n);
  return c;
}
"""
CPP_SRC = "torch::Tensor vector_add(torch::Tensor a, torch::Tensor b);"

def main():
    os.environ["TORCH_EXTENSIONS_DIR"] = tempfile.mkdtemp(prefix="kb_load_inline_")
    t0 = time.perf_counter()
    mod = load_inline(name="vector_add_ext", cpp_sources=CPP_SRC, cuda_sources=CUDA_SRC, functions=["vector_add"],
                      extra_cuda_cflags=["-O3"], verbose=False)
    compile_s = time.perf_counter() - t0
    n = 1 << 26
    a = torch.randn(n, device="cuda")
    b = torch.randn(n, device="cuda")
    t1 = time.perf_counter()
    c = mod.vector_add(a, b)
    torch.cuda.synchronize()
    first_call_s = time.perf_counter() - t1
    ok = torch.equal(c, a + b)
    ms = triton.testing.do_bench(lambda: mod.vector_add(a, b), return_mode="median")
    print(f"load_inline compile: {compile_s:.2f} s; first call {first_call_s*1e3:.1f} ms; correct: {ok}; "
          f"do_bench median {ms*1e3:.1f} us at n=2^26; total {compile_s + first_call_s:.2f} s")
    return 0 if ok else 1

if __name__ == "__main__":
    sys.exit(main())
