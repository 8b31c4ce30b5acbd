// Input generation: xoshiro256** streams per chunk, Box-Muller normals, per-trial jitter.
#include "harness/eval/inputs.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace kbench {
namespace {

std::uint64_t splitmix64(std::uint64_t& x) {
  std::uint64_t z = (x += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

// xoshiro256**, usable with <random> distributions.
class Xoshiro {
 public:
  using result_type = std::uint64_t;
  explicit Xoshiro(std::uint64_t seed) {
    for (auto& s : s_) s = splitmix64(seed);
  }
  static constexpr result_type min() { return 0; }
  static constexpr result_type max() { return std::numeric_limits<result_type>::max(); }
  result_type operator()() {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }
  double uniform01() { return static_cast<double>((*this)() >> 11) * 0x1.0p-53; }  // [0, 1)
  double normal() {
    if (has_spare_) {
      has_spare_ = false;
      return spare_;
    }
    double u = uniform01(), v = uniform01();
    if (u < 1e-300) u = 1e-300;
    const double r = std::sqrt(-2.0 * std::log(u)), a = 2.0 * M_PI * v;
    spare_ = r * std::sin(a);
    has_spare_ = true;
    return r * std::cos(a);
  }
  // Student's t with `df` degrees of freedom: Bailey's polar method (one rejection loop, no gamma draw).
  double student_t(double df) {
    for (;;) {
      const double u = 2 * uniform01() - 1, v = 2 * uniform01() - 1, w = u * u + v * v;
      if (w >= 1 || w == 0) continue;
      return u * std::sqrt(df * (std::pow(w, -2.0 / df) - 1) / w);
    }
  }

 private:
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::uint64_t s_[4];
  double spare_ = 0;
  bool has_spare_ = false;
};

constexpr std::int64_t kChunk = 1 << 16;

}  // namespace

std::uint64_t derive_seed(std::uint64_t base, std::uint64_t a, std::uint64_t b, std::uint64_t c) {
  std::uint64_t x = base;
  std::uint64_t h = splitmix64(x);
  for (std::uint64_t v : {a, b, c}) {
    x = h ^ (v * 0xD6E8FEB86659FD93ull);
    h = splitmix64(x);
  }
  return h;
}

void generate_input(const Argument& arg, const SizeEnv& env, std::int64_t count, std::uint64_t seed, void* dst) {
  const Distribution& d = arg.dist;
  // Per-trial jitter of location and spread (drawn once per tensor per seed).
  Xoshiro trial(derive_seed(seed, 0xA11CE));
  const double shift = d.jitter > 0 ? (2 * trial.uniform01() - 1) * d.jitter : 0.0;
  const double stretch = d.jitter > 0 ? std::exp((2 * trial.uniform01() - 1) * d.jitter) : 1.0;
  double a = d.a, b = d.b;
  if (d.kind == "normal" || d.kind == "lognormal" || d.kind == "student_t") {
    a += shift * b;
    b *= stretch;
  } else if (d.kind == "uniform") {
    const double mid = (a + b) / 2 + shift * (b - a) / 2, half = (b - a) / 2 * stretch;
    a = mid - half;
    b = mid + half;
  }
  const std::int64_t int_high = d.int_high ? d.int_high->eval(env) : 0;
  if (d.kind == "randint" && int_high < static_cast<std::int64_t>(d.a))
    throw std::invalid_argument("input '" + arg.name + "': randint high (" + std::to_string(int_high) + ") < low");
  const std::int64_t chunks = (count + kChunk - 1) / kChunk;
#pragma omp parallel for schedule(dynamic, 4)
  for (std::int64_t c = 0; c < chunks; ++c) {
    Xoshiro rng(derive_seed(seed, 1, static_cast<std::uint64_t>(c)));
    const std::int64_t end = std::min(count, (c + 1) * kChunk);
    for (std::int64_t i = c * kChunk; i < end; ++i) {
      double v;
      if (d.kind == "normal") v = a + b * rng.normal();
      else if (d.kind == "uniform") v = a + (b - a) * rng.uniform01();
      else if (d.kind == "lognormal") v = std::exp(a + b * rng.normal());
      else if (d.kind == "student_t") v = a + b * rng.student_t(d.df);
      else if (d.kind == "randint") v = static_cast<double>(static_cast<std::int64_t>(d.a) + static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(int_high - static_cast<std::int64_t>(d.a) + 1)));
      else if (d.kind == "bernoulli") v = rng.uniform01() < d.a ? 1.0 : 0.0;
      else v = rng.normal();
      if (arg.dtype == DType::f16) v = std::clamp(v, -6.0e4, 6.0e4);  // stay finite in half precision
      store_from_double(arg.dtype, dst, static_cast<std::size_t>(i), v);
    }
  }
}

}  // namespace kbench
