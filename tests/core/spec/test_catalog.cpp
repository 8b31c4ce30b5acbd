// The shipped catalog loads, has the required tasks with exact CPU signatures, and globbing works.
#include <gtest/gtest.h>

#include <fstream>

#include "backends/backend.hpp"
#include "core/spec/catalog.hpp"
#include "core/spec/signature.hpp"
#include "reference_kernels/oracles/oracle.hpp"
#include "tests/test_support.hpp"

using namespace kbench;

TEST(Catalog, RequiredTasksHaveExactSignatures) {
  const Catalog c = Catalog::load(test::source_dir() / "tasks");
  const std::map<std::string, std::string> expected = {
      {"elementwise/vector_add", "const float* a, const float* b, float* c, int64_t n"},
      {"activation/relu", "const float* x, float* y, int64_t n"},
      {"matmul/matmul", "const float* A, const float* B, float* C, int64_t M, int64_t N, int64_t K"},
      {"normalization/softmax", "const float* x, float* y, int64_t rows, int64_t cols"},
      {"reduction/sum_rows", "const float* x, float* y, int64_t rows, int64_t cols"},
      {"normalization/layernorm", "const float* x, const float* gamma, const float* beta, float* y, int64_t rows, int64_t cols, float eps"},
      {"loss/mse_loss", "const float* pred, const float* target, float* out, int64_t n"},
  };
  for (const auto& [id, params] : expected) {
    const TaskSpec& t = c.get(id);
    EXPECT_EQ(solve_parameters(t, "cpu", ""), params) << id;
    EXPECT_EQ(solve_parameters(t, "cuda", "cudaStream_t"), params + ", cudaStream_t stream") << id;
  }
  // matmul's check shapes include K >= 512.
  bool big_k = false;
  for (const auto& s : c.get("matmul/matmul").shapes.at("check")) big_k = big_k || s.at("K") >= 512;
  EXPECT_TRUE(big_k);
}

TEST(Catalog, EveryTaskHasAnOracleAndItsCpuReferenceFile) {
  const Catalog c = Catalog::load(test::source_dir() / "tasks");
  // "Every task" is every tasks/**/*.json on disk: none skipped by the loader.
  std::set<std::string> loaded;
  for (const auto& t : c.tasks()) loaded.insert(t.id);
  EXPECT_EQ(loaded, test::task_ids_on_disk());
  EXPECT_EQ(c.tasks().size(), test::task_ids_on_disk().size());
  for (const auto& t : c.tasks()) {
    EXPECT_NO_THROW(find_oracle(t.oracle)) << t.id;
    EXPECT_TRUE(std::filesystem::exists(test::source_dir() / "reference_kernels" / t.references.at("cpu"))) << t.id;
  }
}

TEST(Catalog, GlobsAndUnknownIds) {
  const Catalog c = Catalog::load(test::source_dir() / "tasks");
  const auto m = c.match("elementwise/vector_add,activation/re*");
  ASSERT_GE(m.size(), 2u);
  EXPECT_EQ(m.front()->category, "activation");
  try {
    c.get("elementwise/vector_ad");
    FAIL();
  } catch (const std::out_of_range& e) {
    EXPECT_NE(std::string(e.what()).find("did you mean"), std::string::npos) << e.what();
  }
}

TEST(Catalog, IdMustMatchTheFilePlace) {
  test::TempDir tmp;
  std::filesystem::create_directories(tmp.path / "elementwise");
  std::ifstream in(test::source_dir() / "tasks" / "elementwise" / "vector_add.json");
  std::stringstream ss;
  ss << in.rdbuf();
  std::ofstream(tmp.path / "elementwise" / "renamed.json") << ss.str();
  try {
    Catalog::load(tmp.path);
    FAIL();
  } catch (const SpecError& e) {
    EXPECT_NE(std::string(e.what()).find("renamed.json"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("expected 'elementwise/renamed'"), std::string::npos) << e.what();
  }
}
