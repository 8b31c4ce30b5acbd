// bwrap_command: system folders (symlinks kept as symlinks, as on merged-/usr systems), the spec's
// binds, fresh /proc, /dev and /tmp, then the program.
#include "core/sandbox/bwrap_command.hpp"

#include <set>

namespace kbench {
namespace fs = std::filesystem;

namespace {

// Folders and files every dynamically linked program needs; nothing here holds secrets.
const char* const kSystemPaths[] = {"/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32",
                                    "/etc/ld.so.cache", "/etc/ld.so.conf", "/etc/ld.so.conf.d", "/etc/alternatives"};

bool under(const fs::path& p, const std::set<std::string>& bound) {
  for (fs::path q = p; !q.empty() && q != q.root_path(); q = q.parent_path())
    if (bound.count(q.string())) return true;
  return false;
}

}  // namespace

std::vector<std::string> bwrap_command(const fs::path& bwrap, const SandboxSpec& spec,
                                       const std::vector<std::string>& argv) {
  std::vector<std::string> cmd = {bwrap.string(), "--unshare-user", "--unshare-pid", "--unshare-ipc",
                                  "--unshare-net", "--unshare-uts", "--unshare-cgroup-try", "--uid", "65534",
                                  "--gid", "65534", "--cap-drop", "ALL", "--die-with-parent", "--new-session",
                                  "--hostname", "kbench-sandbox"};
  std::set<std::string> bound;
  auto bind = [&](const char* how, const fs::path& p) {
    cmd.insert(cmd.end(), {how, p.string(), p.string()});
    bound.insert(p.string());
  };
  std::error_code ec;
  for (const char* p : kSystemPaths) {
    const fs::path path(p);
    if (fs::is_symlink(path, ec)) {
      cmd.insert(cmd.end(), {"--symlink", fs::read_symlink(path, ec).string(), path.string()});
    } else if (fs::exists(path, ec)) {
      bind("--ro-bind", path);
    }
  }
  cmd.insert(cmd.end(), {"--proc", "/proc", "--dev", "/dev", "--size", std::to_string(spec.tmp_bytes), "--tmpfs", "/tmp"});
  if (spec.bind_sys) bind("--ro-bind", "/sys");
  for (const fs::path& p : spec.read_only) {
    const fs::path real = fs::weakly_canonical(p, ec);
    if (ec || !fs::exists(real, ec) || under(real, bound)) continue;
    bind("--ro-bind", real);
    if (real != p && fs::is_symlink(p, ec) && !under(p, bound))  // keep the name the caller uses
      cmd.insert(cmd.end(), {"--symlink", real.string(), p.string()});
  }
  for (const fs::path& p : spec.read_write) bind("--bind", p);
  for (const fs::path& d : spec.devices)
    if (fs::exists(d, ec)) bind("--dev-bind", d);
  if (spec.only_process) cmd.push_back("--as-pid-1");
  cmd.insert(cmd.end(), {"--chdir", spec.cwd.empty() ? std::string("/tmp") : spec.cwd.string(), "--"});
  cmd.insert(cmd.end(), argv.begin(), argv.end());
  return cmd;
}

}  // namespace kbench
