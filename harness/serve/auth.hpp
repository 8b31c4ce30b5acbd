// Who may use the server: loopback addresses are open (only this machine's users reach them); any other
// address needs a bearer token (`--token-file`), which every request but GET /v1/health must then carry as
// `Authorization: Bearer <token>`. Tokens are compared in constant time (their SHA-256 digests, so neither
// the content nor the length leaks through timing).
#pragma once
#include <filesystem>
#include <string>

namespace kbench::serve {

// 127.0.0.0/8, ::1 and "localhost".
bool is_loopback_host(const std::string& host);

// The token in `file`: its first line without surrounding whitespace. Throws std::runtime_error when the
// file cannot be read, is empty, or can be read by anyone other than its owner (mode & 077).
std::string read_token_file(const std::filesystem::path& file);

class BearerAuth {
 public:
  explicit BearerAuth(const std::string& token);
  // True when the Authorization header's value is "Bearer <token>".
  bool allows(const std::string& authorization) const;

 private:
  std::string expected_digest_;
};

}  // namespace kbench::serve
