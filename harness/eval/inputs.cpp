// Input generation: xoshiro256** streams per chunk, ziggurat normals, gamma-based Student t, per-trial jitter.
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
  // Standard normal by the ziggurat method (Marsaglia and Tsang 2000, with Doornik's 2005 layout: 128
  // layers, the layer index and the uniform from independent bits of one draw). About 99% of draws are a
  // multiply and a compare; the rest take the wedge test or the tail sampler.
  double normal() {
    const ZigguratTable& z = ziggurat();
    for (;;) {
      const std::uint64_t bits = (*this)();
      const unsigned layer = static_cast<unsigned>(bits & 127u);
      const double u = static_cast<double>(bits >> 11) * 0x1.0p-52 - 1.0;  // [-1, 1)
      if (std::abs(u) < z.ratio[layer]) return u * z.x[layer];           // inside the rectangle core
      if (layer == 0) return normal_tail(z.r, u < 0);                     // beyond the base strip
      const double x = u * z.x[layer];
      const double f0 = std::exp(-0.5 * (z.x[layer] * z.x[layer] - x * x));
      const double f1 = std::exp(-0.5 * (z.x[layer + 1] * z.x[layer + 1] - x * x));
      if (f1 + uniform01() * (f0 - f1) < 1.0) return x;  // under the density in the wedge
    }
  }

  // Student's t with `df` degrees of freedom: Z / sqrt(G / (df / 2)) with G ~ Gamma(df / 2), whose draw
  // is Marsaglia and Tsang's squeeze method (two normals and a uniform, rarely a logarithm); shapes below
  // 1 use the boost Gamma(a) = Gamma(a + 1) * U^(1 / a). The constants depend on df only.
  struct StudentT {
    double half_df, d, c;
    bool boost;
    explicit StudentT(double df) : half_df(0.5 * df), boost(half_df < 1.0) {
      d = (boost ? half_df + 1.0 : half_df) - 1.0 / 3.0;
      c = 1.0 / std::sqrt(9.0 * d);
    }
  };
  double student_t(const StudentT& t) {
    double g;
    for (;;) {
      double x, v;
      do {
        x = normal();
        v = 1.0 + t.c * x;
      } while (v <= 0.0);
      v = v * v * v;
      const double u = uniform01();
      if (u < 1.0 - 0.0331 * (x * x) * (x * x) || (u > 0.0 && std::log(u) < 0.5 * x * x + t.d * (1.0 - v + std::log(v)))) {
        g = t.d * v;
        break;
      }
    }
    if (t.boost) g *= std::pow(1.0 - uniform01(), 1.0 / t.half_df);
    return normal() / std::sqrt(g / t.half_df);
  }

 private:
  struct ZigguratTable {
    static constexpr int kLayers = 128;
    double r = 3.442619855899;        // start of the tail for 128 layers
    double x[kLayers + 1] = {};       // layer edges, x[0] the base strip's virtual width
    double ratio[kLayers] = {};       // x[i + 1] / x[i]: |u| below it is inside the next layer's width
    ZigguratTable() {
      const double v = 9.91256303526217e-3;  // area of each layer
      auto f = [](double t) { return std::exp(-0.5 * t * t); };
      x[0] = v / f(r);
      x[1] = r;
      for (int i = 2; i < kLayers; ++i) x[i] = std::sqrt(-2.0 * std::log(v / x[i - 1] + f(x[i - 1])));
      x[kLayers] = 0.0;
      for (int i = 0; i < kLayers; ++i) ratio[i] = x[i + 1] / x[i];
    }
  };
  static const ZigguratTable& ziggurat() {
    static const ZigguratTable table;
    return table;
  }
  // The normal beyond `r` (Marsaglia 1964): exponential proposals accepted under the Gaussian tail.
  double normal_tail(double r, bool negative) {
    for (;;) {
      const double x = std::log(1.0 - uniform01()) / r;  // <= 0
      const double y = std::log(1.0 - uniform01());
      if (-2.0 * y >= x * x) return negative ? x - r : r - x;
    }
  }
  static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::uint64_t s_[4];
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
  enum class Kind { normal, uniform, lognormal, student_t, randint, bernoulli };
  const Kind kind = d.kind == "uniform"     ? Kind::uniform
                    : d.kind == "lognormal" ? Kind::lognormal
                    : d.kind == "student_t" ? Kind::student_t
                    : d.kind == "randint"   ? Kind::randint
                    : d.kind == "bernoulli" ? Kind::bernoulli
                                            : Kind::normal;
  const auto low = static_cast<std::int64_t>(d.a);
  const auto range = static_cast<std::uint64_t>(int_high - low + 1);
  const Xoshiro::StudentT t_params(d.kind == "student_t" ? d.df : 4.0);
  // One draw; the kind is fixed for the whole tensor, so the switch is perfectly predicted.
  auto draw = [&](Xoshiro& rng) -> double {
    switch (kind) {
      case Kind::normal: return a + b * rng.normal();
      case Kind::uniform: return a + (b - a) * rng.uniform01();
      case Kind::lognormal: return std::exp(a + b * rng.normal());
      case Kind::student_t: return a + b * rng.student_t(t_params);
      case Kind::randint: return static_cast<double>(low + static_cast<std::int64_t>(rng() % range));
      case Kind::bernoulli: return rng.uniform01() < d.a ? 1.0 : 0.0;
    }
    return 0.0;
  };
  const std::int64_t chunks = (count + kChunk - 1) / kChunk;
#pragma omp parallel for schedule(dynamic, 4)
  for (std::int64_t c = 0; c < chunks; ++c) {
    Xoshiro rng(derive_seed(seed, 1, static_cast<std::uint64_t>(c)));
    const std::int64_t end = std::min(count, (c + 1) * kChunk);
    if (arg.dtype == DType::f32) {  // the common case, without per-element type dispatch
      float* out = static_cast<float*>(dst);
      for (std::int64_t i = c * kChunk; i < end; ++i) out[i] = static_cast<float>(draw(rng));
      continue;
    }
    for (std::int64_t i = c * kChunk; i < end; ++i) {
      double v = draw(rng);
      if (arg.dtype == DType::f16) v = std::clamp(v, -6.0e4, 6.0e4);  // stay finite in half precision
      store_from_double(arg.dtype, dst, static_cast<std::size_t>(i), v);
    }
  }
}

}  // namespace kbench
