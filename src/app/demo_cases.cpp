// The demo city's year of help requests and mediation: 249 cases received since January (the
// article's figure), 232 of them resolved by an agreement (93%), the rest ended without one,
// withdrawn, or still in mediation. Every case goes through the same repository functions as a
// real one (intake with routing, then the workflow actions with their timeline events), at
// generated times in the past. Deterministic for a given load time; names and numbers generated.
#include <algorithm>
#include <array>
#include <random>
#include <vector>

#include "app/demo_city.hpp"
#include "app/demo_names.hpp"
#include "common/clock.hpp"
#include "domain/case_fields.hpp"
#include "domain/case_flow.hpp"
#include "domain/party.hpp"
#include "domain/reporting_period.hpp"
#include "store/case_events_repo.hpp"
#include "store/case_repo.hpp"

namespace hejia::app {
namespace {

constexpr int64_t kMinuteMs = 60LL * 1000, kHourMs = 60 * kMinuteMs, kDayMs = 24 * kHourMs;
constexpr int kReceived = 249;
constexpr int kResolved = 232;
constexpr int kTerminated = 8;
constexpr int kWithdrawn = 4;  // the remaining 5 are still in mediation

using demo_names::kMen;
using demo_names::kSurnames;
using demo_names::kWomen;

struct CategoryMix {
  const char* code;
  int weight;
  const char* title;
};
// What a family-dispute desk of a county-level city sees most: support, marriage, in-laws.
constexpr std::array<CategoryMix, 11> kCategories = {{
    {"child_support", 22, "抚养费纠纷"},
    {"marriage", 20, "婚姻家庭矛盾"},
    {"in_law", 14, "婆媳矛盾"},
    {"divorce_property", 10, "离婚财产分割"},
    {"elder_support", 10, "赡养纠纷"},
    {"domestic_violence", 6, "家庭暴力求助"},
    {"inheritance", 6, "继承纠纷"},
    {"bride_price", 4, "彩礼返还纠纷"},
    {"neighbours", 4, "邻里纠纷"},
    {"minors", 2, "未成年人保护"},
    {"other", 2, "其他家庭纠纷"},
}};

struct ChannelMix {
  const char* code;
  int weight;
};
constexpr std::array<ChannelMix, 6> kChannels = {{{"portal", 32},
                                                  {"hotline", 26},
                                                  {"walk_in", 20},
                                                  {"grid_report", 12},
                                                  {"consultation", 5},
                                                  {"odr_platform", 5}}};

template <class T, size_t N>
const T& Pick(std::mt19937_64& gen, const std::array<T, N>& items) {
  int total = 0;
  for (const auto& i : items) total += i.weight;
  int r = static_cast<int>(gen() % static_cast<uint64_t>(total));
  for (const auto& i : items) {
    if (r < i.weight) return i;
    r -= i.weight;
  }
  return items.back();
}

std::string Phone(std::mt19937_64& gen) {
  static constexpr std::array<const char*, 6> kPrefixes = {"138", "139", "158",
                                                           "177", "136", "187"};
  std::string p = kPrefixes[gen() % kPrefixes.size()];
  for (int i = 0; i < 8; ++i) p += static_cast<char>('0' + gen() % 10);
  return p;
}

struct Mediator {
  int64_t id;
  std::string path;
};

}  // namespace

int64_t GenerateDemoCases(store::Connection& c, const security::FieldCipher& cipher, int64_t now) {
  if (c.QueryOne("SELECT COUNT(*) FROM cases")->Int(0) > 0) return 0;
  std::vector<std::string> villages;
  for (const auto& r :
       c.Query("SELECT code FROM regions WHERE level = 'village' AND retired = 0 ORDER BY code"))
    villages.push_back(r.Text(0));
  std::vector<Mediator> mediators;
  for (const auto& r :
       c.Query("SELECT id, region_path FROM mediators WHERE active = 1 ORDER BY id"))
    mediators.push_back({r.Int(0), r.Text(1)});
  if (villages.empty() || mediators.empty()) return 0;

  std::mt19937_64 gen(20261128);
  const domain::CaseSettings settings = store::LoadCaseSettings(c);
  // Spread over the reporting year (domain::ReportingYear: this year so far, or the whole last
  // year in its first two months), from its first working days to six days before its end: the
  // cockpit's default period holds all 249 whatever day the demo is loaded. No case is ever
  // dated after the moment the demo is loaded.
  const domain::DayRange year = domain::ReportingYear(now);
  const int64_t year_start = year.from + 4 * kDayMs, end = year.to;
  const int64_t span = end - 6 * kDayMs - year_start;
  std::vector<int64_t> times;
  for (int i = 0; i < kReceived; ++i)
    times.push_back(year_start + static_cast<int64_t>(gen() % static_cast<uint64_t>(span)));
  std::sort(times.begin(), times.end());
  // Which cases end how: the last five (the newest) are still in mediation; the unresolved
  // others are spread over the year.
  std::vector<char> fate(kReceived, 'r');
  for (int i = kReceived - 5; i < kReceived; ++i) fate[static_cast<size_t>(i)] = 'm';
  int placed = 0;
  while (placed < kTerminated + kWithdrawn) {
    const size_t i = gen() % static_cast<uint64_t>(kReceived - 5);
    if (fate[i] != 'r') continue;
    fate[i] = placed < kTerminated ? 't' : 'w';
    ++placed;
  }

  int64_t made = 0;
  for (int i = 0; i < kReceived; ++i) {
    const char f = fate[static_cast<size_t>(i)];
    // The newest cases are a few days old and still open.
    int64_t t0 = f == 'm' ? end - static_cast<int64_t>(1 + i % 5) * kDayMs - 3 * kHourMs
                          : times[static_cast<size_t>(i)];
    const auto& category = Pick(gen, kCategories);
    const auto& channel = Pick(gen, kChannels);
    // The portal and online questions come at any hour (most in the evening); calls, visits and
    // reports come in office hours on working days.
    const auto channel_value =
        domain::ParseCaseChannel(channel.code).value_or(domain::CaseChannel::kHotline);
    if (channel_value != domain::CaseChannel::kPortal &&
        channel_value != domain::CaseChannel::kConsultation) {
      const int64_t day = BeijingDateStartMillis(FormatBeijing(t0).substr(0, 10));
      const int64_t weekday = ((day + 8 * kHourMs) / kDayMs + 3) % 7;  // 0 = Monday
      const int64_t shift = weekday == 5 ? 2 : weekday == 6 ? 1 : 0;
      t0 = day + shift * kDayMs + 9 * kHourMs + static_cast<int64_t>(gen() % 480) * kMinuteMs;
      if (t0 > end - 2 * kDayMs) t0 -= 7 * kDayMs;
    }
    const std::string surname = kSurnames[gen() % kSurnames.size()];
    const std::string other_surname = kSurnames[gen() % kSurnames.size()];

    store::CaseIntake in;
    in.channel = channel_value;
    in.category = category.code;
    in.severity = gen() % 12 == 0 ? domain::CaseSeverity::kSerious : domain::CaseSeverity::kNormal;
    in.title = category.title;
    in.facts = std::string("（演示数据）") + category.title + "，申请人请求妇联协助调解。";
    in.wish = "希望通过调解解决";
    in.safe_contact = gen() % 2 ? "工作日白天来电" : "只发短信";
    if (in.channel == domain::CaseChannel::kOdrPlatform)
      in.external_ref = "ZJODR" + std::to_string(2026000000 + static_cast<int64_t>(gen() % 999999));
    in.home_code = villages[gen() % villages.size()];
    store::PartyInput applicant;
    applicant.party.role = domain::PartyRole::kApplicant;
    applicant.party.name = surname + kWomen[gen() % kWomen.size()] + kWomen[gen() % kWomen.size()];
    applicant.party.gender = "female";
    applicant.party.phone = Phone(gen);
    store::PartyInput respondent;
    respondent.party.role = domain::PartyRole::kRespondent;
    respondent.party.name = other_surname + kMen[gen() % kMen.size()];
    respondent.party.gender = "male";
    respondent.party.phone = Phone(gen);
    in.parties = {applicant, respondent};
    const auto created = store::CreateCase(c, cipher, settings, in, t0);
    ++made;

    auto rec = *store::LoadCaseAnywhere(c, created.id);
    // First contact within the hour at night, within the day otherwise.
    const int64_t contact_at =
        t0 + (created.night_clinic ? static_cast<int64_t>(10 + gen() % 45) * kMinuteMs
                                   : static_cast<int64_t>(1 + gen() % 20) * kHourMs);
    c.Execute("UPDATE cases SET first_contact_at = ? WHERE id = ?", {contact_at, rec.id});

    int64_t at = contact_at;
    bool stopped = false;
    auto step = [&](domain::CaseAction action, int64_t later, const std::string& text) {
      if (stopped) return;
      at += later;
      if (at > now - kHourMs) {
        stopped = true;
        return;
      }
      store::EventInput e;
      e.actor_name = "演示数据";
      e.text = text;
      rec = store::ApplyCaseAction(c, cipher, rec, action, e, at);
    };
    step(domain::CaseAction::kAccept, static_cast<int64_t>(1 + gen() % 20) * kHourMs, "受理");
    step(domain::CaseAction::kScreen, static_cast<int64_t>(1 + gen() % 6) * kHourMs,
         "安全评估：无明显家暴风险");
    if (!stopped) c.Execute("UPDATE cases SET risk_level = 'none' WHERE id = ?", {rec.id});
    // A mediator of the handling region or above.
    std::vector<int64_t> fit;
    for (const auto& m : mediators)
      if (rec.region_path.compare(0, m.path.size(), m.path) == 0) fit.push_back(m.id);
    const int64_t mediator = fit.empty() ? mediators.front().id : fit[gen() % fit.size()];
    if (!stopped) c.Execute("UPDATE cases SET mediator_id = ? WHERE id = ?", {mediator, rec.id});
    step(domain::CaseAction::kAssign, static_cast<int64_t>(1 + gen() % 12) * kHourMs, "指派调解员");
    step(domain::CaseAction::kStart, static_cast<int64_t>(1 + gen() % 48) * kHourMs, "开始调解");
    if (f == 'm') continue;
    // Days of mediation: most within two weeks, a few near the 30-day limit.
    int64_t days = 2 + static_cast<int64_t>(gen() % 9) +
                   static_cast<int64_t>(gen() % 4) * static_cast<int64_t>(gen() % 6);
    // A case of the last weeks ended sooner (it has to have ended by now).
    while (days > 1 && at + days * kDayMs > now - 2 * kHourMs) --days;
    if (f == 't') {
      step(domain::CaseAction::kTerminate, days * kDayMs, "双方分歧较大，调解终止；已告知诉讼途径");
      if (!stopped) c.Execute("UPDATE cases SET reason = ? WHERE id = ?", {"调解不成", rec.id});
      step(domain::CaseAction::kClose, 2 * kDayMs, "结案");
      if (!stopped)
        c.Execute("UPDATE cases SET outcome = ? WHERE id = ?",
                  {"调解不成，已告知诉讼途径", rec.id});
      continue;
    }
    if (f == 'w') {
      step(domain::CaseAction::kWithdraw, days * kDayMs, "申请人撤回申请");
      if (!stopped) c.Execute("UPDATE cases SET reason = ? WHERE id = ?", {"申请人撤回", rec.id});
      continue;
    }
    step(domain::CaseAction::kAgree, days * kDayMs, "双方达成调解协议");
    if (rec.Status() == domain::CaseStatus::kAgreed)
      c.Execute(
          "INSERT INTO agreements (case_id, form, status, terms, mediator_signed_at, effective_at, "
          "created_at, updated_at) VALUES (?, 'written', 'effective', '[]', ?, ?, ?, ?)",
          {rec.id, at, at, at, at});
    step(domain::CaseAction::kFulfil, static_cast<int64_t>(1 + gen() % 20) * kDayMs, "协议已履行");
    step(domain::CaseAction::kClose, static_cast<int64_t>(1 + gen() % 5) * kDayMs, "回访后结案");
    if (rec.Status() == domain::CaseStatus::kClosed)
      c.Execute("UPDATE cases SET outcome = ?, satisfaction = ? WHERE id = ?",
                {"协议履行完毕", static_cast<int64_t>(gen() % 5 == 0 ? 4 : 5), rec.id});
  }
  return made;
}

}  // namespace hejia::app
