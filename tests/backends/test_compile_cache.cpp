// backends/compile_cache: compile_through_cache, the compile flow every backend shares. A hit returns what
// was stored without calling the compiler; anything in the key (source, shim, identity, extra key
// material, whether the library policy applies) makes a miss; failures are cached too (documented), and
// timeouts under their limit; an artifact whose bytes changed is a miss; an artifact over the size cap is a
// failure; the library policy is checked on the built artifact.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <thread>
#include <nlohmann/json.hpp>
#include <sstream>

#include "backends/compile_cache.hpp"
#include "backends/symbol_policy.hpp"
#include "core/spec/task_spec.hpp"
#include "core/util/process.hpp"
#include "tests/test_support.hpp"

using namespace kbench;
namespace fs = std::filesystem;

namespace {

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

class CompileCacheTest : public ::testing::Test {
 protected:
  CompileCacheTest() : task_(load_task_spec(test::source_dir() / "tasks" / "elementwise" / "vector_add.json")) {}

  CompileRequest request(const std::string& source, bool policy = false) const {
    CompileRequest r;
    r.task = &task_;
    r.candidate = make_candidate(source, "candidate.cpp");
    r.work_dir = tmp_.path / "cache";
    r.enforce_library_policy = policy;
    return r;
  }

  // A fake compiler: counts its calls, "compiles" by copying the source into the artifact.
  CachedCompile fake(const std::string& identity = "fakecc 1.0", bool succeed = true) {
    CachedCompile how;
    how.shim_key = "shim";
    how.identity = identity;
    how.build = [this, succeed](const fs::path& dir, CompiledCandidate& out) {
      ++builds_;
      EXPECT_TRUE(fs::is_directory(dir));
      EXPECT_TRUE(fs::is_empty(dir)) << "scratch folder is not fresh";
      out.log = succeed ? "built fine" : "candidate.cpp:1: error: nope";
      out.seconds = 0.25;
      out.artifact = dir / "candidate.so";
      std::ofstream(out.artifact) << "artifact " << builds_;
      out.ok = succeed;
    };
    return how;
  }

  test::TempDir tmp_;
  TaskSpec task_;
  int builds_ = 0;
};

}  // namespace

TEST_F(CompileCacheTest, ASecondCompileOfTheSameSourceIsAHit) {
  const CompiledCandidate first = compile_through_cache(request("int a;"), fake());
  ASSERT_TRUE(first.ok) << first.log;
  EXPECT_FALSE(first.cached);
  EXPECT_EQ(first.compiler, "fakecc 1.0");  // the identity is the result's compiler
  ASSERT_TRUE(fs::exists(first.artifact));
  // The artifact was moved out of the scratch folder into the cache, under the work dir.
  EXPECT_EQ(first.artifact.string().rfind((tmp_.path / "cache").string(), 0), 0u) << first.artifact;
  EXPECT_EQ(first.artifact.parent_path().string().find(".tmp-"), std::string::npos) << first.artifact;

  const CompiledCandidate second = compile_through_cache(request("int a;"), fake());
  EXPECT_EQ(builds_, 1) << "the build callback ran again for a cached source";
  EXPECT_TRUE(second.cached);
  EXPECT_TRUE(second.ok);
  EXPECT_EQ(second.artifact, first.artifact);
  EXPECT_EQ(read_file(second.artifact), "artifact 1");
  EXPECT_EQ(second.log, "built fine");
  EXPECT_EQ(second.compiler, "fakecc 1.0");
  EXPECT_EQ(second.seconds, 0.25);  // the first build's time, as stored
  // No scratch folders are left behind.
  for (const auto& e : fs::recursive_directory_iterator(tmp_.path / "cache"))
    EXPECT_EQ(e.path().filename().string().find(".tmp-"), std::string::npos) << e.path();
}

