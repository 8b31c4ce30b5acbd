// Softmax written the way llm.c's CPU softmax_forward (train_gpt2.c) is: max, then expf and a plain float
// running sum, then a division. An honest float32 kernel: must be correct at every check shape, including
// cols = 32769 where the float sum's rounding error is largest.
#include <cmath>
#include <cstdint>
extern "C" void solve(const float* x, float* y, int64_t rows, int64_t cols) {
  for (int64_t r = 0; r < rows; ++r) {
    const float* logits = x + r * cols;
    float* probs = y + r * cols;
    float maxval = -10000.0f;
    for (int64_t i = 0; i < cols; ++i)
      if (logits[i] > maxval) maxval = logits[i];
    float sum = 0.0f;
    for (int64_t i = 0; i < cols; ++i) {
      probs[i] = expf(logits[i] - maxval);
      sum += probs[i];
    }
    for (int64_t i = 0; i < cols; ++i) probs[i] /= sum;
  }
}
