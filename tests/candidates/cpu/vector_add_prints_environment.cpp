// Hostile: prints its whole environment and /proc/self/environ into its log, looking for API keys; a
// correct answer otherwise. Its worker must have been given none of kbench's environment.

#include <cstdint>
#include <cstdio>
#include <unistd.h>

static void print_environment() {
  static bool done = false;
  if (done) return;
  done = true;
  for (char** e = environ; *e; ++e) std::printf("env: %s\n", *e);
  if (FILE* f = std::fopen("/proc/self/environ", "r")) {
    for (int ch; (ch = std::fgetc(f)) != EOF;) std::putchar(ch == 0 ? '\n' : ch);
    std::fclose(f);
  }
  std::fflush(stdout);
}

extern "C" void solve(const float* a, const float* b, float* c, int64_t n) {
  print_environment();
  for (int64_t i = 0; i < n; ++i) c[i] = a[i] + b[i];
}