TEST_F(CompileCacheTest, AnythingInTheKeyMakesAMiss) {
  const CompiledCandidate base = compile_through_cache(request("int a;"), fake());
  ASSERT_EQ(builds_, 1);
  auto expect_miss = [&](const CompiledCandidate& c, const char* what) {
    EXPECT_FALSE(c.cached) << what;
    EXPECT_NE(c.artifact, base.artifact) << what;
  };
  expect_miss(compile_through_cache(request("int b;"), fake()), "different source");
  EXPECT_EQ(builds_, 2);
  const CompiledCandidate other_cc = compile_through_cache(request("int a;"), fake("fakecc 2.0"));
  expect_miss(other_cc, "different compiler identity");
  EXPECT_EQ(other_cc.compiler, "fakecc 2.0");
  EXPECT_EQ(builds_, 3);
  CachedCompile extra = fake();
  extra.key_extra = "headers-hash";
  expect_miss(compile_through_cache(request("int a;"), extra), "different extra key material");
  EXPECT_EQ(builds_, 4);
  CachedCompile shim = fake();
  shim.shim_key = "another shim";
  expect_miss(compile_through_cache(request("int a;"), shim), "different shim");
  EXPECT_EQ(builds_, 5);
  // And each of those is now a hit in turn.
  EXPECT_TRUE(compile_through_cache(request("int b;"), fake()).cached);
  EXPECT_TRUE(compile_through_cache(request("int a;"), fake("fakecc 2.0")).cached);
  EXPECT_EQ(builds_, 5);
}

TEST_F(CompileCacheTest, AFailedCompileIsCachedWithItsLog) {
  const CompiledCandidate first = compile_through_cache(request("broken"), fake("fakecc 1.0", false));
  EXPECT_FALSE(first.ok);
  EXPECT_FALSE(first.cached);
  EXPECT_TRUE(first.artifact.empty()) << "a failed compile must not hand out an artifact";
  const CompiledCandidate second = compile_through_cache(request("broken"), fake("fakecc 1.0", false));
  EXPECT_EQ(builds_, 1) << "documented: failed compiles are cached (same source, same error)";
  EXPECT_TRUE(second.cached);
  EXPECT_FALSE(second.ok);
  EXPECT_TRUE(second.artifact.empty());
  EXPECT_EQ(second.log, "candidate.cpp:1: error: nope");
}

TEST_F(CompileCacheTest, ATimedOutCompileIsCachedForItsLimitAndRetriedUnderALargerOne) {
  CachedCompile slow = fake();
  slow.build = [this](const fs::path&, CompiledCandidate& out) {
    ++builds_;
    out.ok = false;
    out.timed_out = true;
    out.log = "compiler timed out";
  };
  auto with_limit = [this](double seconds) {
    CompileRequest r = request("slow");
    r.timeout_seconds = seconds;
    return r;
  };
  EXPECT_TRUE(compile_through_cache(with_limit(10), slow).timed_out);
  ASSERT_EQ(builds_, 1);
  // The same limit again (a precompile, then the evaluation): one compile, the timeout comes from the cache.
  const CompiledCandidate again = compile_through_cache(with_limit(10), slow);
  EXPECT_EQ(builds_, 1) << "a timed-out compile ran again under the same limit";
  EXPECT_TRUE(again.cached);
  EXPECT_TRUE(again.timed_out);
  EXPECT_FALSE(again.ok);
  EXPECT_EQ(again.log, "compiler timed out");
  EXPECT_TRUE(compile_through_cache(with_limit(5), slow).cached) << "a smaller limit would time out too";
  // A larger limit may finish: it compiles again, and its timeout is then recorded under that limit.
  const CompiledCandidate longer = compile_through_cache(with_limit(20), slow);
  EXPECT_EQ(builds_, 2) << "a larger limit must retry the compile";
  EXPECT_FALSE(longer.cached);
  EXPECT_TRUE(compile_through_cache(with_limit(20), slow).cached);
  EXPECT_TRUE(compile_through_cache(with_limit(10), slow).cached);
  EXPECT_EQ(builds_, 2);
}

