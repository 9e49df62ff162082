// The three pushes of a police incident in the database: who each went to, its due times and its
// steps (notes encrypted: "incident_pushes/<column>/<id>"), the supervision mark, and the
// incident's summary of them (its least advanced stage and worst mark). SQL and rows only;
// domain/incident.hpp decides what is due and what is late.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/incident.hpp"
#include "security/field_cipher.hpp"
#include "store/db.hpp"
#include "store/scope.hpp"

namespace hejia::store {

struct PushRow {
  int64_t id = 0, incident_id = 0;
  domain::PushRecipient recipient = domain::PushRecipient::kTownFederation;
  std::string region_code, region_path, region_name;
  std::optional<int64_t> assignee_id;
  std::string assignee_name;
  bool night = false;
  domain::PushProgress progress;  ///< pushed_at, the due times, when each step was done
  std::optional<int64_t> acknowledged_by, contacted_by, visited_by, fed_back_by;
  std::string acknowledged_by_name, contacted_by_name, visited_by_name, fed_back_by_name;
  std::string contact_note_enc, visit_note_enc, feedback_enc;
  domain::PushMark mark = domain::PushMark::kNone;
  std::optional<int64_t> reminded_at;
  int64_t version = 1;
};

/// Writes a new push (its id is set here).
void InsertPush(Connection& c, PushRow& push);
/// The incident's pushes, in the order of domain::kPushRecipients.
std::vector<PushRow> IncidentPushes(Connection& c, int64_t incident_id);
std::optional<PushRow> LoadPush(Connection& c, int64_t push_id);

/// Records step `stage` of a push done by `user` at `now` with its note (already sealed with
/// SealPushNote); false when the push moved on meanwhile (its version is not `version`).
bool RecordPushStep(Connection& c, int64_t push_id, int64_t version, domain::PushStage stage,
                    int64_t user_id, const std::string& note_enc, int64_t now_ms);
/// The ciphertext of a step's note for `push_id` ("" stays "").
std::string SealPushNote(const security::FieldCipher& cipher, int64_t push_id,
                         domain::PushStage stage, std::string_view note);
/// The plain note of a step ("" when none; nullopt when it does not decrypt).
std::optional<std::string> UnsealPushNote(const security::FieldCipher& cipher, const PushRow& p,
                                          domain::PushStage stage);

/// Moves a push to another region and assignee (an incident placed by staff).
void MovePush(Connection& c, int64_t push_id, const std::string& region_code,
              const std::string& region_path, std::optional<int64_t> assignee_id);
/// Sets the mark (and when it was raised).
void SetPushMark(Connection& c, int64_t push_id, domain::PushMark mark, int64_t now_ms);
void SetPushReminded(Connection& c, int64_t push_id, int64_t now_ms);

/// Recomputes the incident's stage (the least advanced push) and mark (the worst), bumping its
/// version when they change.
void RefreshIncidentSummary(Connection& c, int64_t incident_id, int64_t now_ms);

/// Who may record a push's steps: whoever holds it, the staff of its unit and above, and — for the
/// village's push — whoever's area holds the incident (the grid's sister, at night too, when the
/// person on duty holds it).
bool MayActOnPush(const PushRow& push, std::string_view incident_path, int64_t user_id,
                  const ScopeFilter& scope);

/// Pushes not yet finished, pushed since `since_ms`, by id: what the watch looks at.
std::vector<PushRow> OpenPushes(Connection& c, int64_t since_ms, size_t limit);

/// The unfinished pushes `user_id` may act on (MayActOnPush): a person's to-do, most urgent first.
std::vector<PushRow> PushesToDo(Connection& c, int64_t user_id, const ScopeFilter& scope,
                                size_t limit);

/// The SQL of a push done on time, over `incident_pushes p`: each of its four steps done within
/// its limit (a step not done, NULL, is not on time). The cockpit's 推送及时 and the list share it.
inline constexpr std::string_view kPushOnTimeSql =
    "(p.acknowledged_at <= p.ack_due AND p.contacted_at <= p.contact_due AND p.visited_at <= "
    "p.visit_due AND p.fed_back_at <= p.feedback_due)";

/// What GET /incidents/pushes lists: the pushes of the live incidents reported in
/// [from_ms, to_ms) whose region lies in the scope; `judged`, only those whose last limit (the
/// feedback's) has passed at `now_ms`; `on_time`, only those done on time (kPushOnTimeSql).
struct PushListFilter {
  int64_t from_ms = 0, to_ms = 0, now_ms = 0;
  bool judged = false, on_time = false;
};
struct ListedPush {
  PushRow push;
  bool on_time = false;
  int64_t incident_id = 0, reported_at = 0;
  std::string incident_no, incident_kind, incident_region_code;
};
/// One page of them, the latest reported first; returns how many there are in all.
int64_t ListPushes(Connection& c, const ScopeFilter& scope, const PushListFilter& f, int64_t limit,
                   int64_t offset, std::vector<ListedPush>& out);

}  // namespace hejia::store
