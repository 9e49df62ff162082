// A year of police incidents for the demo city (issue 11): the police 110 system as a partner,
// about 300 family-conflict incidents spread over the towns (more at night and at weekends, a
// tenth of them repeats between the same people), most at a household's address so they are
// placed on its grid, and their three pushes worked with realistic timeliness — most
// acknowledged within the hour, some late, the last days' still open. Synthetic names and
// numbers only. Deterministic.
#include <algorithm>
#include <array>
#include <random>
#include <vector>

#include "app/demo_city.hpp"
#include "app/demo_names.hpp"
#include "common/clock.hpp"
#include "domain/incident.hpp"
#include "security/tokens.hpp"
#include "store/case_people_repo.hpp"
#include "store/incident_intake.hpp"
#include "store/incident_push_repo.hpp"
#include "store/partner_repo.hpp"
#include "store/visit_repo.hpp"

namespace hejia::app {

namespace {

constexpr int64_t kMinuteMs = 60LL * 1000, kHourMs = 60 * kMinuteMs, kDayMs = 24 * kHourMs;
constexpr int kIncidents = 300;

using demo_names::kMen;
using demo_names::kSurnames;
using demo_names::kWomen;
constexpr std::array<const char*, 6> kDispositions = {
    "现场劝解，双方情绪平稳", "现场调解，男方作出书面保证", "出具家庭暴力告诫书",
    "带回派出所调查处理",     "建议妇联跟进心理疏导",       "移交村（社区）调解"};

struct Household {
  int64_t id = 0;
  std::string address, town_name;
};

}  // namespace

int64_t GenerateDemoIncidents(store::Connection& c, const security::FieldCipher& cipher,
                              int64_t now) {
  if (c.QueryOne("SELECT 1 FROM police_incidents LIMIT 1")) return 0;
  std::mt19937_64 gen(20261203);
  store::RegionNames names;  // the city is made: its names are read once
  const auto pick = [&](const auto& list) { return list[gen() % list.size()]; };
  int64_t partner = 0;
  if (auto known = store::FindPartner(c, "police-110")) {
    partner = known->id;
  } else {
    partner = store::CreatePartner(
        c, cipher, {0, "police-110", "永康市公安局 110 指挥中心", "police", "", false, 0, 0},
        security::RandomToken(32), now);
  }
  // Households to place incidents at: a few per village, with their addresses.
  std::vector<Household> homes;
  for (const auto& r : c.Query(
           "SELECT h.id, h.address_enc FROM households h WHERE h.address_enc <> '' AND h.id % 7 = "
           "0 ORDER BY h.id LIMIT 400",
           store::Params{})) {
    auto address = cipher.Decrypt(r.Text(1), "households/address/" + std::to_string(r.Int(0)));
    if (address) homes.push_back({r.Int(0), *address, ""});
  }
  std::vector<std::string> towns;
  for (const auto& r :
       c.Query("SELECT name FROM regions WHERE level = 'town' ORDER BY code", store::Params{}))
    towns.push_back(r.Text(0));
  if (homes.empty() || towns.empty()) return 0;

  struct Earlier {
    std::string address, victim, victim_phone, actor;
  };
  std::vector<Earlier> earlier;
  int64_t made = 0;
  for (int n = 0; n < kIncidents; ++n) {
    // Spread over the year, oldest first; evenings and nights most.
    const int64_t day = now - (365 - (n * 365) / kIncidents) * kDayMs;
    const int hour = std::array{19, 20, 21, 22, 23, 0, 1, 9, 14, 18, 20, 22}[gen() % 12];
    int64_t at = BeijingDateStartMillis(FormatBeijing(day).substr(0, 10)) + hour * kHourMs +
                 static_cast<int64_t>(gen() % 60) * kMinuteMs;
    if (at > now - 30 * kMinuteMs) at = now - 30 * kMinuteMs - static_cast<int64_t>(n) * kMinuteMs;
    store::IncidentIntake in;
    auto& rec = in.incident;
    char number[40];
    std::snprintf(number, sizeof number, "J330784%s%05d", FormatBeijing(at).substr(0, 10).c_str(),
                  n + 1);
    rec.incident_no = number;
    rec.incident_no.erase(std::remove(rec.incident_no.begin(), rec.incident_no.end(), '-'),
                          rec.incident_no.end());
    rec.source = domain::IncidentSource::kInterface;
    rec.reported_at = at;
    const int kind = static_cast<int>(gen() % 20);
    rec.kind = kind < 11   ? domain::IncidentKind::kFamilyDispute
               : kind < 17 ? domain::IncidentKind::kDomesticViolence
               : kind < 18 ? domain::IncidentKind::kDating
               : kind < 19 ? domain::IncidentKind::kSupport
                           : domain::IncidentKind::kOther;
    rec.alcohol = gen() % 3 == 0;
    rec.threats = gen() % 6 == 0;
    rec.injury = rec.kind == domain::IncidentKind::kDomesticViolence && gen() % 3 == 0;
    rec.weapon = gen() % 25 == 0;
    rec.minors_present = gen() % 4 == 0;
    rec.disposition = pick(kDispositions);
    if (rec.disposition == std::string("出具家庭暴力告诫书"))
      rec.warning_letter_no =
          "永公告字〔" + FormatBeijing(at).substr(0, 4) + "〕" + std::to_string(n + 1) + "号";
    std::string victim, actor, phone;
    if (!earlier.empty() && gen() % 10 == 0) {  // the same people again
      const auto& e = earlier[gen() % earlier.size()];
      in.address = e.address;
      victim = e.victim;
      phone = e.victim_phone;
      actor = e.actor;
    } else {
      const bool at_home = gen() % 5 != 0;
      in.address = at_home ? pick(homes).address
                           : "永康市" + pick(towns) + "江南路 " + std::to_string(gen() % 300 + 1) +
                                 " 号附近";
      const std::string surname = pick(kSurnames);
      victim = std::string(pick(kSurnames)) + pick(kWomen) + pick(kWomen);
      actor = surname + pick(kMen);
      phone = "139" + std::to_string(10000000 + gen() % 89999999);
      earlier.push_back({in.address, victim, phone, actor});
    }
    rec.station = towns.front() + "派出所";
    for (const auto& town : towns)
      if (in.address.find(town) != std::string::npos) rec.station = town + "派出所";
    rec.officer = std::string(pick(kSurnames)) + "警官";
    in.parties.push_back({domain::IncidentPartyRole::kVictim, victim, "female", phone});
    in.parties.push_back({domain::IncidentPartyRole::kActor, actor, "male", ""});
    if (rec.minors_present)
      in.parties.push_back(
          {domain::IncidentPartyRole::kMinor, actor.substr(0, 3) + "小" + pick(kMen), "", ""});
    in.partner_id = partner;
    const int64_t pushed = at + (5 + static_cast<int64_t>(gen() % 20)) * kMinuteMs;
    const auto taken = store::TakeInIncident(c, cipher, names, in, pushed);
    ++made;
    // Work the pushes as people did: most on time, some late, the newest still open.
    for (const auto& push : store::IncidentPushes(c, taken.id)) {
      const auto handlers = store::UnitHandlers(c, push.region_path, now, 1);
      const int64_t by = push.assignee_id   ? *push.assignee_id
                         : handlers.empty() ? 0
                                            : handlers.front();
      if (!by) continue;
      int64_t t = pushed;
      int64_t version = push.version;
      const auto& due = push.progress.due;
      const bool late = gen() % 10 == 0;
      const std::array<std::pair<domain::PushStage, int64_t>, 4> steps{{
          {domain::PushStage::kAcknowledged,
           late ? (due.ack - pushed) + static_cast<int64_t>(gen() % 180) * kMinuteMs
                : static_cast<int64_t>(5 + gen() % 80) * kMinuteMs},
          {domain::PushStage::kContacted, static_cast<int64_t>(1 + gen() % 20) * kHourMs},
          {domain::PushStage::kVisited, static_cast<int64_t>(12 + gen() % 48) * kHourMs},
          {domain::PushStage::kFedBack, static_cast<int64_t>(24 + gen() % 96) * kHourMs},
      }};
      for (const auto& [stage, after] : steps) {
        t += after;
        if (t >= now) break;
        const std::string note =
            stage == domain::PushStage::kContacted ? "（演示）电话联系受害人，情绪稳定"
            : stage == domain::PushStage::kVisited ? "（演示）上门走访，了解家庭情况"
            : stage == domain::PushStage::kFedBack ? "（演示）已走访并持续关注，暂无新的冲突"
                                                   : "";
        store::RecordPushStep(c, push.id, version, stage, by,
                              store::SealPushNote(cipher, push.id, stage, note), t);
        if (stage == domain::PushStage::kVisited)
          store::InsertIncidentVisit(c, cipher, taken.id, by, t, note, t);
        ++version;
      }
    }
    store::RefreshIncidentSummary(c, taken.id, now);
  }
  return made;
}

}  // namespace hejia::app
