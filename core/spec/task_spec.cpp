// Loading and validation of task specs; every error names the file and the field at fault.
#include "core/spec/task_spec.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <set>

namespace kbench {
namespace {

using nlohmann::json;

constexpr double kMaxDimension = 17179869184.0;                 // 2^34
constexpr long double kMaxTensorBytes = 16.0L * (1ull << 30);   // 16 GiB
constexpr long double kMaxShapeSetBytes = 64.0L * (1ull << 30);  // 64 GiB

class SpecReader {
 public:
  explicit SpecReader(const std::filesystem::path& file) : file_(file) {}

  [[noreturn]] void fail(const std::string& field, const std::string& what) const {
    throw SpecError(fmt::format("{}: field '{}': {}", file_.string(), field, what));
  }

  const json& require(const json& obj, const std::string& key, const std::string& where) const {
    if (!obj.is_object() || !obj.contains(key)) fail(where + key, "missing");
    return obj.at(key);
  }
  std::string string(const json& obj, const std::string& key, const std::string& where) const {
    const json& v = require(obj, key, where);
    if (!v.is_string() || v.get<std::string>().empty()) fail(where + key, "must be a non-empty string");
    return v.get<std::string>();
  }
  double number(const json& obj, const std::string& key, double fallback, const std::string& where) const {
    if (!obj.contains(key)) return fallback;
    const json& v = obj.at(key);
    if (!v.is_number()) fail(where + key, "must be a number");
    return v.get<double>();
  }
  Expr expr(const json& v, const std::string& field) const {
    if (v.is_number_integer()) return Expr::parse(std::to_string(v.get<std::int64_t>()));
    if (!v.is_string()) fail(field, "must be an integer or an expression string");
    try {
      return Expr::parse(v.get<std::string>());
    } catch (const std::invalid_argument& e) {
      fail(field, e.what());
    }
  }
  DType dtype(const json& obj, const std::string& where) const {
    if (!obj.contains("dtype")) return DType::f32;
    try {
      return parse_dtype(obj.at("dtype").get<std::string>());
    } catch (const std::exception& e) {
      fail(where + "dtype", e.what());
    }
  }

  Distribution distribution(const json& arg, const std::string& where) const {
    Distribution d;
    if (!arg.contains("dist")) return d;
    const json& j = arg.at("dist");
    const std::string w = where + "dist.";
    d.kind = string(j, "kind", w);
    d.jitter = number(j, "jitter", 0.0, w);
    if (d.jitter < 0) fail(w + "jitter", "must be >= 0");
    if (d.kind == "normal" || d.kind == "lognormal") {
      d.a = number(j, "mean", 0.0, w);
      d.b = number(j, "std", 1.0, w);
      if (d.b <= 0) fail(w + "std", "must be > 0");
    } else if (d.kind == "uniform") {
      d.a = number(j, "low", -1.0, w);
      d.b = number(j, "high", 1.0, w);
      if (!(d.a < d.b)) fail(w + "high", "must be greater than low");
    } else if (d.kind == "student_t") {
      d.a = number(j, "loc", 0.0, w);
      d.b = number(j, "scale", 1.0, w);
      d.df = number(j, "df", 3.0, w);
      if (d.b <= 0) fail(w + "scale", "must be > 0");
      if (d.df <= 0) fail(w + "df", "must be > 0");
    } else if (d.kind == "randint") {
      d.a = number(j, "low", 0.0, w);
      d.int_high = expr(require(j, "high", w), w + "high");
    } else if (d.kind == "bernoulli") {
      d.a = number(j, "p", 0.5, w);
      if (d.a < 0 || d.a > 1) fail(w + "p", "must be in [0, 1]");
    } else {
      fail(w + "kind", "unknown distribution '" + d.kind + "' (known: normal uniform student_t lognormal randint bernoulli)");
    }
    return d;
  }

