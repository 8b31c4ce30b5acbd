// TaskSpec: one task of the catalog as loaded from tasks/<category>/<name>.json, validated.
#pragma once
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/spec/dtype.hpp"
#include "core/spec/expr.hpp"
#include "core/spec/tolerance.hpp"

namespace kbench {

enum class ArgRole { input, output, size, scalar };

// How an input tensor's elements are drawn. Kinds and their parameters (all optional):
//   normal {mean=0, std=1} · uniform {low=-1, high=1} · student_t {df=3, loc=0, scale=1} (heavy tails)
//   lognormal {mean=0, std=1} (positive, skewed) · randint {low=0, high: expression, inclusive}
//   bernoulli {p=0.5} (0/1 values)
// jitter (>= 0): per trial, the location moves by U(-jitter, jitter)·spread and the spread is scaled by
// exp(U(-jitter, jitter)), so a candidate cannot know the statistics of the inputs in advance.
struct Distribution {
  std::string kind = "normal";
  double a = 0.0;  // mean / low / loc / p
  double b = 1.0;  // std / high / scale
  double df = 3.0;
  std::optional<Expr> int_high;  // randint upper bound (inclusive) as an expression over sizes
  double jitter = 0.0;
};

// A value a scalar argument might be confused with (`kbench audit` checks that a kernel hard-coding it
// fails): a number, an integer expression over sizes, or rsqrt(<expression>) = 1/sqrt of it (attention's
// usual scale 1/sqrt(D)).
struct ScalarGuess {
  std::string text;
  double number = 0.0;
  std::optional<Expr> expr;
  bool rsqrt = false;
  double eval(const SizeEnv& env) const;
};

struct Argument {
  std::string name;
  ArgRole role = ArgRole::input;
  DType dtype = DType::f32;
  std::vector<Expr> shape;             // tensors
  Distribution dist;                   // inputs
  std::optional<Expr> size_value;      // size args derived from others (else taken from the shape set)
  double scalar_value = 0.0;           // scalar args (a shape set may override by name)
  std::optional<Expr> reduce;          // outputs: how many terms feed each element (tolerance model), else 1
  std::vector<ScalarGuess> confusable;  // scalars: values a kernel might hard-code instead (`kbench audit`)

  bool is_tensor() const { return role == ArgRole::input || role == ArgRole::output; }
};

// One assignment of the task's free symbols (sizes, optionally scalar overrides).
using ShapeSet = std::map<std::string, double>;

struct TaskSpec {
  std::string id;          // "category/name"
  std::string category;
  std::string name;
  int level = 1;           // 1 single op, 2 fused ops, 3 block
  std::string description;
  std::vector<Argument> arguments;
  std::map<std::string, std::vector<ShapeSet>> shapes;  // "check", "bench", "bench_<backend>"
  std::optional<ToleranceOverride> tolerance;          // replaces fields of the model, with a reason
  Expr flops;
  Expr bytes;
  std::string oracle;                                   // id of the float64 oracle (defaults to id)
  std::map<std::string, std::string> references;        // backend -> path under reference_kernels/
  std::map<std::string, std::string> vendor;            // backend -> vendor-library baseline path
  bool allow_libraries = false;                         // false: candidates must use their own kernels
  std::filesystem::path source_file;
  nlohmann::json raw;

  // The shape sets used for `purpose` ("check" or "bench") on `backend`: "bench_<backend>" wins.
  const std::vector<ShapeSet>& shape_sets(const std::string& purpose, const std::string& backend) const;
  // Sizes (and derived sizes) for one shape set.
  SizeEnv sizes(const ShapeSet& set) const;
  // Scalar value of `arg` under `set` (override by name, else the spec's value).
  double scalar(const Argument& arg, const ShapeSet& set) const;
  // Element count of a tensor argument under `env`.
  std::int64_t element_count(const Argument& arg, const SizeEnv& env) const;
  // Terms feeding each element of output `out` under `env` (its "reduce" expression, else 1).
  double reduce_length(const Argument& out, const SizeEnv& env) const;
  // The tolerance model for output `out` under `env`, with the spec's override applied (floating outputs).
  Tolerance tolerance_for(const Argument& out, const SizeEnv& env) const;
  // The tightest and the loosest (by nrel) tolerance of output `out` over the "check" shape sets.
  std::pair<Tolerance, Tolerance> check_tolerance_span(const Argument& out) const;
  std::vector<DType> dtypes() const;
};

// The model's tolerance for an output of dtype `t` with no reduction (reduce length 1).
Tolerance default_tolerance(DType t);

std::string_view role_name(ArgRole r);

// Loads and validates one spec; throws SpecError naming the file and the field.
TaskSpec load_task_spec(const std::filesystem::path& file);
TaskSpec parse_task_spec(const nlohmann::json& j, const std::filesystem::path& file);

struct SpecError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Shape set rendered as a compact string "M=64 N=33 K=512".
std::string format_shape(const ShapeSet& set);
nlohmann::json shape_to_json(const ShapeSet& set);

}  // namespace kbench
