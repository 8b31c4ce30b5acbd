// example for broadcast/outer_product
// y[i,j] = a[i] * b[j] writes M*N floats and reads almost nothing, so ordinary stores pay twice: each cache
// line is first read (read-for-ownership) and then written back. Non-temporal streaming stores
// (_mm_stream_ps) write whole lines straight to memory, cutting the traffic nearly in half. Rows whose start
// is not 16-byte aligned get a scalar prologue; b stays in cache across rows; rows are split between threads.
#include <immintrin.h>

#include <cstdint>

extern "C" void solve(const float* a, const float* b, float* y, int64_t M, int64_t N) {
#pragma omp parallel for schedule(static)
  for (int64_t i = 0; i < M; ++i) {
    float* row = y + i * N;
    const float ai = a[i];
    int64_t j = 0;
    for (; j < N && (reinterpret_cast<uintptr_t>(row + j) & 15) != 0; ++j) row[j] = ai * b[j];
    const __m128 av = _mm_set1_ps(ai);
    for (; j + 4 <= N; j += 4) _mm_stream_ps(row + j, _mm_mul_ps(av, _mm_loadu_ps(b + j)));
    for (; j < N; ++j) row[j] = ai * b[j];
  }
  _mm_sfence();  // make the streaming stores visible before returning
}
