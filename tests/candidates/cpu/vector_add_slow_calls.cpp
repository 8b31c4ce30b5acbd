// Correct, but each call spins for 1 s: well under the per-call limit, yet a few such calls spend a small
// evaluation budget (--eval-budget), which must end the evaluation with a timeout saying so.
#include <chrono>
#include <cstdint>
extern "C" void solve(const float* a, const float* b, float* c, int64_t n) {
  const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(1);
  while (std::chrono::steady_clock::now() < until) {
  }
  for (int64_t i = 0; i < n; ++i) c[i] = a[i] + b[i];
}
