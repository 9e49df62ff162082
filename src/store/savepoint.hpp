// One item of a batch alone inside the batch's transaction (api/visits_api.cpp: a phone's visits).
#pragma once
#include <type_traits>

#include "store/db.hpp"

namespace hejia::store {

/// Runs `fn` inside a savepoint of the open transaction: when it throws, what it wrote is rolled
/// back, the transaction goes on, and the exception propagates (one item of a batch alone).
template <class F>
auto InSavepoint(Connection& c, F&& fn) -> decltype(fn()) {
  c.Execute("SAVEPOINT item");
  try {
    if constexpr (std::is_void_v<decltype(fn())>) {
      fn();
      c.Execute("RELEASE SAVEPOINT item");
    } else {
      auto result = fn();
      c.Execute("RELEASE SAVEPOINT item");
      return result;
    }
  } catch (...) {
    c.Execute("ROLLBACK TO SAVEPOINT item");
    c.Execute("RELEASE SAVEPOINT item");
    throw;
  }
}

}  // namespace hejia::store
