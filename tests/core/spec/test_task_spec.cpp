// Task spec parsing: a valid spec loads; each kind of malformed spec fails naming the file and field.
#include <gtest/gtest.h>

#include <fstream>

#include "core/spec/entry_shim.hpp"
#include "core/spec/signature.hpp"
#include "core/spec/task_spec.hpp"

using namespace kbench;
using nlohmann::json;

namespace {

json valid_spec() {
  return json::parse(R"({
    "id": "normalization/layernorm_t", "category": "normalization", "level": 1,
    "description": "test",
    "arguments": [
      {"name": "x", "role": "input", "dtype": "f32", "shape": ["rows", "cols"], "dist": {"kind": "normal", "mean": 1, "std": 2, "jitter": 0.5}},
      {"name": "idx", "role": "input", "dtype": "i64", "shape": ["rows"], "dist": {"kind": "randint", "low": 0, "high": "cols-1"}},
      {"name": "y", "role": "output", "dtype": "f16", "shape": ["rows", "cols2"]},
      {"name": "rows", "role": "size"},
      {"name": "cols", "role": "size"},
      {"name": "cols2", "role": "size", "value": "2*cols"},
      {"name": "eps", "role": "scalar", "dtype": "f32", "value": 1e-5}
    ],
    "shapes": {"check": [{"rows": 3, "cols": 5}, {"rows": 1, "cols": 1, "eps": 0.1}], "bench": [{"rows": 64, "cols": 64}]},
    "flops": "8*rows*cols", "bytes": "4*rows*cols",
    "references": {"cpu": "cpu/x.cpp"}
  })");
}

// Parses `j` and returns the error text ("" when it parsed).
std::string error_of(const json& j) {
  try {
    parse_task_spec(j, "tasks/normalization/layernorm_t.json");
    return "";
  } catch (const SpecError& e) {
    return e.what();
  }
}

}  // namespace

TEST(TaskSpec, ParsesAValidSpec) {
  const TaskSpec t = parse_task_spec(valid_spec(), "x.json");
  EXPECT_EQ(t.id, "normalization/layernorm_t");
  EXPECT_EQ(t.name, "layernorm_t");
  ASSERT_EQ(t.arguments.size(), 7u);
  EXPECT_EQ(t.arguments[2].dtype, DType::f16);
  const SizeEnv env = t.sizes(t.shapes.at("check")[0]);
  EXPECT_EQ(env.at("cols2"), 10);
  EXPECT_EQ(t.element_count(t.arguments[2], env), 30);
  EXPECT_DOUBLE_EQ(t.scalar(t.arguments[6], t.shapes.at("check")[1]), 0.1);
  EXPECT_DOUBLE_EQ(t.scalar(t.arguments[6], t.shapes.at("check")[0]), 1e-5);
  EXPECT_EQ(t.tolerance_for(t.arguments[2], env).nrel, default_tolerance(DType::f16).nrel);
  EXPECT_EQ(&t.shape_sets("bench", "cuda"), &t.shapes.at("bench"));
}

TEST(TaskSpec, SignaturesPerBackend) {
  const TaskSpec t = parse_task_spec(valid_spec(), "x.json");
  EXPECT_EQ(solve_signature(t, "cpu", ""),
            "extern \"C\" void solve(const float* x, const int64_t* idx, _Float16* y, int64_t rows, int64_t cols, int64_t cols2, float eps)");
  EXPECT_EQ(solve_parameters(t, "cuda", "cudaStream_t"),
            "const float* x, const int64_t* idx, __half* y, int64_t rows, int64_t cols, int64_t cols2, float eps, cudaStream_t stream");
  const std::string shim = entry_shim_source(t, "cpu", "", "/tmp/cand.cpp");
  EXPECT_NE(shim.find("#include \"/tmp/cand.cpp\""), std::string::npos);
  EXPECT_NE(shim.find("kbench_entry"), std::string::npos);
}

TEST(TaskSpec, ShimPreludeIncludesHalfPrecisionHeadersOnlyForTasksThatUseThem) {
  const TaskSpec half = parse_task_spec(valid_spec(), "x.json");  // has an f16 output
  EXPECT_EQ(shim_prelude(half, "rt.h", "f16.h", "bf16.h"), "#include <rt.h>\n#include <f16.h>\n");
  json j = valid_spec();
  for (auto& a : j["arguments"])
    if (a.value("dtype", "") == "f16") a["dtype"] = "bf16";
  EXPECT_EQ(shim_prelude(parse_task_spec(j, "x.json"), "rt.h", "f16.h", "bf16.h"), "#include <rt.h>\n#include <bf16.h>\n");
  for (auto& a : j["arguments"])
    if (a.value("dtype", "") == "bf16") a["dtype"] = "f32";
  EXPECT_EQ(shim_prelude(parse_task_spec(j, "x.json"), "rt.h", "f16.h", "bf16.h"), "#include <rt.h>\n");
}

