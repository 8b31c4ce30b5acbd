// VerdictRecorder: every verdict the server gives, stored in the results database as it is given (before
// the client is answered), in one run per client label (kind "serve", begun at the label's first verdict,
// finished at shutdown), so `kbench report --run LABEL` and `kbench export` see a client's evaluations.
// A write the database refuses for now goes to its journal (results/store/pending_writes.hpp). Thread-safe.
#pragma once
#include <cstdint>
#include <filesystem>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "results/store/store.hpp"

namespace kbench::serve {

class VerdictRecorder {
 public:
  // No database (`--no-db`): record() stores nothing. `provenance.label` is the label of verdicts whose
  // request named none; `command` and `config` go with every run.
  VerdictRecorder(std::optional<std::filesystem::path> db, std::string command, RunProvenance provenance,
                  nlohmann::json config);

  // Stores one attempt in its label's run; returns the attempt id (negative: kept in the journal), none
  // when there is no database. Throws when neither the database nor its journal can take it.
  std::optional<std::int64_t> record(const std::string& label, const std::string& task, const std::string& backend,
                                     const Candidate& candidate, const Verdict& verdict);
  // Finishes every run begun; record() stores nothing afterwards (and says so by throwing).
  void close();

  const std::optional<std::filesystem::path>& db_path() const { return db_path_; }
  // The label a verdict is stored under: the request's, else the server's --label.
  std::string run_label(const std::string& label) const { return label.empty() ? provenance_.label : label; }

 private:
  std::mutex mutex_;
  std::optional<std::filesystem::path> db_path_;
  std::optional<ResultStore> store_;
  std::string command_;
  RunProvenance provenance_;
  nlohmann::json config_;
  std::map<std::string, std::string> runs_;  // label -> run id
  bool closed_ = false;
};

}  // namespace kbench::serve
