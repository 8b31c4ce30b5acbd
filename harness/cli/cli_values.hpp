// Values several commands parse the same way: a relative threshold ("5%", "5", "0.05") and a stored run
// named by its database and its id, label or "latest" ("results.db:latest").
#pragma once
#include <filesystem>
#include <string>

#include "results/store/store.hpp"

namespace kbench::cli {

// "5%" and "2.5 %" are percentages; a bare number above 1 is a percentage too ("5" = 5 %), one of at most
// 1 a fraction ("0.05" = 5 %). Throws CLI::ValidationError naming `option` for anything else.
double parse_threshold(std::string text, const std::string& option = "--threshold");

struct RunRef {
  std::filesystem::path db;
  std::string run;  // id, label or "latest"; empty: the latest
};

// "results.db" or "results.db:RUN"; the database must exist (never created here).
RunRef parse_run_ref(const std::string& spec);

// The run `ref` names in `store`; throws CLI::ValidationError listing the runs that exist when none matches.
std::string resolve_run(const ResultStore& store, const std::string& run_or_label);

// "id  kind  label  started" lines of the newest runs, for error messages.
std::string list_runs_briefly(const ResultStore& store, std::size_t at_most = 20);

}  // namespace kbench::cli
