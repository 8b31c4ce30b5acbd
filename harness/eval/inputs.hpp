// Seeded input generation: fills a task's input tensors (in their dtype) from their distributions.
// Deterministic for a given seed whatever the thread count (each 64K-element chunk has its own stream).
#pragma once
#include <cstdint>

#include "core/spec/task_spec.hpp"

namespace kbench {

// Mixes a base seed with small integers (shape index, trial, set) into an independent 64-bit seed.
std::uint64_t derive_seed(std::uint64_t base, std::uint64_t a, std::uint64_t b = 0, std::uint64_t c = 0);

// Writes `count` elements of `arg` (an input tensor) into `dst` (dtype arg.dtype), drawn from arg.dist
// with this trial's jitter. `env` resolves expression bounds (randint high).
void generate_input(const Argument& arg, const SizeEnv& env, std::int64_t count, std::uint64_t seed, void* dst);

}  // namespace kbench
