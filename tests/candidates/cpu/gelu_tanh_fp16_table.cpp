// GELU the way ggml's default CPU path computes it (GGML_GELU_FP16): the input rounded to half, looked up
// in a table of gelu values rounded to half, converted back; x <= -10 gives 0 and x >= 10 gives x. Half
// precision in a float32 task: must be incorrect.
#include <cmath>
#include <cstdint>
#include <cstring>
static float gelu(float x) {
  const float k = 0.79788456080286535588f;  // sqrt(2/pi)
  return 0.5f * x * (1.0f + tanhf(k * x * (1.0f + 0.044715f * x * x)));
}
extern "C" void solve(const float* x, float* y, int64_t n) {
  for (int64_t i = 0; i < n; ++i) {
    if (x[i] <= -10.0f) {
      y[i] = 0.0f;
    } else if (x[i] >= 10.0f) {
      y[i] = x[i];
    } else {
      const _Float16 h = static_cast<_Float16>(x[i]);                                // table index: x in half
      y[i] = static_cast<float>(static_cast<_Float16>(gelu(static_cast<float>(h))));  // table entry: half
    }
  }
}
