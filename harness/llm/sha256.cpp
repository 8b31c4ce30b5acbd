// SHA-256 of a string as lower-case hex, through OpenSSL's EVP interface (used for cache keys).
#include <openssl/evp.h>

#include <stdexcept>
#include <string>

#include "harness/llm/reply_cache.hpp"

namespace kbench::llm {

std::string sha256_hex(const std::string& text) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_Digest(text.data(), text.size(), digest, &length, EVP_sha256(), nullptr) != 1)
    throw std::runtime_error("EVP_Digest(sha256) failed");
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < length; ++i) {
    out.push_back(kHex[digest[i] >> 4]);
    out.push_back(kHex[digest[i] & 15]);
  }
  return out;
}

}  // namespace kbench::llm
