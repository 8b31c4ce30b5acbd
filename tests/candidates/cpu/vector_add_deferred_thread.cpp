// Hostile: at the bench shape, hands the work to a detached thread and returns at once ("deferred
// work"): the thread would finish after the clock stopped. The parent stops the whole worker before it
// reads the outputs: incorrect.
#include <cstdint>
#include <thread>
extern "C" void solve(const float* a, const float* b, float* c, int64_t n) {
  if (n > 2000000) {
    std::thread([=] {
      for (int64_t i = 0; i < n; ++i) c[i] = a[i] + b[i];
    }).detach();
    return;
  }
  for (int64_t i = 0; i < n; ++i) c[i] = a[i] + b[i];
}
