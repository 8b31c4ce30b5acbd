// ReferenceArenas: see reference_arenas.hpp.
#include "harness/eval/reference_arenas.hpp"

#include <utility>

namespace kbench {

Arena ReferenceArenas::take(std::size_t bytes) {
  {
    std::lock_guard lock(mutex_);
    if (kept_ && kept_->size() == bytes) {
      Arena a = std::move(*kept_);
      kept_.reset();
      return a;
    }
  }
  return Arena::create(bytes);
}

void ReferenceArenas::give_back(Arena arena) {
  if (!arena.data()) return;
  std::optional<Arena> dropped;  // unmapped outside the lock
  std::lock_guard lock(mutex_);
  dropped = std::move(kept_);
  kept_ = std::move(arena);
}

}  // namespace kbench
