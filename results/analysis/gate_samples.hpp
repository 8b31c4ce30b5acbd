// The samples the regression gate tests, made from a stored timing's raw samples.
// Raw samples of one process are not independent: on the CPU each one is a timed round (fresh inputs, the
// reference and the candidate back to back, harness/eval/timed_rounds.hpp), and rounds close in time share
// the machine's load; on GPUs they are consecutive launches. Testing them one by one would take a load
// phase for a real difference, so the gate tests the medians of consecutive blocks of them (at most
// kGateBlocks blocks, in measurement order): a burst of load moves one block, not the test.
#pragma once
#include <cstddef>
#include <vector>

#include "core/verdict/verdict.hpp"

namespace kbench {

inline constexpr std::size_t kGateBlocks = 20;

// Medians of up to `blocks` consecutive, near-equal blocks of `samples` (the samples themselves when
// there are no more than `blocks`).
std::vector<double> block_medians(const std::vector<double>& samples, std::size_t blocks = kGateBlocks);

// A timing's raw samples, or its median alone when none were stored.
std::vector<double> raw_or_median(const TimingSummary& t);

// Per-round time of the candidate over the reference's (the inverse of the speedup): paired by round when
// both sides hold the same number of raw samples (the CPU's rounds), else each candidate sample over the
// reference's median.
std::vector<double> relative_samples(const TimingSummary& candidate, const TimingSummary& reference);

double median_of(std::vector<double> v);  // 0 for an empty vector

}  // namespace kbench