 private:
  std::filesystem::path file_;
};

ArgRole parse_role(const SpecReader& r, const std::string& s, const std::string& field) {
  if (s == "input") return ArgRole::input;
  if (s == "output") return ArgRole::output;
  if (s == "size") return ArgRole::size;
  if (s == "scalar") return ArgRole::scalar;
  r.fail(field, "unknown role '" + s + "' (known: input output size scalar)");
}

}  // namespace

double ScalarGuess::eval(const SizeEnv& env) const {
  if (!expr) return number;
  const double v = static_cast<double>(expr->eval(env));
  return rsqrt ? 1.0 / std::sqrt(v) : v;
}

std::string_view role_name(ArgRole r) {
  switch (r) {
    case ArgRole::input: return "input";
    case ArgRole::output: return "output";
    case ArgRole::size: return "size";
    case ArgRole::scalar: return "scalar";
  }
  return "?";
}

Tolerance default_tolerance(DType t) { return model_tolerance(t, 1.0); }

TaskSpec parse_task_spec(const json& j, const std::filesystem::path& file) {
  SpecReader r(file);
  if (!j.is_object()) r.fail("(top level)", "must be a JSON object");
  TaskSpec t;
  t.source_file = file;
  t.raw = j;
  t.id = r.string(j, "id", "");
  t.category = r.string(j, "category", "");
  const auto slash = t.id.find('/');
  if (slash == std::string::npos || slash == 0 || slash + 1 == t.id.size() || t.id.find('/', slash + 1) != std::string::npos)
    r.fail("id", "must be 'category/name', got '" + t.id + "'");
  if (t.id.substr(0, slash) != t.category) r.fail("category", "'" + t.category + "' does not match the id '" + t.id + "'");
  t.name = t.id.substr(slash + 1);
  const json& level = r.require(j, "level", "");
  if (!level.is_number_integer() || level.get<int>() < 1 || level.get<int>() > 3) r.fail("level", "must be 1, 2 or 3");
  t.level = level.get<int>();
  t.description = r.string(j, "description", "");

  const json& args = r.require(j, "arguments", "");
  if (!args.is_array() || args.empty()) r.fail("arguments", "must be a non-empty array");
  std::set<std::string> names;
  bool has_output = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const json& a = args[i];
    const std::string w = fmt::format("arguments[{}].", i);
    Argument arg;
    arg.name = r.string(a, "name", w);
    if (!names.insert(arg.name).second) r.fail(w + "name", "duplicate argument '" + arg.name + "'");
    arg.role = parse_role(r, r.string(a, "role", w), w + "role");
    arg.dtype = r.dtype(a, w);
    if (arg.is_tensor()) {
      const json& shape = r.require(a, "shape", w);
      if (!shape.is_array() || shape.empty()) r.fail(w + "shape", "must be a non-empty array of expressions");
      for (std::size_t d = 0; d < shape.size(); ++d) arg.shape.push_back(r.expr(shape[d], fmt::format("{}shape[{}]", w, d)));
      if (arg.role == ArgRole::input) arg.dist = r.distribution(a, w);
      if (arg.role == ArgRole::output) has_output = true;
      if (a.contains("reduce")) {
        if (arg.role != ArgRole::output) r.fail(w + "reduce", "only outputs have a reduction length");
        arg.reduce = r.expr(a.at("reduce"), w + "reduce");
      }
    } else if (arg.role == ArgRole::size) {
      if (a.contains("value")) arg.size_value = r.expr(a.at("value"), w + "value");
      if (a.contains("dtype") && arg.dtype != DType::i64) r.fail(w + "dtype", "size arguments are int64_t");
      arg.dtype = DType::i64;
    } else {
      if (arg.dtype != DType::f32 && arg.dtype != DType::f64 && arg.dtype != DType::i32 && arg.dtype != DType::i64)
        r.fail(w + "dtype", "scalars are f32, f64, i32 or i64");
      const json& v = r.require(a, "value", w);
      if (!v.is_number()) r.fail(w + "value", "must be a number");
      arg.scalar_value = v.get<double>();
      if (a.contains("confusable")) {
        const json& c = a.at("confusable");
        if (!c.is_array()) r.fail(w + "confusable", "must be an array of expressions over sizes");
        for (std::size_t k = 0; k < c.size(); ++k) {
          const std::string field = fmt::format("{}confusable[{}]", w, k);
          ScalarGuess g;
          if (c[k].is_number()) {
            g.number = c[k].get<double>();
            g.text = fmt::format("{:g}", g.number);
          } else if (c[k].is_string()) {
            g.text = c[k].get<std::string>();
            std::string body = g.text;
            if (body.rfind("rsqrt(", 0) == 0 && body.back() == ')') {
              g.rsqrt = true;
              body = body.substr(6, body.size() - 7);
            }
            g.expr = r.expr(json(body), field);
          } else {
            r.fail(field, "must be a number, an expression over sizes or rsqrt(expression)");
          }
          arg.confusable.push_back(std::move(g));
        }
      }
    }
    t.arguments.push_back(std::move(arg));
  }
  if (!has_output) r.fail("arguments", "needs at least one output tensor");

