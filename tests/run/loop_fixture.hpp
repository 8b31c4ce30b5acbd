// Shared set-up for the run-loop tests: a temporary results database, the real catalog, prompts and
// CPU backend, an evaluator with short timing, and a LoopContext wired to any ChatModel.
#pragma once
#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <random>

#include "backends/backend.hpp"
#include "harness/eval/evaluator.hpp"
#include "harness/run/prompt_builder.hpp"
#include "harness/run/run_loop.hpp"
#include "core/util/paths.hpp"
#include "results/store/llm_store.hpp"
#include "results/store/store.hpp"

namespace kbench::testing {

class LoopFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("kbench-llm-test-" + std::to_string(std::random_device{}()) + "-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir_);
    store_ = std::make_unique<ResultStore>(dir_ / "kbench.db");
    // A private catalog of the few tasks these tests use, so a task being edited elsewhere cannot break them.
    for (const char* id : {"elementwise/vector_add", "activation/relu", "activation/silu", "reduction/sum_rows",
                           "matmul/matmul"}) {
      auto from = kbench_root() / "tasks" / (std::string(id) + ".json");
      auto to = dir_ / "tasks" / (std::string(id) + ".json");
      std::filesystem::create_directories(to.parent_path());
      std::filesystem::copy_file(from, to);
    }
    catalog_ = std::make_unique<Catalog>(Catalog::load(dir_ / "tasks"));
    backend_ = make_backend("cpu");
    options_ = default_eval_options();
    options_.trials = 1;
    options_.timing.min_samples = 5;
    options_.timing.min_time_ms = 20;
    options_.timing.max_time_ms = 400;
    templates_ = std::make_unique<llm::PromptTemplates>(kbench_root() / "prompts");
    prompts_ = std::make_unique<llm::PromptBuilder>(
        *templates_, *catalog_, llm::backend_prompt_info("cpu", "", ".cpp", "test CPU"),
        kbench_root() / "reference_kernels" / "examples");
  }
  void TearDown() override {
    evaluators_.clear();
    store_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  // Each context gets its own Evaluator, with the options as they are when it is made.
  llm::LoopContext context(llm::ChatModel& model, const std::atomic<bool>* cancel = nullptr) {
    Evaluator& evaluator = *evaluators_.emplace_back(std::make_unique<Evaluator>(*backend_, options_));
    return llm::LoopContext{
        *store_,
        model,
        *catalog_,
        *prompts_,
        [this](const TaskSpec& t) { return reference_source(t, "cpu", options_); },
        [&evaluator](const TaskSpec& t, const Candidate& c) { return evaluator.evaluate(t, c); },
        "candidate.cpp",
        nullptr,
        cancel,
        {}};
  }

  llm::RunSettings settings(std::vector<std::string> tasks, int turns, const std::string& provider = "openai") {
    llm::RunSettings s;
    s.task_ids = std::move(tasks);
    s.backend = "cpu";
    s.model = "fake-model";
    s.provider = provider;
    s.endpoint = "loopback";
    s.turns = turns;
    return s;
  }

  std::string begin(const llm::RunSettings& s) { return store_->begin_run("run", "test", llm::to_json(s)); }

  std::filesystem::path dir_;
  std::unique_ptr<ResultStore> store_;
  std::unique_ptr<Catalog> catalog_;
  std::unique_ptr<Backend> backend_;
  EvalOptions options_;
  std::vector<std::unique_ptr<Evaluator>> evaluators_;
  std::unique_ptr<llm::PromptTemplates> templates_;
  std::unique_ptr<llm::PromptBuilder> prompts_;
};

}  // namespace kbench::testing
