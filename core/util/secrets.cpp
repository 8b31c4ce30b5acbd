// redact_secrets: secret-looking environment values cut out of text. See secrets.hpp.
#include "core/util/secrets.hpp"

#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <string_view>
#include <vector>

extern char** environ;

namespace kbench {

namespace {

constexpr std::size_t kMinSecretBytes = 8;

bool name_looks_secret(std::string_view name) {
  std::string upper(name);
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  for (const char* word : {"KEY", "TOKEN", "SECRET", "PASSWORD", "CREDENTIAL"})
    if (upper.find(word) != std::string::npos) return true;
  return false;
}

// The values to cut, longest first (a secret that contains another is cut whole).
std::vector<std::string> secret_values() {
  std::vector<std::string> values;
  for (char** e = environ; e && *e; ++e) {
    const std::string_view entry(*e);
    const auto eq = entry.find('=');
    if (eq == std::string_view::npos || entry.size() - eq - 1 < kMinSecretBytes) continue;
    if (name_looks_secret(entry.substr(0, eq))) values.emplace_back(entry.substr(eq + 1));
  }
  std::sort(values.begin(), values.end(), [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  return values;
}

}  // namespace

std::string redact_secrets(std::string text) {
  static const std::string kMark = "[redacted]";
  for (const std::string& secret : secret_values())
    for (auto at = text.find(secret); at != std::string::npos; at = text.find(secret, at + kMark.size()))
      text.replace(at, secret.size(), kMark);
  return text;
}

}  // namespace kbench
