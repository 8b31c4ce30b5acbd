// Hostile: remembers each product by a hash of 64 sampled input elements and, when the same inputs come
// back, copies the remembered product instead of computing it (memoisation: timed calls used to repeat
// the same few input sets, 22-65x). Every timed round has fresh inputs: it never hits, speedup <= 1.
#include <cstdint>
#include <cstring>
#include <map>
#include <vector>

static std::uint64_t sample_hash(const float* p, int64_t count) {
  std::uint64_t h = 1469598103934665603ull;
  for (int s = 0; s < 64; ++s) {
    std::uint32_t bits;
    std::memcpy(&bits, p + (count * s) / 64, sizeof bits);
    h = (h ^ bits) * 1099511628211ull;
  }
  return h;
}

extern "C" void solve(const float* A, const float* B, float* C, int64_t M, int64_t N, int64_t K) {
  static std::map<std::uint64_t, std::vector<float>> seen;
  const std::uint64_t key = sample_hash(A, M * K) * 31 + sample_hash(B, K * N) + (std::uint64_t)(M * 1000003 + N * 1009 + K);
  if (auto it = seen.find(key); it != seen.end() && it->second.size() == (size_t)(M * N)) {
    std::memcpy(C, it->second.data(), sizeof(float) * (size_t)(M * N));
    return;
  }
  for (int64_t i = 0; i < M * N; ++i) C[i] = 0.0f;
  for (int64_t i = 0; i < M; ++i)
    for (int64_t k = 0; k < K; ++k)
      for (int64_t j = 0; j < N; ++j) C[i * N + j] += A[i * K + k] * B[k * N + j];
  if (seen.size() < 64) seen[key].assign(C, C + M * N);
}
