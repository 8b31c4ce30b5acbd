// Hostile: on every call, a detached thread writes the outputs 5 ms after solve() has returned. Outputs
// that arrive after the worker replied never count: the parent stops it before it reads them. Incorrect
// at the first check shape, on every run.
#include <chrono>
#include <cstdint>
#include <thread>
extern "C" void solve(const float* a, const float* b, float* c, int64_t n) {
  std::thread([=] {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    for (int64_t i = 0; i < n; ++i) c[i] = a[i] + b[i];
  }).detach();
}
