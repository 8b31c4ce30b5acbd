// Wrong signature: n as int instead of int64_t (must be a compile error, not a silent mis-call).
extern "C" void solve(const float* a, const float* b, float* c, int n) {
  for (int i = 0; i < n; ++i) c[i] = a[i] + b[i];
}
