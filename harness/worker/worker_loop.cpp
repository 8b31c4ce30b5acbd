// Worker loop: reads one JSON request per line, dispatches to the DeviceRuntime, writes one JSON reply.
#include "harness/worker/worker_loop.hpp"

#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>

#include "harness/worker/fd_passing.hpp"

namespace kbench {
namespace {

using nlohmann::json;

bool write_line(int fd, const std::string& line) {
  std::string data = line + "\n";
  std::size_t off = 0;
  while (off < data.size()) {
    ssize_t n = write(fd, data.data() + off, data.size() - off);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    off += static_cast<std::size_t>(n);
  }
  return true;
}

class LineReader {
 public:
  explicit LineReader(int fd) : fd_(fd) {}
  bool next(std::string& line) {
    for (;;) {
      if (auto pos = buf_.find('\n'); pos != std::string::npos) {
        line = buf_.substr(0, pos);
        buf_.erase(0, pos + 1);
        return true;
      }
      char tmp[65536];
      ssize_t n = read(fd_, tmp, sizeof tmp);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return false;
      buf_.append(tmp, static_cast<std::size_t>(n));
    }
  }

 private:
  int fd_;
  std::string buf_;
};

double ms_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

int serve_worker_requests(DeviceRuntime& runtime, int request_fd, int reply_fd, int descriptor_fd) {
  LineReader reader(request_fd);
  // The arena of the latest request: mapped once, reused while the parent sends the same one. Every
  // request naming an arena comes with its descriptor on `descriptor_fd` (a duplicate is closed).
  std::unique_ptr<Arena> current;
  int passed_fd = -1;
  auto arena_for = [&](const json& j) -> Arena& {
    const std::uint64_t id = j.at("id");
    const int fd = std::exchange(passed_fd, -1);
    if (current && current->id() == id) {
      close(fd);
    } else {
      current.reset();
      current = std::make_unique<Arena>(Arena::adopt(fd, j.at("size"), id));
    }
    return *current;
  };
  std::string line;
  while (reader.next(line)) {
    json reply;
    const auto t0 = std::chrono::steady_clock::now();
    try {
      const json req = json::parse(line);
      const std::string op = req.at("op");
      // Taken before anything else can fail, so that descriptors and requests stay paired.
      if (req.contains("arena") || op == "load") passed_fd = receive_fd(descriptor_fd);
      if (op == "quit") {
        write_line(reply_fd, json{{"ok", true}}.dump());
        return 0;
      } else if (op == "info") {
        reply = {{"ok", true}, {"device", runtime.device_info()}};
      } else if (op == "load") {
        // The artifact as this process's own descriptor: the worker may not be allowed to open its path.
        const std::string artifact = req.value("artifact", std::string("artifact"));
        try {
          runtime.load(req.at("slot"), "/proc/self/fd/" + std::to_string(passed_fd));
        } catch (const std::exception& e) {
          throw std::runtime_error(std::string(e.what()) + " (" + artifact + ")");
        }
        close(std::exchange(passed_fd, -1));  // the loaded object stays mapped
        reply = {{"ok", true}};
      } else if (op == "forget_arenas") {
        current.reset();
        reply = {{"ok", true}};
      } else if (op == "run") {
        runtime.run_once(req.at("slot"), arena_for(req.at("arena")), call_layout_from_json(req.at("layout")));
        reply = {{"ok", true}};
      } else if (op == "time") {
        std::vector<CallLayout> sets;
        for (const auto& s : req.at("sets")) sets.push_back(call_layout_from_json(s));
        TimingResult r = runtime.time_calls(req.at("slot"), arena_for(req.at("arena")), sets,
                                            timing_policy_from_json(req.at("policy")));
        reply = {{"ok", true}, {"samples_ns", r.samples_ns}, {"method", r.method}, {"notes", r.notes}};
      } else {
        reply = {{"ok", false}, {"error", "unknown op '" + op + "'"}};
      }
    } catch (const std::exception& e) {
      reply = {{"ok", false}, {"error", e.what()}};
    }
    if (passed_fd >= 0) close(std::exchange(passed_fd, -1));  // a request that failed before using it
    reply["wall_ms"] = ms_since(t0);
    if (runtime.poisoned()) reply["fatal"] = true;
    if (!write_line(reply_fd, reply.dump())) return 3;
    if (runtime.poisoned()) return 4;  // the device cannot serve another request: the parent replaces us
  }
  return 0;
}

}  // namespace kbench
