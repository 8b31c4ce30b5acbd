// Arena: memfd-backed shared memory mapped by parent and worker; layout JSON; guard bytes.
#include "core/arena/arena.hpp"

#include "core/util/process_protection.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <random>
#include <stdexcept>
#include <utility>

namespace kbench {

using nlohmann::json;

namespace {
std::string errno_text(const std::string& what) { return what + ": " + std::strerror(errno); }

std::string_view kind_name(ArgSlot::Kind k) {
  switch (k) {
    case ArgSlot::Kind::tensor: return "tensor";
    case ArgSlot::Kind::size: return "size";
    case ArgSlot::Kind::scalar: return "scalar";
  }
  return "?";
}
}  // namespace

json to_json(const CallLayout& l) {
  json args = json::array();
  for (const auto& a : l.args)
    args.push_back({{"kind", kind_name(a.kind)}, {"name", a.name}, {"out", a.is_output}, {"dtype", dtype_name(a.dtype)},
                    {"offset", a.offset}, {"bytes", a.bytes}, {"size", a.size_value}, {"scalar", a.scalar_value}});
  return {{"args", args}};
}

CallLayout call_layout_from_json(const json& j) {
  CallLayout l;
  for (const auto& a : j.at("args")) {
    ArgSlot s;
    const std::string kind = a.at("kind");
    s.kind = kind == "tensor" ? ArgSlot::Kind::tensor : kind == "size" ? ArgSlot::Kind::size : ArgSlot::Kind::scalar;
    s.name = a.at("name");
    s.is_output = a.at("out");
    s.dtype = parse_dtype(a.at("dtype").get<std::string>());
    s.offset = a.at("offset");
    s.bytes = a.at("bytes");
    s.size_value = a.at("size");
    s.scalar_value = a.at("scalar");
    l.args.push_back(std::move(s));
  }
  return l;
}

Arena Arena::create(std::size_t bytes) {
  protect_from_same_user_processes();  // the arenas of this process are nobody else's to open
  Arena a;
  a.fd_ = memfd_create("kbench-arena", MFD_CLOEXEC | MFD_ALLOW_SEALING);
  if (a.fd_ < 0) throw std::runtime_error(errno_text("memfd_create"));
  if (ftruncate(a.fd_, static_cast<off_t>(bytes)) != 0) throw std::runtime_error(errno_text("ftruncate arena"));
  // Its size is fixed for good: a worker that shrank it would make this process's mapping fault (SIGBUS).
  if (fcntl(a.fd_, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_SEAL) != 0)
    throw std::runtime_error(errno_text("sealing the arena's size"));
  void* p = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_SHARED, a.fd_, 0);
  if (p == MAP_FAILED) throw std::runtime_error(errno_text("mmap arena of " + std::to_string(bytes) + " bytes"));
  a.data_ = static_cast<std::uint8_t*>(p);
  a.size_ = bytes;
  static std::uint64_t next_id = std::random_device{}();
  a.id_ = ++next_id;
  return a;
}

Arena Arena::adopt(int fd, std::size_t bytes, std::uint64_t id) {
  Arena a;
  a.fd_ = fd;
  struct stat st {};
  if (fstat(fd, &st) != 0) throw std::runtime_error(errno_text("fstat arena"));
  if (static_cast<std::size_t>(st.st_size) < bytes)
    throw std::runtime_error("arena descriptor holds " + std::to_string(st.st_size) + " bytes, not " + std::to_string(bytes));
  constexpr int kSizeSeals = F_SEAL_SHRINK | F_SEAL_GROW;
  const int seals = fcntl(fd, F_GET_SEALS);
  if (seals < 0 || (seals & kSizeSeals) != kSizeSeals)
    throw std::runtime_error("arena descriptor is not sealed against resizing (F_SEAL_SHRINK | F_SEAL_GROW)");
  void* p = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  if (p == MAP_FAILED) throw std::runtime_error(errno_text("mmap arena"));
  a.data_ = static_cast<std::uint8_t*>(p);
  a.size_ = bytes;
  a.id_ = id;
  // The mapping is all the worker needs: it keeps no descriptor a candidate could find and misuse.
  close(a.fd_);
  a.fd_ = -1;
  return a;
}

Arena::Arena(Arena&& o) noexcept { *this = std::move(o); }

Arena& Arena::operator=(Arena&& o) noexcept {
  if (this != &o) {
    this->~Arena();
    data_ = std::exchange(o.data_, nullptr);
    size_ = std::exchange(o.size_, 0);
    fd_ = std::exchange(o.fd_, -1);
    id_ = std::exchange(o.id_, 0);
  }
  return *this;
}

Arena::~Arena() {
  if (data_) munmap(data_, size_);
  if (fd_ >= 0) close(fd_);
  data_ = nullptr;
  fd_ = -1;
}

std::size_t ArenaPlanner::add(std::size_t bytes) {
  std::size_t data = cursor_ + kGuardBytes;
  data = (data + 255) / 256 * 256;
  cursor_ = data + bytes;
  return data;
}

void fill_guards(Arena& arena, const CallLayout& layout) {
  for (const auto& a : layout.args) {
    if (a.kind != ArgSlot::Kind::tensor) continue;
    std::memset(arena.data() + a.offset - kGuardBytes, kGuardByte, kGuardBytes);
    std::memset(arena.data() + a.offset + a.bytes, kGuardByte, kGuardBytes);
  }
}

std::string damaged_guard(const Arena& arena, const CallLayout& layout) {
  for (const auto& a : layout.args) {
    if (a.kind != ArgSlot::Kind::tensor) continue;
    for (const std::uint8_t* p : {arena.data() + a.offset - kGuardBytes, arena.data() + a.offset + a.bytes})
      for (std::size_t i = 0; i < kGuardBytes; ++i)
        if (p[i] != kGuardByte) return a.name;
  }
  return "";
}

}  // namespace kbench
