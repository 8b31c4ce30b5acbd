// The process-wide cancellation flag: a lock-free atomic, so that setting it from a signal handler is safe.
#include "core/util/cancellation.hpp"

#include <atomic>

namespace kbench {
namespace {

std::atomic<bool> g_cancel{false};
static_assert(std::atomic<bool>::is_always_lock_free);

}  // namespace

void request_cancellation() noexcept { g_cancel.store(true, std::memory_order_relaxed); }
bool cancellation_requested() noexcept { return g_cancel.load(std::memory_order_relaxed); }
void clear_cancellation() noexcept { g_cancel.store(false, std::memory_order_relaxed); }

}  // namespace kbench