TEST_F(CompileCacheTest, ATamperedArtifactIsAMissAndIsRebuilt) {
  const CompiledCandidate first = compile_through_cache(request("int a;"), fake());
  ASSERT_TRUE(first.ok) << first.log;
  ASSERT_EQ(read_file(first.artifact), "artifact 1");
  std::ofstream(first.artifact, std::ios::binary | std::ios::trunc) << "artifact X";  // same size, other bytes
  const CompiledCandidate second = compile_through_cache(request("int a;"), fake());
  EXPECT_EQ(builds_, 2) << "a cached artifact whose bytes changed was handed out";
  EXPECT_FALSE(second.cached);
  ASSERT_TRUE(second.ok) << second.log;
  EXPECT_EQ(read_file(second.artifact), "artifact 2");
  // The rebuilt entry replaced the bad one and is a hit again.
  const CompiledCandidate third = compile_through_cache(request("int a;"), fake());
  EXPECT_TRUE(third.cached);
  EXPECT_EQ(builds_, 2);
  EXPECT_EQ(read_file(third.artifact), "artifact 2");
}

TEST_F(CompileCacheTest, AnEntryWithoutItsArtifactHashIsAMiss) {
  const CompiledCandidate first = compile_through_cache(request("int a;"), fake());
  ASSERT_TRUE(first.ok) << first.log;
  const fs::path record = first.artifact.parent_path() / "result.json";
  nlohmann::json j = nlohmann::json::parse(read_file(record));
  ASSERT_TRUE(j.contains("artifact_sha256")) << j.dump();
  j.erase("artifact_sha256");
  std::ofstream(record, std::ios::trunc) << j.dump();
  const CompiledCandidate second = compile_through_cache(request("int a;"), fake());
  EXPECT_EQ(builds_, 2) << "an artifact without a recorded hash was trusted";
  EXPECT_FALSE(second.cached);
  EXPECT_TRUE(compile_through_cache(request("int a;"), fake()).cached);
}

TEST_F(CompileCacheTest, AnArtifactOverTheSizeCapIsACompileFailure) {
  constexpr std::uint64_t kMiB = 1 << 20;
  CachedCompile big = fake();
  big.build = [this](const fs::path& dir, CompiledCandidate& out) {
    ++builds_;
    out.artifact = dir / "candidate.so";
    std::ofstream(out.artifact, std::ios::binary) << std::string(3 * kMiB / 2, 'x');  // 1.5 MiB
    out.log = "built fine";
    out.ok = true;
  };
  CompileRequest capped = request("static char huge[1 << 21] = {1};");
  capped.max_artifact_bytes = kMiB;
  const CompiledCandidate c = compile_through_cache(capped, big);
  EXPECT_FALSE(c.ok);
  EXPECT_TRUE(c.artifact.empty());
  EXPECT_NE(c.log.find("kbench: the compiled artifact is 1.5 MiB, over the 1 MiB limit"), std::string::npos) << c.log;
  for (const auto& e : fs::recursive_directory_iterator(tmp_.path / "cache"))
    EXPECT_NE(e.path().filename(), "candidate.so") << "the oversized artifact was left at " << e.path();
  // Cached as a failure under that cap; a larger cap is another key and builds.
  EXPECT_TRUE(compile_through_cache(capped, big).cached);
  CompileRequest roomy = capped;
  roomy.max_artifact_bytes = 2 * kMiB;
  const CompiledCandidate fits = compile_through_cache(roomy, big);
  EXPECT_EQ(builds_, 2);
  EXPECT_TRUE(fits.ok) << fits.log;
  EXPECT_EQ(fs::file_size(fits.artifact), 3 * kMiB / 2);
}

