// `kbench list [--category C] [--json]`: the task catalog.
#include <fmt/format.h>

#include <filesystem>

#include "backends/backend.hpp"
#include "harness/cli/context.hpp"

namespace kbench::cli {

void register_list(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("list", "List the tasks of the catalog");
  auto category = std::make_shared<std::string>();
  auto as_json = std::make_shared<bool>(false);
  cmd->add_option("--category", *category, "Only tasks of this category");
  cmd->add_flag("--json", *as_json, "Print a JSON array");
  cmd->callback([&ctx, category, as_json] {
    if (!category->empty()) {
      const auto all = ctx.catalog().categories();
      if (std::find(all.begin(), all.end(), *category) == all.end()) {
        std::string names;
        for (const auto& c : all) names += (names.empty() ? "" : ", ") + c;
        throw std::invalid_argument(fmt::format("--category '{}' matches no category; the catalog has: {}", *category, names));
      }
    }
    nlohmann::json out = nlohmann::json::array();
    for (const auto& t : ctx.catalog().tasks()) {
      if (!category->empty() && t.category != *category) continue;
      nlohmann::json dtypes = nlohmann::json::array(), backends = nlohmann::json::array(), vendors = nlohmann::json::array();
      for (DType d : t.dtypes()) dtypes.push_back(dtype_name(d));
      for (const auto& [backend, path] : t.references)
        if (std::filesystem::exists(ctx.root / "reference_kernels" / path)) backends.push_back(backend);
      for (const auto& [backend, path] : t.vendor) vendors.push_back(backend);
      out.push_back({{"id", t.id}, {"category", t.category}, {"level", t.level}, {"dtypes", dtypes},
                     {"reference_backends", backends}, {"vendor_backends", vendors}});
    }
    if (*as_json) {
      fmt::print("{}\n", out.dump(2));
      return;
    }
    fmt::print("{:<40} {:<14} {:>5}  {:<12} {}\n", "TASK", "CATEGORY", "LEVEL", "DTYPES", "REFERENCES");
    for (const auto& t : out) {
      std::string d, b;
      for (const auto& x : t["dtypes"]) d += (d.empty() ? "" : ",") + x.get<std::string>();
      for (const auto& x : t["reference_backends"]) b += (b.empty() ? "" : ",") + x.get<std::string>();
      fmt::print("{:<40} {:<14} {:>5}  {:<12} {}\n", t["id"].get<std::string>(), t["category"].get<std::string>(),
                 t["level"].get<int>(), d, b);
    }
    fmt::print("{} tasks\n", out.size());
  });
}

}  // namespace kbench::cli
