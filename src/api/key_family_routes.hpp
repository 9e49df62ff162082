// What the two route files of key families share (api/key_families_api.cpp,
// api/key_family_changes_api.cpp): the base path, loading a family in the caller's area, saving
// it optimistically, the caller's level and telling the levels above of an upgrade.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "api/services.hpp"
#include "domain/key_family_record.hpp"
#include "domain/region.hpp"
#include "http/request.hpp"
#include "store/db.hpp"

namespace hejia::api::families {

inline constexpr const char* kFamiliesPath = "/api/v1/key-families";

/// The level of the caller's home region (a grid when it has none).
domain::RegionLevel CallerLevel(store::Connection& c, const http::Principal& caller);
/// The family inside the caller's area (delisted ones too); 404 otherwise, like a missing one.
domain::KeyFamily LoadOr404(store::Connection& c, const http::Principal& caller, int64_t id);
/// Writes the family; 409 when it changed meanwhile (the transaction rolls back).
void Save(Services& s, store::Connection& c, const domain::KeyFamily& family, int64_t now);

/// An upgrade (or a listing) to tell, once committed: the accounts of the levels told.
struct Upgrade {
  int64_t family_id = 0;
  std::string colour;
  std::vector<int64_t> recipients;
};
/// Tells each recipient's open live streams (GET /cases/stream, event `key_family_upgrade`:
/// the family's id and colour only).
void TellUpward(Services& s, const Upgrade& upgrade);

/// After the family took a new colour (an upgrade, a listing or an approved step down; call
/// before saving the family): with an active plan, the plan is no longer due and the plan is to
/// be reviewed (`colour_changed`, due by the new colour's plan days); a delisting closes every
/// version not final yet (api/household_plans_api.cpp).
void PlanAfterColourChange(Services& s, store::Connection& c, domain::KeyFamily& family,
                           int64_t now);
void PlansAfterDelisting(store::Connection& c, int64_t family_id, int64_t now);

}  // namespace hejia::api::families
