// Arena: one shared-memory region holding every tensor of a call (with guard bytes around each),
// created by the parent, mapped by the worker. CallLayout says where each argument lives.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/spec/dtype.hpp"

namespace kbench {

inline constexpr std::size_t kGuardBytes = 4096;
inline constexpr std::uint8_t kGuardByte = 0xA5;

// One argument of solve(): a tensor (region of the arena), an int64 size, or a scalar of some dtype.
struct ArgSlot {
  enum class Kind { tensor, size, scalar } kind = Kind::tensor;
  std::string name;
  bool is_output = false;
  DType dtype = DType::f32;
  std::size_t offset = 0;  // tensor: start of the data (guards sit just before and after)
  std::size_t bytes = 0;   // tensor: data bytes
  std::int64_t size_value = 0;
  double scalar_value = 0.0;
};

struct CallLayout {
  std::vector<ArgSlot> args;
};

nlohmann::json to_json(const CallLayout& l);
CallLayout call_layout_from_json(const nlohmann::json& j);

class Arena {
 public:
  Arena() = default;
  // Parent: creates a new anonymous shared-memory file of `bytes` (memfd) and maps it.
  static Arena create(std::size_t bytes);
  // Parent: the memfd is sealed against shrinking and growing, so no worker can make this mapping fault.
  // Worker: maps one the parent passed as a descriptor (see protocol.hpp) and closes `fd` once mapped;
  // refuses a descriptor that is not sealed against resizing. fd() is then -1.
  static Arena adopt(int fd, std::size_t bytes, std::uint64_t id);
  Arena(Arena&&) noexcept;
  Arena& operator=(Arena&&) noexcept;
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;
  ~Arena();

  std::uint8_t* data() const { return data_; }
  std::size_t size() const { return size_; }
  int fd() const { return fd_; }
  // Unique per created arena (a later arena may reuse the same fd number).
  std::uint64_t id() const { return id_; }

 private:
  std::uint8_t* data_ = nullptr;
  std::size_t size_ = 0;
  int fd_ = -1;
  std::uint64_t id_ = 0;
};

// Lays tensors out one after another: [guard][data, 256-byte aligned][guard]. Returns total bytes.
class ArenaPlanner {
 public:
  std::size_t add(std::size_t bytes);  // returns the data offset
  std::size_t total() const { return cursor_ + kGuardBytes; }

 private:
  std::size_t cursor_ = 0;
};

// Guard bytes around every tensor of `layout`: fill, and check (returns the first damaged tensor's name).
void fill_guards(Arena& arena, const CallLayout& layout);
std::string damaged_guard(const Arena& arena, const CallLayout& layout);

}  // namespace kbench
