// SHA-256 (OpenSSL), as lowercase hex: candidate hashes, compile-cache keys and cached artifacts.
#pragma once
#include <filesystem>
#include <string>
#include <string_view>

namespace kbench {
std::string sha256_hex(std::string_view data);
// Of a file's bytes, read in chunks; throws std::runtime_error naming the file when it cannot be read.
std::string sha256_file_hex(const std::filesystem::path& file);
}
