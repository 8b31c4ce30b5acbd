// Bounded fuzzing of the parsers that read untrusted or hand-written text (issue 13): task specs (JSON
// text mutated byte by byte from every shipped spec), worker replies (random JSON values into the reply
// shape check and the timing-reply parser) and code-block extraction from model replies (random and
// mutated markdown). Each must either succeed or fail with its own documented error: never crash, hang
// or throw anything else. Fixed seeds, so a failure replays; a few seconds in all.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/spec/task_spec.hpp"
#include "harness/llm/code_extraction.hpp"
#include "harness/worker/protocol.hpp"
#include "tests/test_support.hpp"

namespace kbench {
namespace {
namespace fs = std::filesystem;
using nlohmann::json;

json random_json(std::mt19937& rng, int depth = 0);

std::string mutate(std::string text, std::mt19937& rng) {
  static const std::string pieces[] = {"1e400", "-1", "4611686018427387904", "null", "\"\"", "[]", "{}", "\xFF",
                                       "\"../../x\"", "0.5", "\"a*\"", "\"rows*rows*rows*rows\"", "true"};
  const int edits = 1 + static_cast<int>(rng() % 4);
  for (int e = 0; e < edits && !text.empty(); ++e) {
    const std::size_t at = rng() % text.size();
    switch (rng() % 4) {
      case 0: text[at] = static_cast<char>(rng() % 256); break;
      case 1: text.erase(at, 1 + rng() % 8); break;
      case 2: text.insert(at, pieces[rng() % std::size(pieces)]); break;
      default: {  // replace a number or a string value after a colon
        const std::size_t colon = text.find(':', at);
        if (colon != std::string::npos) text.insert(colon + 1, pieces[rng() % std::size(pieces)] + ",");
      }
    }
  }
  return text;
}

TEST(ParserFuzz, MutatedTaskSpecsLoadOrFailWithASpecErrorNamingTheFile) {
  std::vector<std::string> specs;
  for (const auto& e : fs::recursive_directory_iterator(test::source_dir() / "tasks"))
    if (e.path().extension() == ".json") {
      std::ifstream in(e.path());
      std::stringstream ss;
      ss << in.rdbuf();
      specs.push_back(ss.str());
    }
  ASSERT_FALSE(specs.empty());
  std::mt19937 rng(13);
  const fs::path file = "tasks/fuzz/spec.json";
  int rejected = 0;
  for (int i = 0; i < 4000; ++i) {
    const std::string text = mutate(specs[rng() % specs.size()], rng);
    const json j = json::parse(text, nullptr, false);
    if (j.is_discarded()) {
      ++rejected;  // not JSON (load_task_spec names the file for these)
      continue;
    }
    try {
      (void)parse_task_spec(j, file);
    } catch (const SpecError& e) {
      ++rejected;
      ASSERT_NE(std::string(e.what()).find(file.string()), std::string::npos) << e.what() << "\n" << text;
    } catch (const std::exception& e) {
      FAIL() << "unexpected " << typeid(e).name() << ": " << e.what() << "\n" << text;
    }
  }
  EXPECT_GT(rejected, 1000);
}

// The same on the parsed tree: one value somewhere (up to four levels down) replaced by a random value,
// so that most mutants are JSON and reach the spec's own validation.
TEST(ParserFuzz, SpecsWithAValueReplacedLoadOrFailWithASpecError) {
  std::vector<json> specs;
  for (const auto& e : fs::recursive_directory_iterator(test::source_dir() / "tasks"))
    if (e.path().extension() == ".json") specs.push_back(json::parse(std::ifstream(e.path())));
  std::mt19937 rng(1302);
  const fs::path file = "tasks/fuzz/spec.json";
  int rejected = 0;
  for (int i = 0; i < 6000; ++i) {
    json j = specs[rng() % specs.size()];
    json* node = &j;
    for (int depth = rng() % 4; depth >= 0; --depth) {
      if (node->is_object() && !node->empty()) {
        auto it = node->begin();
        std::advance(it, rng() % node->size());
        node = &it.value();
      } else if (node->is_array() && !node->empty()) {
        node = &(*node)[rng() % node->size()];
      }
    }
    static const json specials[] = {1e300, -1, 4611686018427387904.0, "", "../../x", "rows*rows*rows*rows", 0, 2.5};
    *node = rng() % 2 ? random_json(rng) : specials[rng() % std::size(specials)];
    try {
      (void)parse_task_spec(j, file);
    } catch (const SpecError& e) {
      ++rejected;
      ASSERT_NE(std::string(e.what()).find(file.string()), std::string::npos) << e.what() << "\n" << j.dump();
    } catch (const std::exception& e) {
      FAIL() << "unexpected " << typeid(e).name() << ": " << e.what() << "\n" << j.dump();
    }
  }
  EXPECT_GT(rejected, 1000);
}

json random_json(std::mt19937& rng, int depth) {
  switch (rng() % (depth > 2 ? 5 : 7)) {
    case 0: return nullptr;
    case 1: return static_cast<bool>(rng() % 2);
    case 2: return static_cast<double>(static_cast<int>(rng() % 2001) - 1000) / 7.0;
    case 3: return std::to_string(rng());
    case 4: return static_cast<std::int64_t>(rng()) - (1ll << 31);
    case 5: {
      json a = json::array();
      for (int k = rng() % 4; k > 0; --k) a.push_back(random_json(rng, depth + 1));
      return a;
    }
    default: {
      static const char* keys[] = {"ok", "error", "fatal", "device_ns", "host_ns", "notes", "method", "host_clock", "warmup_calls", "wall_ms", "x"};
      json o = json::object();
      for (int k = rng() % 5; k > 0; --k) o[keys[rng() % std::size(keys)]] = random_json(rng, depth + 1);
      return o;
    }
  }
}

TEST(ParserFuzz, RandomRepliesAreRefusedWithAReasonOrParsed) {
  std::mt19937 rng(4);
  for (int i = 0; i < 20000; ++i) {
    json reply = random_json(rng);
    if (i % 3 == 0)
      reply = json{{"ok", true}, {"device_ns", random_json(rng)}, {"host_ns", random_json(rng)}, {"method", random_json(rng)},
                   {"host_clock", random_json(rng)}, {"warmup_calls", random_json(rng)}};
    try {
      (void)protocol::reply_shape_error(reply);
      switch (i % 3) {
        case 0: (void)protocol::time_calls_reply_from_wire(reply, 1 + i % 4); break;
        case 1: (void)protocol::time_end_reply_from_wire(reply); break;
        default: (void)protocol::time_begin_reply_from_wire(reply); break;
      }
    } catch (const protocol::MalformedReply&) {
    } catch (const std::exception& e) {
      FAIL() << "unexpected " << e.what() << " for " << reply.dump();
    }
  }
}

TEST(ParserFuzz, CodeExtractionTakesAnyReply) {
  std::mt19937 rng(7);
  const std::string base = "Here:\n```cpp\n#include <cstdint>\nextern \"C\" void solve(const float* a, float* b, int64_t n) {}\n```\n"
                           "and\n~~~\nmore\n~~~\n```c++ extra\nx\n```";
  for (int i = 0; i < 5000; ++i) {
    std::string reply = mutate(base, rng);
    if (i % 5 == 0) {
      reply.assign(rng() % 300, '\0');
      for (char& c : reply) c = "`~\n cppsolve(){}\"\xFF"[rng() % 18];
    }
    (void)llm::fenced_blocks(reply);
    (void)llm::extract_solve_source(reply);
  }
}

}  // namespace
}  // namespace kbench
