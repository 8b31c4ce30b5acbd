// Text from candidates, compilers and file systems is bytes: these make it valid UTF-8 before it meets
// JSON, the terminal or the database (nlohmann::json throws on invalid UTF-8 when it dumps).
#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace kbench {

// `bytes` with every invalid or truncated sequence (and overlong forms, surrogates, code points above
// U+10FFFF) replaced by U+FFFD; valid text comes back unchanged.
std::string valid_utf8(std::string_view bytes);

// The largest position <= `pos` that does not split a UTF-8 sequence of `text` (for cutting text).
std::size_t utf8_boundary(std::string_view text, std::size_t pos);

}  // namespace kbench
