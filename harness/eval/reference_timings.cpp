// ReferenceTimings: see reference_timings.hpp.
#include "harness/eval/reference_timings.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <fstream>
#include <random>
#include <sstream>
#include <system_error>

#include <nlohmann/json.hpp>

#include "core/util/hash.hpp"
#include "core/util/paths.hpp"

namespace kbench {
namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

json key_json(const ReferenceTimings::Key& k) {
  return {{"task", k.task},   {"backend", k.backend}, {"artifact", k.artifact}, {"shape", k.shape},
          {"sets", k.sets},   {"policy", k.policy},   {"device", k.device},     {"kbench_version", kbench_version()}};
}

double unix_seconds() {
  return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

}  // namespace

std::string device_identity(const DeviceInfo& d) {
  const json& x = d.extra.is_object() ? d.extra : json::object();
  return fmt::format("{}|{}|{}|driver {}", d.name, d.arch, x.contains("uuid") ? x.at("uuid").dump() : "",
                     x.contains("driver_version") ? x.at("driver_version").dump() : "");
}

std::string ReferenceTimings::file_name(const Key& key) { return sha256_hex(key_json(key).dump()) + ".json"; }

void ReferenceTimings::persist_in(const fs::path& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) {
    fmt::print(stderr, "kbench: reference timings are not kept across runs: cannot create {}: {}\n", dir.string(), ec.message());
    return;
  }
  std::unique_lock lock(mutex_);
  dir_ = dir;
}

std::optional<BaselineTiming> ReferenceTimings::find(const Key& key, double grace_s) const {
  std::unique_lock lock(mutex_);
  auto it = timings_.find(key);
  std::optional<Entry> entry;
  if (it != timings_.end()) entry = it->second;
  auto age = [&](const Entry& e) { return std::chrono::duration<double>(std::chrono::steady_clock::now() - e.measured_at).count(); };
  if (!entry || age(*entry) > max_age_ + grace_s) {
    // Another process (or this one, earlier) may have measured it since.
    if (auto from_file = read_file(key); from_file && (!entry || from_file->measured_at > entry->measured_at)) {
      entry = from_file;
      timings_[key] = *from_file;
    }
  }
  if (!entry || age(*entry) > max_age_ + grace_s) return std::nullopt;
  return entry->timing;
}

void ReferenceTimings::store(const Key& key, const BaselineTiming& timing, bool persist) {
  std::unique_lock lock(mutex_);
  timings_[key] = {timing, std::chrono::steady_clock::now()};
  if (persist && !dir_.empty()) write_file(key, timing);
}

std::optional<ReferenceTimings::Entry> ReferenceTimings::read_file(const Key& key) const {
  if (dir_.empty()) return std::nullopt;
  std::ifstream in(dir_ / file_name(key), std::ios::binary);
  if (!in) return std::nullopt;
  std::stringstream text;
  text << in.rdbuf();
  try {
    const json j = json::parse(text.str());
    if (j.at("key") != key_json(key)) return std::nullopt;  // another key, or another kbench version
    const double age_s = unix_seconds() - j.at("measured_at_unix").get<double>();
    if (age_s < -60) return std::nullopt;  // measured "in the future": the clock was set back; time again
    Entry e;
    e.timing.summary = timing_from_json(j.at("summary"));
    const json& o = j.at("overhead");
    e.timing.overhead = {o.at("fixed_ns").get<double>(), o.at("per_call_ns").get<double>(), o.at("spread_ns").get<double>(),
                         o.at("batches").get<int>()};
    e.measured_at = std::chrono::steady_clock::now() -
                    std::chrono::duration_cast<std::chrono::steady_clock::duration>(std::chrono::duration<double>(std::max(0.0, age_s)));
    return e;
  } catch (const std::exception& e) {
    fmt::print(stderr, "kbench: ignoring the unreadable reference timing {}: {}\n", (dir_ / file_name(key)).string(), e.what());
    return std::nullopt;
  }
}

void ReferenceTimings::write_file(const Key& key, const BaselineTiming& t) const {
  const json j = {{"key", key_json(key)},
                  {"measured_at_unix", unix_seconds()},
                  {"summary", to_json(t.summary, true)},
                  {"overhead", {{"fixed_ns", t.overhead.fixed_ns}, {"per_call_ns", t.overhead.per_call_ns},
                                {"spread_ns", t.overhead.spread_ns}, {"batches", t.overhead.batches}}}};
  const fs::path target = dir_ / file_name(key);
  const fs::path tmp = dir_ / fmt::format(".{}.{}.{}", file_name(key), ::getpid(), std::random_device{}());
  std::error_code ec;
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << j.dump(1);
    out.close();
    if (!out) ec = std::make_error_code(std::errc::io_error);
  }
  if (!ec) fs::rename(tmp, target, ec);
  if (ec) {
    fs::remove(tmp, ec);
    fmt::print(stderr, "kbench: the reference timing was not kept in {} (it is used in this run only)\n", target.string());
  }
}

}  // namespace kbench
