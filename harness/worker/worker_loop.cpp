// Worker loop: reads one JSON request per line, dispatches to the DeviceRuntime, writes one JSON reply.
#include "harness/worker/worker_loop.hpp"

#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "core/util/overloaded.hpp"
#include "harness/worker/fd_passing.hpp"
#include "harness/worker/protocol.hpp"

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
  using namespace protocol;
  LineReader reader(request_fd);
  // The arena of the latest request: mapped once, reused while the parent sends the same one (the
  // duplicate descriptor that came with the request is then closed).
  std::unique_ptr<Arena> current;
  int passed_fd = -1;
  auto arena_for = [&](const ArenaRef& ref) -> Arena& {
    const int fd = std::exchange(passed_fd, -1);
    if (current && current->id() == ref.id) {
      close(fd);
    } else {
      current.reset();
      current = std::make_unique<Arena>(Arena::adopt(fd, ref.size, ref.id));
    }
    return *current;
  };
  std::vector<int> loaded_fds;  // one per artifact loaded, never closed (see the load request)
  // The timing session between time_begin and time_end; any other request ends it first (it holds the
  // current arena).
  std::unique_ptr<TimingSession> session;
  std::string line;
  while (reader.next(line)) {
    json reply = {{"ok", true}};
    const auto t0 = std::chrono::steady_clock::now();
    bool quit = false;
    try {
      const json wire = json::parse(line);
      // Taken before anything else can fail, so that descriptors and requests stay paired.
      if (wire_request_takes_descriptor(wire)) passed_fd = receive_fd(descriptor_fd);
      const Request request = request_from_wire(wire, passed_fd);
      if (!std::holds_alternative<TimeCallsRequest>(request) && !std::holds_alternative<TimeEndRequest>(request)) session.reset();
      std::visit(Overloaded{
                     [&](const QuitRequest&) { quit = true; },
                     [&](const InfoRequest&) { reply["device"] = runtime.device_info(); },
                     [&](const LoadRequest& r) {
                       // The artifact as this process's own descriptor: the worker may not be allowed to open its path.
                       // The descriptor stays open for the worker's life: the dynamic loader knows a library by
                       // the name it was opened under, and a closed number handed out again for the next
                       // artifact would give back the library already loaded under /proc/self/fd/N.
                       try {
                         runtime.load(r.slot, "/proc/self/fd/" + std::to_string(r.fd));
                       } catch (const std::exception& e) {
                         throw std::runtime_error(std::string(e.what()) + " (" + r.artifact + ")");
                       }
                       loaded_fds.push_back(std::exchange(passed_fd, -1));
                     },
                     [&](const ForgetArenasRequest&) { current.reset(); },
                     [&](const RunRequest& r) {
                       Arena& arena = arena_for(r.arena);
                       json claims = json::array();
                       for (const CallLayout& layout : r.layouts) {
                         const auto start = std::chrono::steady_clock::now();
                         runtime.run_once(r.slot, arena, layout, r.outputs_only);
                         claims.push_back(std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - start).count());
                       }
                       reply["claims_ns"] = std::move(claims);
                     },
                     [&](const TimeBeginRequest& r) {
                       session = runtime.begin_timing(r.slot, arena_for(r.arena), r.sets, r.policy, r.witnesses, r.witness_samples);
                       reply = to_wire(TimeBeginReply{session->warm_up()});
                     },
                     [&](const TimeCallsRequest& r) {
                       if (!session) throw std::runtime_error("time_calls without time_begin");
                       TimingSession::Claims c = session->timed_calls(r.count);
                       reply = to_wire(TimeCallsReply{std::move(c.device_ns), std::move(c.host_ns)});
                     },
                     [&](const TimeEndRequest&) {
                       if (!session) throw std::runtime_error("time_end without time_begin");
                       TimingSession::Ending e = session->finish();
                       session.reset();
                       reply = to_wire(TimeEndReply{std::move(e.method), e.host_clock, std::move(e.notes)});
                     }},
                 request);
    } catch (const std::exception& e) {
      reply = {{"ok", false}, {"error", e.what()}};
      session.reset();  // a failed timing request ends its session
    }
    if (passed_fd >= 0) close(std::exchange(passed_fd, -1));  // a request that failed before using it
    if (quit) {
      write_line(reply_fd, json{{"ok", true}}.dump());
      return 0;
    }
    reply["wall_ms"] = ms_since(t0);
    if (runtime.poisoned()) reply["fatal"] = true;
    if (!write_line(reply_fd, reply.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace))) return 3;
    if (runtime.poisoned()) return 4;  // the device cannot serve another request: the parent replaces us
  }
  return 0;
}

}  // namespace kbench
