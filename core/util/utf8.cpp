// valid_utf8: a strict decoder (each bad byte, with the continuation bytes after it, becomes one U+FFFD);
// utf8_boundary: back off over continuation bytes.
#include "core/util/utf8.hpp"

namespace kbench {

namespace {

constexpr const char* kReplacement = "\xEF\xBF\xBD";

// Length of the well-formed sequence starting at text[i], or 0 when none starts there.
std::size_t sequence_length(std::string_view t, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(t[k]); };
  const unsigned char b0 = byte(i);
  if (b0 < 0x80) return 1;
  std::size_t n = 0;
  unsigned char lo = 0x80, hi = 0xBF;  // allowed range of the second byte
  if (b0 >= 0xC2 && b0 <= 0xDF) n = 2;
  else if (b0 == 0xE0) n = 3, lo = 0xA0;
  else if (b0 >= 0xE1 && b0 <= 0xEC) n = 3;
  else if (b0 == 0xED) n = 3, hi = 0x9F;  // no surrogates
  else if (b0 >= 0xEE && b0 <= 0xEF) n = 3;
  else if (b0 == 0xF0) n = 4, lo = 0x90;
  else if (b0 >= 0xF1 && b0 <= 0xF3) n = 4;
  else if (b0 == 0xF4) n = 4, hi = 0x8F;  // nothing above U+10FFFF
  else return 0;
  if (i + n > t.size()) return 0;
  if (byte(i + 1) < lo || byte(i + 1) > hi) return 0;
  for (std::size_t k = 2; k < n; ++k)
    if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
  return n;
}

}  // namespace

std::string valid_utf8(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size());
  for (std::size_t i = 0; i < bytes.size();) {
    if (const std::size_t n = sequence_length(bytes, i)) {
      out.append(bytes.substr(i, n));
      i += n;
      continue;
    }
    out += kReplacement;
    // One replacement for the bad byte and the continuation bytes after it (none of which can start a
    // sequence of its own).
    ++i;
    while (i < bytes.size() && (static_cast<unsigned char>(bytes[i]) & 0xC0) == 0x80) ++i;
  }
  return out;
}

std::size_t utf8_boundary(std::string_view text, std::size_t pos) {
  if (pos >= text.size()) return text.size();
  std::size_t back = 0;
  while (pos > 0 && back < 3 && (static_cast<unsigned char>(text[pos]) & 0xC0) == 0x80) --pos, ++back;
  return pos;
}

}  // namespace kbench
