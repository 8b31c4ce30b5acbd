// CLI context: lazily loaded catalog.
#include "harness/cli/context.hpp"

namespace kbench::cli {

const Catalog& Context::catalog() {
  if (!catalog_) catalog_ = std::make_unique<Catalog>(Catalog::load(root / "tasks"));
  return *catalog_;
}

}  // namespace kbench::cli
