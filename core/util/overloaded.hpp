// Overloaded: a visitor built from lambdas, for std::visit over a std::variant (the worker protocol's requests).
#pragma once

namespace kbench {

template <class... F>
struct Overloaded : F... {
  using F::operator()...;
};
template <class... F>
Overloaded(F...) -> Overloaded<F...>;

}  // namespace kbench
