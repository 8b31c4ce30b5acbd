// Hostile: from its first call on, keeps one spinning thread per core while it is not inside solve()
// itself, to slow down whatever else is timed on the machine (the reference kernel); the inflated
// reference time once also served the next candidate of the batch. Its worker is stopped whenever it
// serves no request, so the reference is timed with no thread of it running: speedup about 1.
#include <atomic>
#include <cstdint>
#include <thread>
static std::atomic<int> inside{0};
extern "C" void solve(const float* a, const float* b, float* c, int64_t n) {
  static bool started = false;
  if (!started) {
    started = true;
    const unsigned cores = std::thread::hardware_concurrency();
    for (unsigned t = 0; t < (cores ? cores : 2); ++t)
      std::thread([] {
        volatile double x = 1;
        for (;;)
          if (inside.load(std::memory_order_relaxed) == 0) x = x * 1.0000001 + 1e-9;
      }).detach();
  }
  inside.store(1);
  for (int64_t i = 0; i < n; ++i) c[i] = a[i] + b[i];
  inside.store(0);
}
