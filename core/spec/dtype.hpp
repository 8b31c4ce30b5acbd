// Element types a task's tensors and scalars can have: names, sizes, C types per backend, conversions.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace kbench {

enum class DType { f32, f64, f16, bf16, i32, i64, u8 };

// "f32", "f16", ... as written in task specs; throws std::invalid_argument on an unknown name.
DType parse_dtype(std::string_view name);
std::string_view dtype_name(DType t);
std::size_t dtype_size(DType t);
bool is_floating(DType t);

// The C/C++ element type a candidate sees for this dtype on a backend ("cpu", "cuda", "hip").
// cpu: float, double, _Float16, uint16_t (bf16 bit pattern), int32_t, int64_t, uint8_t.
// cuda/hip: float, double, __half / __nv_bfloat16 (hip: __hip_bfloat16), int32_t, int64_t, uint8_t.
std::string c_type(DType t, std::string_view backend);

// Conversions between stored elements and double, used by input generation and comparison.
double load_as_double(DType t, const void* base, std::size_t index);
void store_from_double(DType t, void* base, std::size_t index, double value);

// The bit pattern written into every output element before a call (NaN for floating types).
void fill_poison(DType t, void* base, std::size_t count);

}  // namespace kbench
