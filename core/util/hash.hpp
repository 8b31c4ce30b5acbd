// SHA-256 of text (OpenSSL), as lowercase hex: candidate hashes and compile-cache keys.
#pragma once
#include <string>
#include <string_view>

namespace kbench {
std::string sha256_hex(std::string_view data);
}