  // Every symbol in a shape or count must be a size argument; derived sizes may use only free sizes.
  std::set<std::string> sizes, free_sizes;
  for (const auto& a : t.arguments)
    if (a.role == ArgRole::size) {
      sizes.insert(a.name);
      if (!a.size_value) free_sizes.insert(a.name);
    }
  auto check_symbols = [&](const Expr& e, const std::string& field, const std::set<std::string>& allowed) {
    for (const auto& s : e.symbols())
      if (!allowed.count(s)) r.fail(field, "unknown size symbol '" + s + "' in \"" + e.text() + "\"");
  };
  for (std::size_t i = 0; i < t.arguments.size(); ++i) {
    const auto& a = t.arguments[i];
    for (std::size_t d = 0; d < a.shape.size(); ++d) check_symbols(a.shape[d], fmt::format("arguments[{}].shape[{}]", i, d), sizes);
    if (a.size_value) check_symbols(*a.size_value, fmt::format("arguments[{}].value", i), free_sizes);
    if (a.dist.int_high) check_symbols(*a.dist.int_high, fmt::format("arguments[{}].dist.high", i), sizes);
    if (a.reduce) check_symbols(*a.reduce, fmt::format("arguments[{}].reduce", i), sizes);
    for (std::size_t k = 0; k < a.confusable.size(); ++k)
      if (a.confusable[k].expr) check_symbols(*a.confusable[k].expr, fmt::format("arguments[{}].confusable[{}]", i, k), sizes);
  }

  const json& shapes = r.require(j, "shapes", "");
  if (!shapes.is_object()) r.fail("shapes", "must be an object of shape-set lists");
  for (const auto& [purpose, list] : shapes.items()) {
    if (purpose != "check" && purpose != "bench" && purpose.rfind("bench_", 0) != 0)
      r.fail("shapes." + purpose, "unknown shape-set purpose (known: check, bench, bench_<backend>)");
    if (!list.is_array() || list.empty()) r.fail("shapes." + purpose, "must be a non-empty array");
    for (std::size_t k = 0; k < list.size(); ++k) {
      const std::string w = fmt::format("shapes.{}[{}]", purpose, k);
      if (!list[k].is_object()) r.fail(w, "must be an object of symbol values");
      ShapeSet set;
      for (const auto& [sym, v] : list[k].items()) {
        if (!v.is_number()) r.fail(w + "." + sym, "must be a number");
        set[sym] = v.get<double>();
        if (!std::isfinite(set[sym])) r.fail(w + "." + sym, "must be a finite number");
      }
      for (const auto& s : free_sizes) {
        if (!set.count(s)) r.fail(w, "missing size '" + s + "'");
        if (set[s] < 0 || std::floor(set[s]) != set[s]) r.fail(w + "." + s, "sizes must be non-negative integers");
        if (set[s] > kMaxDimension) r.fail(w + "." + s, fmt::format("sizes must be at most 2^34 ({:.0f})", kMaxDimension));
      }
      for (const auto& [sym, v] : set) {
        bool known = free_sizes.count(sym) > 0;
        for (const auto& a : t.arguments) known = known || (a.role == ArgRole::scalar && a.name == sym);
        if (!known) r.fail(w + "." + sym, "not a free size or scalar argument of this task");
      }
      t.shapes[purpose].push_back(std::move(set));
    }
  }
  if (!t.shapes.count("check")) r.fail("shapes.check", "missing");
  if (!t.shapes.count("bench")) r.fail("shapes.bench", "missing");
  // Every tensor must have a positive element count for every shape set, and fit in memory: each
  // dimension at most 2^34, each tensor at most 16 GiB, a shape set's tensors at most 64 GiB together
  // (checked in long double before anything multiplies in int64 or allocates).
  for (const auto& [purpose, list] : t.shapes)
    for (std::size_t k = 0; k < list.size(); ++k) {
      const std::string w = fmt::format("shapes.{}[{}]", purpose, k);
      SizeEnv env;
      try {
        env = t.sizes(list[k]);
      } catch (const std::invalid_argument& e) {
        r.fail(w, e.what());
      }
      long double total_bytes = 0;
      for (const auto& a : t.arguments) {
        if (!a.is_tensor()) continue;
        long double elements = 1;
        for (const auto& d : a.shape) {
          const std::int64_t extent = d.eval(env);
          if (extent <= 0) r.fail(w, "tensor '" + a.name + "' would be empty");
          if (static_cast<double>(extent) > kMaxDimension)
            r.fail(w, fmt::format("tensor '{}' has a dimension of {}, over 2^34", a.name, extent));
          elements *= static_cast<long double>(extent);
        }
        const long double bytes = elements * static_cast<long double>(dtype_size(a.dtype));
        if (bytes > kMaxTensorBytes)
          r.fail(w, fmt::format("tensor '{}' would take {:.1f} GiB (at most 16 GiB)", a.name, static_cast<double>(bytes / (1ull << 30))));
        total_bytes += bytes;
      }
      if (total_bytes > kMaxShapeSetBytes)
        r.fail(w, fmt::format("its tensors would take {:.1f} GiB together (at most 64 GiB)", static_cast<double>(total_bytes / (1ull << 30))));
    }

