// Cached list totals and filtered pages of households and people (see people_repo.cpp).
#pragma once

namespace hejia::store {

/// Tells the list-total cache that households or people changed. Call after the write commits.
void ListTotalsChanged();

}  // namespace hejia::store
