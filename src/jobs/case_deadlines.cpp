#include "jobs/case_deadlines.hpp"

#include <memory>

#include <spdlog/spdlog.h>

#include "common/clock.hpp"
#include "domain/case_routing.hpp"
#include "store/audit.hpp"
#include "store/case_events_repo.hpp"
#include "store/case_people_repo.hpp"
#include "store/case_repo.hpp"
#include "store/region_repo.hpp"

namespace hejia::jobs {

namespace json = boost::json;

namespace {

// The candidates: open cases with a due time passed and not met (the SQL form of
// domain::FirstMissed). Whether the miss was counted already is decided per case below; a case
// stays a candidate while its limit stays missed, so there is no LIMIT that could let counted
// cases crowd out new misses (a city has a few hundred cases a year).
std::vector<int64_t> OverdueCaseIds(store::Connection& c, int64_t now_ms) {
  std::vector<std::string> open;
  for (auto s : domain::AllCaseStatuses())
    if (domain::IsOpen(s)) open.emplace_back(domain::ToString(s));
  std::string in;
  store::Params params{now_ms};
  for (const auto& s : open) {
    in += in.empty() ? "?" : ",?";
    params.emplace_back(s);
  }
  params.emplace_back(now_ms);
  params.emplace_back(now_ms);
  std::vector<int64_t> ids;
  for (const auto& r : c.Query(
           "SELECT id FROM cases WHERE (first_contact_at IS NULL AND due_first_contact_at < ? AND "
           "status IN (" +
               in +
               ")) OR (status = 'registered' AND due_decision_at < ?) OR (status IN "
               "('assigned', 'mediating') AND due_mediation_at < ?) ORDER BY id",
           params))
    ids.push_back(r.Int(0));
  return ids;
}

struct Miss {
  domain::MissedLimit limit = domain::MissedLimit::kNone;
  int64_t due_at = 0;
};

bool Counted(const std::vector<store::CountedEscalation>& done, const Miss& m) {
  for (const auto& d : done)
    if (d.limit == domain::ToString(m.limit) && d.due_at == m.due_at) return true;
  return false;
}

// The earliest missed limit not counted yet. Each limit is put to domain::FirstMissed alone, so
// a first contact still missing does not hide a decision missed later.
Miss NewMiss(const store::CaseRecord& rec, const std::vector<store::CountedEscalation>& done,
             int64_t now_ms) {
  const domain::CaseTimers all = rec.Timers();
  domain::CaseTimers first_contact{
      all.status,   all.due_first_contact_at, all.first_contact_at, std::nullopt, std::nullopt,
      std::nullopt, all.supervision};
  domain::CaseTimers decision{all.status,     std::nullopt, std::nullopt,   all.due_decision_at,
                              all.decided_at, std::nullopt, all.supervision};
  domain::CaseTimers mediation{all.status,   std::nullopt,         std::nullopt,   std::nullopt,
                               std::nullopt, all.due_mediation_at, all.supervision};
  Miss best;
  auto consider = [&](const domain::CaseTimers& t, const std::optional<int64_t>& due) {
    const auto limit = domain::FirstMissed(t, now_ms);
    if (limit == domain::MissedLimit::kNone || !due) return;
    const Miss m{limit, *due};
    if (Counted(done, m)) return;
    if (best.limit == domain::MissedLimit::kNone || m.due_at < best.due_at) best = m;
  };
  consider(first_contact, all.due_first_contact_at);
  consider(decision, all.due_decision_at);
  consider(mediation, all.due_mediation_at);
  return best;
}

}  // namespace

std::vector<Escalation> EscalateMissedLimits(store::Connection& conn,
                                             const security::FieldCipher& cipher,
                                             const security::KeyRing& keys, int64_t now_ms) {
  std::vector<Escalation> out;
  for (const int64_t id : OverdueCaseIds(conn, now_ms)) {
    auto rec = store::LoadCaseAnywhere(conn, id);
    if (!rec) continue;
    const Miss miss = NewMiss(*rec, store::EscalationData(conn, id), now_ms);
    if (miss.limit == domain::MissedLimit::kNone) continue;

    Escalation e;
    e.case_id = id;
    e.case_no = rec->case_no;
    e.category = rec->category;
    e.night_clinic = rec->night_clinic;
    e.limit = std::string(domain::ToString(miss.limit));
    e.supervision = domain::NextSupervision(domain::ToString(rec->supervision));
    e.level = std::string(domain::ToString(rec->level));
    e.region_code = rec->region_code;
    std::string region_path = rec->region_path;
    store::CaseUpdate update;
    update.Set("supervision", e.supervision);
    const auto above = domain::LevelAbove(rec->level);
    if (above)
      if (auto region = store::MoveCaseToLevel(conn, *rec, *above, rec->region_path, update)) {
        e.level = std::string(domain::ToString(*above));
        e.region_code = region->code;
        region_path = region->path;
      }
    // A case changed since it was read (a concurrent request, another node's pass) is left to
    // the next tick.
    if (!store::UpdateCase(conn, id, rec->version, update, now_ms)) continue;

    store::EventInput event;
    event.kind = "escalation";
    event.actor_name = "system";
    event.data = json::object{{"limit", e.limit},
                              {"due_at", miss.due_at},
                              {"supervision", e.supervision},
                              {"from_level", domain::ToString(rec->level)},
                              {"to_level", e.level},
                              {"from_region", rec->region_code},
                              {"region_code", e.region_code}};
    store::InsertEvent(conn, cipher, id, event, now_ms);

    store::Audit(conn, keys, now_ms, store::Actor::System(), "case", std::to_string(id), "escalate",
                 "ok",
                 "limit=" + e.limit + ";supervision=" + e.supervision + ";level=" + e.level +
                     ";region=" + e.region_code);

    e.notify_user = store::OnDutyUser(conn, region_path, now_ms);
    out.push_back(std::move(e));
  }
  return out;
}

namespace {

void Notify(Notifier* notifier, const std::vector<Escalation>& done, int64_t now_ms) {
  if (!notifier) return;
  for (const auto& e : done) {
    if (!e.notify_user) continue;
    domain::CaseAlert alert{domain::CaseAlertKind::kEscalation,
                            e.case_id,
                            e.case_no,
                            e.category,
                            e.night_clinic,
                            now_ms,
                            e.supervision,
                            e.level};
    notifier->Notify(*e.notify_user, alert);
  }
}

}  // namespace

const CasePass<Escalation> kCaseDeadlines{EscalateMissedLimits, Notify};

}  // namespace hejia::jobs