  if (j.contains("tolerance")) {
    const json& tol = j.at("tolerance");
    if (!tol.is_object()) r.fail("tolerance", "must be an object {atol, rtol, nrel, floor, reason}");
    for (const auto& [key, v] : tol.items())
      if (key != "atol" && key != "rtol" && key != "nrel" && key != "floor" && key != "reason")
        r.fail("tolerance." + key, "unknown field (known: atol rtol nrel floor reason)");
    ToleranceOverride o;
    o.atol = r.number(tol, "atol", -1, "tolerance.");
    o.rtol = r.number(tol, "rtol", -1, "tolerance.");
    o.nrel = r.number(tol, "nrel", -1, "tolerance.");
    o.floor = r.number(tol, "floor", -1, "tolerance.");
    for (const char* key : {"atol", "rtol", "nrel", "floor"})
      if (tol.contains(key) && tol.at(key).get<double>() < 0) r.fail("tolerance", std::string(key) + " must be >= 0");
    o.reason = r.string(tol, "reason", "tolerance.");
    t.tolerance = o;
  }
  t.flops = r.expr(r.require(j, "flops", ""), "flops");
  t.bytes = r.expr(r.require(j, "bytes", ""), "bytes");
  check_symbols(t.flops, "flops", sizes);
  check_symbols(t.bytes, "bytes", sizes);
  t.oracle = j.contains("oracle") ? r.string(j, "oracle", "") : t.id;
  auto read_map = [&](const char* key, std::map<std::string, std::string>& out) {
    if (!j.contains(key)) return;
    if (!j.at(key).is_object()) r.fail(key, "must be an object backend -> path");
    for (const auto& [backend, path] : j.at(key).items()) {
      if (!path.is_string()) r.fail(std::string(key) + "." + backend, "must be a path string");
      const std::filesystem::path p = path.get<std::string>();
      bool escapes = p.empty() || p.is_absolute();
      for (const auto& part : p) escapes = escapes || part == "..";
      if (escapes) r.fail(std::string(key) + "." + backend, "must be a relative path inside reference_kernels/ (no '..')");
      out[backend] = path.get<std::string>();
    }
  };
  read_map("references", t.references);
  read_map("vendor", t.vendor);
  // A task without a HIP reference of its own shares its CUDA one: the HIP backend compiles CUDA sources
  // through its compatibility headers (backends/hip/cuda_compat).
  if (!t.references.count("hip") && t.references.count("cuda")) t.references["hip"] = t.references.at("cuda");
  if (!t.references.count("cpu")) r.fail("references.cpu", "every task needs a CPU reference kernel");
  if (j.contains("libraries")) {
    const std::string policy = r.string(j, "libraries", "");
    if (policy != "forbid" && policy != "allow") r.fail("libraries", "must be 'forbid' or 'allow'");
    t.allow_libraries = policy == "allow";
  }
  return t;
}

