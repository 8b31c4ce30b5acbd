// ReferenceArenas: the trusted side's bench-shape arena kept from one evaluation to the next (a server
// slot's, a batch's), so the next evaluation at the same size writes its inputs into pages already in
// memory instead of faulting in (and zeroing) hundreds of MB again, and the trusted worker keeps its
// mapping. Only arenas that never reach a candidate's worker are kept here (the reference's: the
// candidate always gets a fresh one), so nothing a candidate wrote can reach the next one.
#pragma once
#include <cstddef>
#include <mutex>
#include <optional>

#include "core/arena/arena.hpp"

namespace kbench {

class ReferenceArenas {
 public:
  // A kept arena of exactly `bytes`, or a new one. Its content is whatever the last user left: the
  // caller writes every tensor, guard and poison it uses.
  Arena take(std::size_t bytes);
  // Keeps `arena` for the next take (the most recent one only).
  void give_back(Arena arena);

 private:
  std::mutex mutex_;
  std::optional<Arena> kept_;
};

}  // namespace kbench
