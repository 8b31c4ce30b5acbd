// CompileCache: lookup (artifact hash checked, timeouts by their limit) and atomic store of compile
// results; the artifact size cap.
#include "backends/compile_cache.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <fstream>
#include <random>

#include <nlohmann/json.hpp>

#include "backends/symbol_policy.hpp"
#include "core/util/hash.hpp"
#include "core/util/shared_gate.hpp"

namespace kbench {

namespace fs = std::filesystem;

CompileCache::CompileCache(fs::path root, std::string key) : dir_(std::move(root) / key.substr(0, 2) / key) {}

namespace {

// A fresh name beside `dir` ("<key>.<what>-<pid>-<random>").
fs::path sibling(const fs::path& dir, const char* what) {
  std::random_device rd;
  return dir.parent_path() / (dir.filename().string() + "." + what + "-" + std::to_string(getpid()) + "-" + std::to_string(rd()));
}

// "3", "1.5": whole MiB without decimals.
std::string mib(std::uint64_t bytes) {
  constexpr std::uint64_t kMiB = 1 << 20;
  if (bytes % kMiB == 0) return std::to_string(bytes / kMiB);
  return fmt::format("{:.1f}", static_cast<double>(bytes) / kMiB);
}

// After a build: an artifact over the cap makes the compile a failure, and is removed.
void enforce_artifact_cap(CompiledCandidate& out, std::uint64_t max_bytes) {
  std::error_code ec;
  if (!out.ok || out.artifact.empty()) return;
  const std::uintmax_t size = fs::file_size(out.artifact, ec);
  if (ec || size <= max_bytes) return;
  fs::remove(out.artifact, ec);
  out.artifact.clear();
  out.ok = false;
  out.log += fmt::format("\nkbench: the compiled artifact is {} MiB, over the {} MiB limit\n", mib(size), mib(max_bytes));
}

}  // namespace

std::optional<CompiledCandidate> CompileCache::lookup(double timeout_seconds) {
  if (!fs::exists(dir_)) return std::nullopt;
  if (auto hit = read_entry(timeout_seconds)) return hit;
  discard();
  return std::nullopt;
}

// The entry when it answers a request with `timeout_seconds`; nullopt when it is incomplete, unreadable,
// its artifact does not hash to the recorded SHA-256 (or none is recorded), or it timed out under a
// smaller limit.
std::optional<CompiledCandidate> CompileCache::read_entry(double timeout_seconds) const {
  std::ifstream in(dir_ / "result.json");
  if (!in) return std::nullopt;
  try {
    const auto j = nlohmann::json::parse(in);
    CompiledCandidate c;
    c.ok = j.at("ok");
    c.timed_out = j.value("timed_out", false);
    c.compiler = j.at("compiler");
    c.log = j.at("log");
    c.policy_violation = j.value("policy_violation", std::string());
    c.seconds = j.value("seconds", 0.0);
    if (j.contains("artifact") && !j.at("artifact").get<std::string>().empty()) {
      c.artifact = dir_ / j.at("artifact").get<std::string>();
      if (!fs::exists(c.artifact)) return std::nullopt;
      if (j.value("artifact_sha256", std::string()) != sha256_file_hex(c.artifact)) return std::nullopt;
    }
    // A timeout may be the machine's fault, but the same limit again would time out again.
    if (c.timed_out && !(j.contains("timeout_seconds") && timeout_seconds <= j.at("timeout_seconds").get<double>()))
      return std::nullopt;
    c.cached = true;
    return c;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

// Moves the entry aside (one rename, so no reader sees it half removed) and removes it.
void CompileCache::discard() {
  const fs::path dead = sibling(dir_, "dead");
  std::error_code ec;
  fs::rename(dir_, dead, ec);
  if (!ec) fs::remove_all(dead, ec);
}

fs::path CompileCache::scratch_dir() {
  scratch_ = sibling(dir_, "tmp");
  fs::create_directories(scratch_);
  return scratch_;
}

CompiledCandidate CompileCache::store(CompiledCandidate result, double timeout_seconds) {
  nlohmann::json j = {{"ok", result.ok},
                      {"timed_out", result.timed_out},
                      {"timeout_seconds", timeout_seconds},
                      {"compiler", result.compiler},
                      {"log", result.log},
                      {"policy_violation", result.policy_violation},
                      {"seconds", result.seconds},
                      {"artifact", result.artifact.empty() ? std::string() : result.artifact.filename().string()}};
  if (!result.artifact.empty()) j["artifact_sha256"] = sha256_file_hex(result.artifact);
  {
    std::ofstream out(scratch_ / "result.json");
    out << j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);  // compiler logs are bytes
    if (!out) return result;  // cache is best effort: the result itself stands (artifact stays in scratch)
  }
  std::error_code ec;
  fs::rename(scratch_, dir_, ec);
  if (ec) {
    // Another process stored the same key first: its entry when it answers (ours is dropped); else lookup
    // removed it and ours takes its place; failing that, ours stays in scratch.
    if (auto hit = lookup(timeout_seconds)) {
      fs::remove_all(scratch_, ec);
      hit->cached = false;
      return *hit;
    }
    fs::rename(scratch_, dir_, ec);
    if (ec) return result;
  }
  if (!result.artifact.empty()) result.artifact = dir_ / result.artifact.filename();
  return result;
}

SharedGate& compiler_gate() {
  static SharedGate gate;
  return gate;
}

CompiledCandidate compile_through_cache(const CompileRequest& req, const CachedCompile& how) {
  CompileCache cache(req.work_dir, sha256_hex(req.candidate.source + '\0' + how.shim_key + '\0' + how.identity +
                                              how.key_extra + (req.enforce_library_policy ? "policy" : "") + '\0' +
                                              std::to_string(req.max_artifact_bytes)));
  if (auto hit = cache.lookup(req.timeout_seconds)) return *hit;
  CompiledCandidate out;
  out.compiler = how.identity;
  {
    SharedGate::Hold hold(compiler_gate(), false);  // never beside a baseline being timed
    how.build(cache.scratch_dir(), out);
  }
  enforce_artifact_cap(out, req.max_artifact_bytes);
  if (out.ok && req.enforce_library_policy)
    out.policy_violation = library_policy_violation(out.artifact, req.task->allow_libraries, how.vendor_symbols, req.sandboxed);
  if (!out.ok) out.artifact.clear();
  return cache.store(std::move(out), req.timeout_seconds);
}

}  // namespace kbench
