// Loopback check, token file and bearer comparison: see auth.hpp.
#include "harness/serve/auth.hpp"

#include <arpa/inet.h>
#include <sys/stat.h>

#include <fstream>
#include <stdexcept>

#include "core/util/hash.hpp"

namespace kbench::serve {

bool is_loopback_host(const std::string& host) {
  if (host == "localhost" || host == "::1") return true;
  in_addr a{};
  if (inet_pton(AF_INET, host.c_str(), &a) != 1) return false;
  return (ntohl(a.s_addr) >> 24) == 127;
}

std::string read_token_file(const std::filesystem::path& file) {
  struct stat st {};
  if (::stat(file.c_str(), &st) != 0) throw std::runtime_error("cannot read the token file " + file.string());
  if (st.st_mode & 077)
    throw std::runtime_error("the token file " + file.string() + " can be read by others; chmod 600 it");
  std::ifstream in(file);
  std::string line;
  if (!in || !std::getline(in, line)) throw std::runtime_error("cannot read the token file " + file.string());
  const auto first = line.find_first_not_of(" \t\r\n");
  const auto last = line.find_last_not_of(" \t\r\n");
  if (first == std::string::npos) throw std::runtime_error("the token file " + file.string() + " is empty");
  return line.substr(first, last - first + 1);
}

BearerAuth::BearerAuth(const std::string& token) : expected_digest_(sha256_hex("Bearer " + token)) {
  if (token.empty()) throw std::invalid_argument("empty bearer token");
}

bool BearerAuth::allows(const std::string& authorization) const {
  const std::string got = sha256_hex(authorization);
  unsigned char diff = 0;
  for (std::size_t i = 0; i < expected_digest_.size(); ++i)
    diff |= static_cast<unsigned char>(expected_digest_[i] ^ got[i]);
  return diff == 0;
}

}  // namespace kbench::serve