TaskSpec load_task_spec(const std::filesystem::path& file) {
  std::ifstream in(file);
  if (!in) throw SpecError(file.string() + ": cannot open");
  json j;
  try {
    j = json::parse(in);
  } catch (const json::exception& e) {  // parse_error, and out_of_range for numbers such as 1e400
    throw SpecError(fmt::format("{}: invalid JSON: {}", file.string(), e.what()));
  }
  return parse_task_spec(j, file);
}

const std::vector<ShapeSet>& TaskSpec::shape_sets(const std::string& purpose, const std::string& backend) const {
  auto it = shapes.find(purpose + "_" + backend);
  if (it != shapes.end()) return it->second;
  it = shapes.find(purpose);
  if (it == shapes.end()) throw std::out_of_range(id + ": no '" + purpose + "' shapes");
  return it->second;
}

SizeEnv TaskSpec::sizes(const ShapeSet& set) const {
  SizeEnv env;
  for (const auto& a : arguments)
    if (a.role == ArgRole::size && !a.size_value) {
      auto it = set.find(a.name);
      if (it == set.end()) throw std::invalid_argument("shape set lacks size '" + a.name + "'");
      env[a.name] = static_cast<std::int64_t>(it->second);
    }
  for (const auto& a : arguments)
    if (a.role == ArgRole::size && a.size_value) env[a.name] = a.size_value->eval(env);
  return env;
}

double TaskSpec::scalar(const Argument& arg, const ShapeSet& set) const {
  auto it = set.find(arg.name);
  return it != set.end() ? it->second : arg.scalar_value;
}

std::int64_t TaskSpec::element_count(const Argument& arg, const SizeEnv& env) const {
  std::int64_t n = 1;
  for (const auto& d : arg.shape) n *= d.eval(env);
  return n;
}

double TaskSpec::reduce_length(const Argument& out, const SizeEnv& env) const {
  return out.reduce ? static_cast<double>(out.reduce->eval(env)) : 1.0;
}

Tolerance TaskSpec::tolerance_for(const Argument& out, const SizeEnv& env) const {
  const Tolerance model = model_tolerance(out.dtype, reduce_length(out, env));
  if (tolerance && is_floating(out.dtype)) return apply_override(model, *tolerance);
  return model;
}

std::pair<Tolerance, Tolerance> TaskSpec::check_tolerance_span(const Argument& out) const {
  std::pair<Tolerance, Tolerance> span;
  bool first = true;
  for (const auto& set : shapes.at("check")) {
    const Tolerance t = tolerance_for(out, sizes(set));
    if (first || t.nrel < span.first.nrel) span.first = t;
    if (first || t.nrel > span.second.nrel) span.second = t;
    first = false;
  }
  return span;
}

std::vector<DType> TaskSpec::dtypes() const {
  std::vector<DType> out;
  for (const auto& a : arguments)
    if (a.is_tensor() && std::find(out.begin(), out.end(), a.dtype) == out.end()) out.push_back(a.dtype);
  return out;
}

std::string format_shape(const ShapeSet& set) {
  std::string s;
  for (const auto& [k, v] : set) {
    if (!s.empty()) s += ' ';
    s += k + "=" + (std::floor(v) == v && std::abs(v) < 1e15 ? std::to_string(static_cast<std::int64_t>(v)) : fmt::format("{:g}", v));
  }
  return s;
}

nlohmann::json shape_to_json(const ShapeSet& set) {
  nlohmann::json j = nlohmann::json::object();
  for (const auto& [k, v] : set) j[k] = v;
  return j;
}

}  // namespace kbench