TEST_F(CompileCacheTest, LibraryPolicyIsCheckedOnTheArtifactAndPartOfTheKey) {
  // Real shared objects (nm reads their imports): one calling dlopen, one calling a vendor-like symbol.
  auto gxx = [this](const std::string& source) {
    CachedCompile how = fake();
    how.vendor_symbols = {"cblas_*"};
    how.build = [this, source](const fs::path& dir, CompiledCandidate& out) {
      ++builds_;
      std::ofstream(dir / "c.cpp") << source;
      out.artifact = dir / "candidate.so";
      const ProcessResult r = run_process({"g++", "-shared", "-fPIC", (dir / "c.cpp").string(), "-o", out.artifact.string()}, 120);
      out.log = r.output;
      out.ok = r.exit_code == 0;
    };
    return how;
  };
  const std::string dl = "#include <dlfcn.h>\nextern \"C\" void* f() { return dlopen(\"x\", RTLD_NOW); }\n";
  const CompiledCandidate checked = compile_through_cache(request(dl, true), gxx(dl));
  ASSERT_TRUE(checked.ok) << checked.log;
  EXPECT_NE(checked.policy_violation.find("dlopen"), std::string::npos) << checked.policy_violation;
  // Stored with the verdict: a hit keeps the violation.
  const CompiledCandidate hit = compile_through_cache(request(dl, true), gxx(dl));
  EXPECT_TRUE(hit.cached);
  EXPECT_EQ(hit.policy_violation, checked.policy_violation);
  // Without the policy (references) the same source is a different key, compiled again and not flagged.
  const CompiledCandidate unchecked = compile_through_cache(request(dl, false), gxx(dl));
  EXPECT_FALSE(unchecked.cached);
  EXPECT_EQ(builds_, 2);
  EXPECT_TRUE(unchecked.policy_violation.empty()) << unchecked.policy_violation;
  // Vendor patterns apply when the task forbids libraries (vector_add does).
  ASSERT_FALSE(task_.allow_libraries);
  const std::string blas = "extern \"C\" void cblas_saxpy();\nextern \"C\" void f() { cblas_saxpy(); }\n";
  const CompiledCandidate vendor = compile_through_cache(request(blas, true), gxx(blas));
  ASSERT_TRUE(vendor.ok) << vendor.log;
  EXPECT_NE(vendor.policy_violation.find("cblas_saxpy"), std::string::npos) << vendor.policy_violation;
  const std::string clean = "extern \"C\" int f(int x) { return x + 1; }\n";
  const CompiledCandidate fine = compile_through_cache(request(clean, true), gxx(clean));
  ASSERT_TRUE(fine.ok) << fine.log;
  EXPECT_TRUE(fine.policy_violation.empty()) << fine.policy_violation;
}

TEST(PrototypeHint, NamesTheExpectedPrototypeOnlyForSignatureConflicts) {
  const std::string sig = "extern \"C\" void solve(const float* a, float* b, int64_t n, cudaStream_t stream)";
  const std::string nvcc = "candidate.cu(2): error: more than one instance of overloaded function \"solve\" has \"C\" linkage";
  const std::string hipcc = "candidate.hip:2:17: error: conflicting types for 'solve'";
  for (const std::string& log : {nvcc, hipcc}) EXPECT_NE(prototype_hint(log, sig).find(sig + ";"), std::string::npos) << log;
  EXPECT_EQ(prototype_hint("candidate.cu(3): error: identifier \"x\" is undefined", sig), "");
}

// The compiler gate: while a baseline is timed (the gate held exclusively) no compiler starts, and it starts
// once the timing is done; a cache hit runs no compiler, so it does not wait.
TEST_F(CompileCacheTest, NoCompilerRunsWhileTheCompilerGateIsHeldExclusively) {
  (void)compile_through_cache(request("int warm;"), fake());
  compiler_gate().lock_exclusive();
  std::atomic<bool> done{false};
  std::thread compiling([&] {
    (void)compile_through_cache(request("int fresh;"), fake());
    done = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_FALSE(done.load()) << "a compiler ran beside a baseline being timed";
  EXPECT_TRUE(compile_through_cache(request("int warm;"), fake()).cached);  // a hit, not held up
  compiler_gate().unlock_exclusive();
  compiling.join();
  EXPECT_TRUE(done.load());
  EXPECT_EQ(builds_, 2);
}
