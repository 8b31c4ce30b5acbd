// CompileCache: lookup and atomic store of compile results.
#include "backends/compile_cache.hpp"

#include <unistd.h>

#include <fstream>
#include <random>

#include <nlohmann/json.hpp>

#include "backends/symbol_policy.hpp"
#include "core/util/hash.hpp"

namespace kbench {

namespace fs = std::filesystem;

CompileCache::CompileCache(fs::path root, std::string key) : dir_(std::move(root) / key.substr(0, 2) / key) {}

std::optional<CompiledCandidate> CompileCache::lookup() const {
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
    }
    if (c.timed_out) return std::nullopt;  // a timeout may be the machine's fault: retry
    c.cached = true;
    return c;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

fs::path CompileCache::scratch_dir() {
  std::random_device rd;
  scratch_ = dir_.parent_path() / (dir_.filename().string() + ".tmp-" + std::to_string(getpid()) + "-" + std::to_string(rd()));
  fs::create_directories(scratch_);
  return scratch_;
}

CompiledCandidate CompileCache::store(CompiledCandidate result) {
  nlohmann::json j = {{"ok", result.ok},
                      {"timed_out", result.timed_out},
                      {"compiler", result.compiler},
                      {"log", result.log},
                      {"policy_violation", result.policy_violation},
                      {"seconds", result.seconds},
                      {"artifact", result.artifact.empty() ? std::string() : result.artifact.filename().string()}};
  {
    std::ofstream out(scratch_ / "result.json");
    out << j.dump(2);
    if (!out) return result;  // cache is best effort: the result itself stands (artifact stays in scratch)
  }
  std::error_code ec;
  fs::rename(scratch_, dir_, ec);
  if (ec) {
    // Another process stored the same key first (or the old entry was incomplete): keep ours in scratch.
    if (fs::exists(dir_ / "result.json")) {
      fs::remove_all(scratch_, ec);
      if (auto hit = lookup()) {
        hit->cached = false;
        return *hit;
      }
    }
    return result;
  }
  if (!result.artifact.empty()) result.artifact = dir_ / result.artifact.filename();
  return result;
}

CompiledCandidate compile_through_cache(const CompileRequest& req, const CachedCompile& how) {
  CompileCache cache(req.work_dir, sha256_hex(req.candidate.source + '\0' + how.shim_key + '\0' + how.identity +
                                              how.key_extra + (req.enforce_library_policy ? "policy" : "")));
  if (auto hit = cache.lookup()) return *hit;
  CompiledCandidate out;
  out.compiler = how.identity;
  how.build(cache.scratch_dir(), out);
  if (out.ok && req.enforce_library_policy)
    out.policy_violation = library_policy_violation(out.artifact, req.task->allow_libraries, how.vendor_symbols, req.sandboxed);
  if (!out.ok) out.artifact.clear();
  return cache.store(std::move(out));
}

}  // namespace kbench
