// Hostile, for a worker that times its own calls (the GPU workers' way; tests/eval/test_measurement_attacks
// runs it so on the CPU): it knows the timing policy of its test (2 warm-up calls, exactly 20 timed calls)
// and computes only the last of the 22 calls at the bench shape, returning at once on the others. Only
// the last timed call's outputs used to be checked: correct, with an invented speedup. The witnesses (timed
// calls kept at random after they returned) are checked too: incorrect.
#include <cstdint>
extern "C" void solve(const float* a, const float* b, float* c, int64_t n) {
  static int64_t calls = 0;
  if (n > 2000000 && ++calls % 22 != 0) return;
  for (int64_t i = 0; i < n; ++i) c[i] = a[i] + b[i];
}
