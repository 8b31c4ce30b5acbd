// Element types: names, sizes, per-backend C types, conversions to and from double, poison patterns.
#include "core/spec/dtype.hpp"

#include <cmath>
#include <cstring>
#include <stdexcept>

namespace kbench {
namespace {

std::uint16_t bf16_from_float(float f) {
  std::uint32_t bits;
  std::memcpy(&bits, &f, 4);
  if (std::isnan(f)) return 0x7FC0;
  const std::uint32_t rounding = 0x7FFF + ((bits >> 16) & 1);  // round to nearest even
  return static_cast<std::uint16_t>((bits + rounding) >> 16);
}

float float_from_bf16(std::uint16_t h) {
  const std::uint32_t bits = static_cast<std::uint32_t>(h) << 16;
  float f;
  std::memcpy(&f, &bits, 4);
  return f;
}

}  // namespace

DType parse_dtype(std::string_view name) {
  if (name == "f32") return DType::f32;
  if (name == "f64") return DType::f64;
  if (name == "f16") return DType::f16;
  if (name == "bf16") return DType::bf16;
  if (name == "i32") return DType::i32;
  if (name == "i64") return DType::i64;
  if (name == "u8") return DType::u8;
  throw std::invalid_argument("unknown dtype '" + std::string(name) + "' (known: f32 f64 f16 bf16 i32 i64 u8)");
}

std::string_view dtype_name(DType t) {
  switch (t) {
    case DType::f32: return "f32";
    case DType::f64: return "f64";
    case DType::f16: return "f16";
    case DType::bf16: return "bf16";
    case DType::i32: return "i32";
    case DType::i64: return "i64";
    case DType::u8: return "u8";
  }
  return "?";
}

std::size_t dtype_size(DType t) {
  switch (t) {
    case DType::f64:
    case DType::i64: return 8;
    case DType::f32:
    case DType::i32: return 4;
    case DType::f16:
    case DType::bf16: return 2;
    case DType::u8: return 1;
  }
  return 0;
}

bool is_floating(DType t) { return t == DType::f32 || t == DType::f64 || t == DType::f16 || t == DType::bf16; }

std::string c_type(DType t, std::string_view backend) {
  const bool gpu = backend != "cpu";
  switch (t) {
    case DType::f32: return "float";
    case DType::f64: return "double";
    case DType::f16: return gpu ? "__half" : "_Float16";
    case DType::bf16:
      if (backend == "hip") return "hip_bfloat16";  // ROCm 5.2: <hip/hip_bfloat16.h>; it has no __hip_bfloat16
      return gpu ? "__nv_bfloat16" : "uint16_t";
    case DType::i32: return "int32_t";
    case DType::i64: return "int64_t";
    case DType::u8: return "uint8_t";
  }
  return "void";
}

double load_as_double(DType t, const void* base, std::size_t i) {
  switch (t) {
    case DType::f32: return static_cast<const float*>(base)[i];
    case DType::f64: return static_cast<const double*>(base)[i];
    case DType::f16: return static_cast<double>(static_cast<const _Float16*>(base)[i]);
    case DType::bf16: return float_from_bf16(static_cast<const std::uint16_t*>(base)[i]);
    case DType::i32: return static_cast<const std::int32_t*>(base)[i];
    case DType::i64: return static_cast<double>(static_cast<const std::int64_t*>(base)[i]);
    case DType::u8: return static_cast<const std::uint8_t*>(base)[i];
  }
  return 0.0;
}

void store_from_double(DType t, void* base, std::size_t i, double v) {
  switch (t) {
    case DType::f32: static_cast<float*>(base)[i] = static_cast<float>(v); break;
    case DType::f64: static_cast<double*>(base)[i] = v; break;
    case DType::f16: static_cast<_Float16*>(base)[i] = static_cast<_Float16>(static_cast<float>(v)); break;
    case DType::bf16: static_cast<std::uint16_t*>(base)[i] = bf16_from_float(static_cast<float>(v)); break;
    case DType::i32: static_cast<std::int32_t*>(base)[i] = static_cast<std::int32_t>(std::llround(v)); break;
    case DType::i64: static_cast<std::int64_t*>(base)[i] = static_cast<std::int64_t>(std::llround(v)); break;
    case DType::u8: static_cast<std::uint8_t*>(base)[i] = static_cast<std::uint8_t>(std::llround(v)); break;
  }
}

void fill_poison(DType t, void* base, std::size_t count) {
  auto fill = [&](auto pattern) {
    auto* p = static_cast<decltype(pattern)*>(base);
    for (std::size_t i = 0; i < count; ++i) p[i] = pattern;
  };
  switch (t) {
    case DType::f32: fill(std::uint32_t{0x7FC00000u}); break;
    case DType::f64: fill(std::uint64_t{0x7FF8000000000000ull}); break;
    case DType::f16: fill(std::uint16_t{0x7E00u}); break;
    case DType::bf16: fill(std::uint16_t{0x7FC0u}); break;
    case DType::i32: fill(std::uint32_t{0x7B7B7B7Bu}); break;
    case DType::i64: fill(std::uint64_t{0x7B7B7B7B7B7B7B7Bull}); break;
    case DType::u8: fill(std::uint8_t{0xCD}); break;
  }
}

}  // namespace kbench