TEST(TaskSpec, MalformedSpecsNameTheField) {
  struct Case {
    const char* what;
    std::function<void(json&)> mutate;
    const char* expected_field;
  };
  const std::vector<Case> cases = {
      {"missing id", [](json& j) { j.erase("id"); }, "field 'id': missing"},
      {"id without category", [](json& j) { j["id"] = "layernorm"; }, "field 'id'"},
      {"category mismatch", [](json& j) { j["category"] = "matmul"; }, "field 'category'"},
      {"level out of range", [](json& j) { j["level"] = 4; }, "field 'level'"},
      {"unknown dtype", [](json& j) { j["arguments"][0]["dtype"] = "f8"; }, "field 'arguments[0].dtype'"},
      {"unknown role", [](json& j) { j["arguments"][0]["role"] = "inout"; }, "field 'arguments[0].role'"},
      {"duplicate argument", [](json& j) { j["arguments"][1]["name"] = "x"; }, "field 'arguments[1].name'"},
      {"unknown shape symbol", [](json& j) { j["arguments"][0]["shape"][1] = "colz"; }, "field 'arguments[0].shape[1]'"},
      {"bad shape expression", [](json& j) { j["arguments"][0]["shape"][1] = "cols*"; }, "field 'arguments[0].shape[1]'"},
      {"unknown distribution", [](json& j) { j["arguments"][0]["dist"]["kind"] = "gauss"; }, "field 'arguments[0].dist.kind'"},
      {"negative std", [](json& j) { j["arguments"][0]["dist"]["std"] = -1; }, "field 'arguments[0].dist.std'"},
      {"no outputs", [](json& j) { j["arguments"].erase(2); }, "field 'arguments'"},
      {"missing check shapes", [](json& j) { j["shapes"].erase("check"); }, "field 'shapes.check'"},
      {"shape set missing a size", [](json& j) { j["shapes"]["check"][0].erase("cols"); }, "missing size 'cols'"},
      {"fractional size", [](json& j) { j["shapes"]["check"][0]["rows"] = 2.5; }, "field 'shapes.check[0].rows'"},
      {"unknown symbol in shape set", [](json& j) { j["shapes"]["bench"][0]["depth"] = 3; }, "field 'shapes.bench[0].depth'"},
      {"empty tensor", [](json& j) { j["shapes"]["check"][0]["rows"] = 0; }, "tensor 'x' would be empty"},
      {"unknown shape purpose", [](json& j) { j["shapes"]["warm"] = j["shapes"]["check"]; }, "field 'shapes.warm'"},
      {"negative tolerance", [](json& j) { j["tolerance"] = {{"nrel", -1}}; }, "field 'tolerance'"},
      {"bad flops", [](json& j) { j["flops"] = "2*q"; }, "field 'flops'"},
      {"no cpu reference", [](json& j) { j["references"] = json::object(); }, "field 'references.cpu'"},
      {"scalar without value", [](json& j) { j["arguments"][6].erase("value"); }, "field 'arguments[6].value'"},
      {"bad library policy", [](json& j) { j["libraries"] = "sometimes"; }, "field 'libraries'"},
      // Issue 13: sizes that cannot work are refused before anything is allocated (2^62 segfaulted).
      {"size of 2^62", [](json& j) { j["shapes"]["check"][0]["rows"] = 4611686018427387904.0; }, "field 'shapes.check[0].rows': sizes must be at most 2^34"},
      {"tensor over 16 GiB", [](json& j) { j["shapes"]["bench"][0] = {{"rows", 1 << 17}, {"cols", 1 << 17}}; }, "tensor 'x' would take 64.0 GiB"},
      {"derived dimension over 2^34", [](json& j) { j["arguments"][5]["value"] = "cols*cols*cols"; j["shapes"]["bench"][0] = {{"rows", 1}, {"cols", 4096}}; }, "over 2^34"},
      {"reference path escaping its folder", [](json& j) { j["references"]["cpu"] = "../../etc/passwd"; }, "field 'references.cpu': must be a relative path"},
      {"absolute reference path", [](json& j) { j["references"]["cuda"] = "/etc/passwd"; }, "field 'references.cuda'"},
      {"vendor path escaping its folder", [](json& j) { j["vendor"] = {{"cuda", "cuda/../../x.cu"}}; }, "field 'vendor.cuda'"},
  };
  for (const auto& c : cases) {
    json j = valid_spec();
    c.mutate(j);
    const std::string err = error_of(j);
    EXPECT_NE(err.find("tasks/normalization/layernorm_t.json"), std::string::npos) << c.what << ": " << err;
    EXPECT_NE(err.find(c.expected_field), std::string::npos) << c.what << ": got \"" << err << "\"";
  }
}

TEST(TaskSpec, InvalidJsonNamesTheFile) {
  const auto path = std::filesystem::temp_directory_path() / "kbench-bad-spec.json";
  { std::ofstream(path) << "{ \"id\": \"a/b\", "; }
  try {
    load_task_spec(path);
    FAIL() << "expected SpecError";
  } catch (const SpecError& e) {
    EXPECT_NE(std::string(e.what()).find(path.string()), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("invalid JSON"), std::string::npos);
  }
  std::filesystem::remove(path);
}

// Issue 13: a number too large for a double (1e400) was an error that did not name the file.
TEST(TaskSpec, ANumberOutOfRangeNamesTheFile) {
  const auto path = std::filesystem::temp_directory_path() / "kbench-huge-number-spec.json";
  json j = valid_spec();
  std::string text = j.dump();
  text.replace(text.find("\"rows\":3"), 8, "\"rows\":1e400");
  { std::ofstream(path) << text; }
  try {
    load_task_spec(path);
    FAIL() << "expected SpecError";
  } catch (const SpecError& e) {
    EXPECT_NE(std::string(e.what()).find(path.string()), std::string::npos) << e.what();
  }
  std::filesystem::remove(path);
}
