// Mediation rooms (家事调解室), mediators (调解员) and the duty roster (值班) in the database:
// scoped queries returning typed rows, writes, and the look-ups the case workflow shares (is a
// room free for a session, who is on duty). A mediator's phone is stored encrypted with its masked
// copy beside it; the rows carry only the mask. The api serialises them (api/rooms_json).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/roles.hpp"
#include "security/field_cipher.hpp"
#include "store/db.hpp"
#include "store/scope.hpp"
#include "store/scoped_list.hpp"

namespace hejia::store {

// ---- rooms ----

/// Sort orders of GET /rooms; kRegion (city first, then by region code) is the default.
enum class RoomSort { kRegion, kName, kCreatedAt };

/// Filters of GET /rooms. Empty = not filtered.
struct RoomFilter {
  std::string level;  ///< one level code, or several separated by commas

  std::optional<bool> demonstration;
  std::string name_contains;
  bool include_retired = false;
  /// Exact region paths listed besides the scope: the regions above the caller, whose rooms
  /// serve the caller's area too.
  std::vector<std::string> also_paths;
};

/// A room's stored values.
struct RoomFields {
  std::string name;
  std::string region_code;
  std::string region_path;
  std::string level;
  std::string address;
  std::string hours;
  std::string phone;  ///< the room's public office number, normalised digits; not personal data
  bool demonstration = false;
};

/// A stored room.
struct RoomRecord {
  int64_t id = 0;
  int64_t version = 0;
  bool retired = false;
  RoomFields fields;
  std::string region_name;
  int64_t created_at = 0;
  int64_t updated_at = 0;
};

RecordPage<RoomRecord> ListRooms(Connection& c, const ScopeFilter& scope, const RoomFilter& filter,
                                 RoomSort sort, const PageSpec& page);
/// The room, wherever it is: the caller decides whether it may see it.
std::optional<RoomRecord> LoadRoom(Connection& c, int64_t id);
int64_t InsertRoom(Connection& c, const RoomFields& f, int64_t now);
/// Applies `f` if the room is still at `expected_version`; false otherwise.
bool UpdateRoom(Connection& c, int64_t id, int64_t expected_version, const RoomFields& f,
                int64_t now);
/// Marks the room retired (a new version); false when it changed meanwhile.
bool RetireRoom(Connection& c, int64_t id, int64_t expected_version, int64_t now);

/// True when no session of the room other than `except_session_id` (and none cancelled) overlaps
/// [starts_at, ends_at): two intervals overlap when each starts before the other ends.
bool RoomSlotFree(Connection& c, int64_t room_id, int64_t starts_at, int64_t ends_at,
                  std::optional<int64_t> except_session_id);
/// Sessions of the room that are still to come (not cancelled, ending after `now`).
int64_t UpcomingRoomSessions(Connection& c, int64_t room_id, int64_t now);
/// A session as a room's calendar shows it: no case content.
struct RoomSession {
  int64_t id = 0;
  std::optional<int64_t> case_id;  ///< unset for a case outside the caller's scope
  int64_t starts_at = 0;
  int64_t ends_at = 0;
  bool online = false;
  std::string status;
};
/// The room's sessions overlapping [from, to), by start. `case_id` is unset for a case outside
/// `case_scope`, so a room serving several areas shows another area's booking only as busy.
std::vector<RoomSession> RoomSessions(Connection& c, int64_t room_id, int64_t from, int64_t to,
                                      const ScopeFilter& case_scope);

// ---- mediators ----

/// Sort orders of GET /mediators; kName is the default.
enum class MediatorSort { kName, kCreatedAt, kId };

/// Filters of GET /mediators.
struct MediatorFilter {
  std::string type;
  std::string speciality;
  std::string name_contains;
  std::optional<bool> active;
};

/// A mediator's plain stored values. The phone is handled apart (encrypted).
struct MediatorFields {
  std::string name;
  std::string type;
  std::string region_code;
  std::string region_path;
  std::optional<int64_t> user_id;
  std::optional<int64_t> person_id;
  std::vector<std::string> specialities;  ///< category codes, canonical order
  bool active = true;
};

/// A stored mediator, masked, with the current case load.
struct MediatorRecord {
  int64_t id = 0;
  int64_t version = 0;
  MediatorFields fields;
  bool has_phone = false;
  std::string region_name;
  std::string user_display_name;
  std::string phone_mask;
  int64_t case_load = 0;
  int64_t created_at = 0;
  int64_t updated_at = 0;
};

RecordPage<MediatorRecord> ListMediators(Connection& c, const ScopeFilter& scope,
                                         const MediatorFilter& filter, MediatorSort sort,
                                         const PageSpec& page);
/// The mediator when inside `scope`, else nullopt.
std::optional<MediatorRecord> LoadMediator(Connection& c, const ScopeFilter& scope, int64_t id);
/// Inserts the mediator; `phone` (normalised digits, may be empty) is encrypted under its row.
int64_t InsertMediator(Connection& c, const security::FieldCipher& cipher, const MediatorFields& f,
                       const std::string& phone, int64_t now);
/// Applies `f` (and a new phone when given; "" clears it) if still at `expected_version`.
bool UpdateMediator(Connection& c, const security::FieldCipher& cipher, int64_t id,
                    int64_t expected_version, const MediatorFields& f,
                    const std::optional<std::string>& phone, int64_t now);
/// The id of another mediator linked to this user account, if any.
std::optional<int64_t> MediatorOfUser(Connection& c, int64_t user_id);
/// Cases of the mediator that are assigned or in mediation.
int64_t MediatorCaseLoad(Connection& c, int64_t mediator_id);
/// Decrypts a mediator's phone (nullopt when the ciphertext fails authentication).
std::optional<std::string> DecryptMediatorPhone(Connection& c, const security::FieldCipher& cipher,
                                                int64_t id);

// ---- duty roster ----

/// An account as the roster needs it.
struct RosterUser : domain::AccountIdentity {
  int64_t id = 0;
  bool admin_locked = false;
};
std::optional<RosterUser> FindRosterUser(Connection& c, int64_t user_id);
/// Unlocked accounts with one of `roles` whose home region is at `region_path`, above it or below
/// it: the people who may take a shift there. Ordered from the top region down, then by name.
std::vector<RosterUser> RosterCandidates(Connection& c, const std::string& region_path,
                                         const std::vector<domain::Role>& roles);

/// One shift as stored.
struct DutyShift {
  int64_t id = 0;
  std::string region_code;
  std::string region_path;
  int64_t user_id = 0;
  int64_t starts_at = 0;
  int64_t ends_at = 0;
  std::string region_name;
  std::string user_display_name;
  std::string note;
  int64_t created_at = 0;
};

/// Shifts in `scope` overlapping [from, to), by start; with `exact_region` only that region's own.
RecordPage<DutyShift> ListShifts(Connection& c, const ScopeFilter& scope,
                                 const std::optional<std::string>& exact_region, int64_t from,
                                 int64_t to, const PageSpec& page);
std::optional<DutyShift> LoadShift(Connection& c, const ScopeFilter& scope, int64_t id);
int64_t InsertShift(Connection& c, const std::string& region_code, const std::string& region_path,
                    int64_t user_id, int64_t starts_at, int64_t ends_at, const std::string& note,
                    std::optional<int64_t> created_by, int64_t now);
void DeleteShift(Connection& c, int64_t id);
/// Cuts a running shift short: it ends at `at`.
void EndShiftAt(Connection& c, int64_t id, int64_t at);
/// A shift of this user overlapping [starts_at, ends_at), if any.
std::optional<DutyShift> UserShiftOverlapping(Connection& c, int64_t user_id, int64_t starts_at,
                                              int64_t ends_at);
/// Shifts covering the instant `at` of any of these regions (by code).
std::vector<DutyShift> ShiftsCovering(Connection& c, const std::vector<std::string>& region_codes,
                                      int64_t at);

}  // namespace hejia::store
