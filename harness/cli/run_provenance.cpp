// run_provenance: see run_provenance.hpp.
#include "harness/cli/run_provenance.hpp"

#include "core/util/process.hpp"

namespace kbench::cli {

RunProvenance run_provenance(const std::string& label, const std::filesystem::path& dir) {
  RunProvenance p;
  p.label = label;
  try {
    const ProcessResult head = run_process({"git", "-C", dir.string(), "rev-parse", "HEAD"}, 5.0);
    if (head.timed_out || head.signaled || head.exit_code != 0) return p;
    std::string commit = head.output;
    while (!commit.empty() && (commit.back() == '\n' || commit.back() == '\r' || commit.back() == ' ')) commit.pop_back();
    if (commit.size() < 40 || commit.find_first_not_of("0123456789abcdef") != std::string::npos) return p;
    p.git_commit = commit;
    const ProcessResult status = run_process({"git", "-C", dir.string(), "status", "--porcelain"}, 5.0);
    if (!status.timed_out && !status.signaled && status.exit_code == 0) p.git_dirty = !status.output.empty();
  } catch (const std::exception&) {  // git is not installed: nothing to record
  }
  return p;
}

}  // namespace kbench::cli
