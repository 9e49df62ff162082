// The demo city's cloud federation (issue 13): a reporting year of the 12338 hotline's calls —
// one for every help request that came by the hotline (linked to it), and the calls that ended
// in advice, a referral or a call back — and of the portal's online consultations, nearly all
// answered within their limit, the last few still open (one of them late). Deterministic; every
// text is generated.
#include <array>
#include <random>
#include <string>
#include <vector>

#include "app/demo_city.hpp"
#include "common/clock.hpp"
#include "domain/consultation.hpp"
#include "domain/hotline.hpp"
#include "security/mask.hpp"
#include "security/tokens.hpp"
#include "store/case_repo.hpp"
#include "store/hotline_calls_table.hpp"
#include "store/odr_repo.hpp"
#include "store/partner_repo.hpp"
#include "store/region_names.hpp"
#include "store/sealed_text.hpp"
#include "store/tracking_code.hpp"

namespace hejia::app {
namespace {

constexpr int64_t kMinuteMs = 60LL * 1000, kHourMs = 60 * kMinuteMs, kDayMs = 24 * kHourMs;
constexpr int kAdviceCalls = 420;    // calls that did not become a help request
constexpr int kConsultations = 168;  // the portal's questions over the year

struct Topic {
  std::string_view category;
  std::string_view call;      // what a caller asked
  std::string_view question;  // what a citizen wrote on the portal
  std::string_view answer;
};

constexpr std::array<Topic, 8> kTopics = {{
    {"marriage", "来电咨询夫妻长期冷战、分居后的财产约定问题",
     "我和丈夫分居两年了，财产怎么约定才有效？", "可以签订书面财产约定，建议到调解室当面咨询。"},
    {"divorce_property", "来电咨询协议离婚时共同房产的分割",
     "协议离婚时房子写的是双方名字，怎么分？", "共同房产可协商分割，协商不成可申请调解或诉讼。"},
    {"child_support", "来电反映对方拖欠抚养费，咨询如何催要",
     "前夫三个月没给抚养费了，我该怎么办？", "可先申请人民调解，对方仍不履行可申请强制执行。"},
    {"elder_support", "来电咨询子女不履行赡养义务的处理途径", "几个儿子都不管老人，村里能出面吗？",
     "村妇联和调解委员会可组织家庭调解，明确赡养责任。"},
    {"domestic_violence", "来电称遭受家庭暴力，咨询告诫书和人身安全保护令",
     "他喝酒后经常打我，我能申请保护令吗？",
     "可以。可向法院申请人身安全保护令，紧急时请拨打 110，妇联可陪同办理。"},
    {"bride_price", "来电咨询婚约解除后彩礼返还问题", "订婚后分手了，彩礼要退吗？",
     "未办理结婚登记的，一般可以要求返还彩礼，具体看双方共同生活情况。"},
    {"in_law", "来电反映与婆家矛盾加剧，希望有人调解", "和婆婆矛盾很大，能请人来调解吗？",
     "可以向所在村社妇联申请上门调解，格姐会与您联系。"},
    {"minors", "来电咨询孩子在校受欺凌如何维护权益", "孩子在学校被欺负，妇联能帮忙吗？",
     "妇联可协调学校和相关部门处理，必要时提供心理辅导。"},
}};

constexpr std::array<std::string_view, 5> kReferrals = {
    "城区派出所", "市法律援助中心", "市民政局救助站", "市人民法院诉讼服务中心", "学校心理辅导站"};
constexpr std::array<std::string_view, 6> kCallerNames = {"王女士", "李女士", "张女士",
                                                          "陈女士", "刘先生", "周女士"};

struct Place {
  std::string code, path;
  domain::RegionLevel level;
};

struct Staff {
  int64_t id = 0;
  std::string name, region_code;
};

// The reporting year, as the demo's other records have it: 1 January of this year (Beijing) to
// now, the previous calendar year when fewer than 60 days of this one have passed.
std::pair<int64_t, int64_t> ReportingYear(int64_t now) {
  const int year = std::stoi(FormatBeijing(now).substr(0, 4));
  const int64_t jan1 = BeijingDateStartMillis(std::to_string(year) + "-01-01");
  if (now - jan1 >= 60 * kDayMs) return {jan1, now};
  return {BeijingDateStartMillis(std::to_string(year - 1) + "-01-01"), jan1};
}

std::string Phone(std::mt19937_64& gen) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "13%d%08d", 5 + static_cast<int>(gen() % 4),
                static_cast<int>(gen() % 100000000));
  return buf;
}

/// Office hours on a working day near `t` (calls come by day; the night line is the 110's).
int64_t OfficeHours(std::mt19937_64& gen, int64_t t) {
  const int64_t day = (t + 8 * kHourMs) / kDayMs * kDayMs - 8 * kHourMs;
  return day + 8 * kHourMs + 30 * kMinuteMs + static_cast<int64_t>(gen() % (9 * 60)) * kMinuteMs;
}

/// Where the hotline and the portal's questions are answered (the city and its towns) and who
/// answers them (their staff).
struct Desks {
  std::vector<Place> places;
  std::vector<Staff> staff;
};

Desks LoadDesks(store::Connection& c) {
  Desks d;
  for (const auto& r : c.Query("SELECT code, path, level FROM regions WHERE level IN ('city', "
                               "'town') AND retired = 0 ORDER BY code"))
    d.places.push_back(
        {r.Text(0), r.Text(1),
         r.Text(2) == "city" ? domain::RegionLevel::kCity : domain::RegionLevel::kTown});
  for (const auto& r : c.Query("SELECT id, display_name, region_code FROM users WHERE role IN "
                               "('city_staff', 'town_staff') ORDER BY id"))
    d.staff.push_back({r.Int(0), r.Text(1), r.Text(2)});
  return d;
}

}  // namespace

int64_t GenerateDemoHotline(store::Connection& c, const security::FieldCipher& cipher,
                            int64_t now) {
  if (c.QueryOne("SELECT COUNT(*) FROM hotline_calls")->Int(0) > 0) return 0;
  const Desks desks = LoadDesks(c);
  const auto& places = desks.places;
  const auto& staff = desks.staff;
  if (places.empty() || staff.empty()) return 0;
  auto place_of = [&](const std::string& code) -> const Place* {
    for (const auto& p : places)
      if (p.code == code) return &p;
    return nullptr;
  };
  auto operator_for = [&](const Place& p, std::mt19937_64& gen) -> const Staff& {
    std::vector<const Staff*> here;
    for (const auto& s : staff)
      if (s.region_code == p.code) here.push_back(&s);
    if (here.empty()) return staff[gen() % staff.size()];
    return *here[gen() % here.size()];
  };
  std::mt19937_64 gen(20261204);
  int64_t made = 0;
  auto insert = [&](domain::HotlineCall& call, const Place& p, const Staff& who,
                    std::string_view summary) {
    call.region = {p.code, p.path, p.level, ""};
    call.operator_id = who.id;
    call.operator_name = who.name;
    call.duration_seconds = 120 + static_cast<int64_t>(gen() % 900);
    call.summary = {std::string(summary), true};
    if (gen() % 3 != 0) call.caller_phone = {Phone(gen), true};
    if (gen() % 2 == 0)
      call.caller_name = {std::string(kCallerNames[gen() % kCallerNames.size()]), true};
    store::kit::Insert(c, cipher, call, call.received_at);
    ++made;
  };
  // One call for every help request that came by the hotline, a few minutes before it.
  for (const auto& r : c.Query("SELECT id, category, region_code, created_at FROM cases WHERE "
                               "channel = 'hotline' ORDER BY id")) {
    const std::string code = r.Text(2);
    const Place* p = place_of(code.substr(0, 9));
    if (!p) p = &places.front();
    domain::HotlineCall call;
    call.received_at = r.Int(3) - static_cast<int64_t>(5 + gen() % 20) * kMinuteMs;
    call.category = r.Text(1);
    call.outcome = domain::HotlineOutcome::kCaseOpened;
    call.case_id = r.Int(0);
    std::string summary = "来电求助，已转为求助事项";
    for (const auto& t : kTopics)
      if (t.category == call.category) summary = std::string(t.call) + "，已转为求助事项";
    insert(call, *p, operator_for(*p, gen), summary);
  }
  // The calls that ended otherwise, spread over the year; the last days' call backs still open.
  const auto [from, to] = ReportingYear(now);
  for (int i = 0; i < kAdviceCalls; ++i) {
    const auto& topic = kTopics[gen() % kTopics.size()];
    const Place& p = places[gen() % places.size()];
    domain::HotlineCall call;
    call.received_at =
        OfficeHours(gen, from + static_cast<int64_t>(gen() % static_cast<uint64_t>(to - from)));
    if (call.received_at > now - kHourMs) call.received_at = now - 2 * kHourMs;
    call.category = std::string(topic.category);
    const auto roll = gen() % 10;
    if (roll < 6) {
      call.outcome = domain::HotlineOutcome::kAdvice;
    } else if (roll < 8) {
      call.outcome = domain::HotlineOutcome::kReferred;
      call.referred_to = std::string(kReferrals[gen() % kReferrals.size()]);
    } else {
      call.outcome = domain::HotlineOutcome::kCallBack;
      call.call_back_due = call.received_at + kDayMs;
      if (call.call_back_due < now - kDayMs)
        call.called_back_at = call.received_at + static_cast<int64_t>(2 + gen() % 20) * kHourMs;
    }
    insert(call, p, operator_for(p, gen), topic.call);
  }
  return made;
}

int64_t GenerateDemoConsultations(store::Connection& c, const security::FieldCipher& cipher,
                                  int64_t now) {
  if (c.QueryOne("SELECT COUNT(*) FROM consultations")->Int(0) > 0) return 0;
  const Desks desks = LoadDesks(c);
  const auto& towns = desks.places;
  const auto& staff = desks.staff;
  if (towns.empty() || staff.empty()) return 0;
  const domain::CaseSettings settings = store::LoadCaseSettings(c);
  std::mt19937_64 gen(20261205);
  const auto [from, to] = ReportingYear(now);
  std::vector<int64_t> times;
  for (int i = 0; i < kConsultations; ++i)
    times.push_back(from + static_cast<int64_t>(gen() % static_cast<uint64_t>(to - from)));
  std::sort(times.begin(), times.end());
  // The newest four are still open: two within their limit, one late, one asked tonight.
  times[kConsultations - 4] = now - 3 * kDayMs - 2 * kHourMs;
  times[kConsultations - 3] = now - 5 * kHourMs;
  times[kConsultations - 2] = now - 2 * kHourMs;
  times[kConsultations - 1] = now - 20 * kMinuteMs;
  std::sort(times.begin(), times.end());
  int64_t made = 0;
  for (int i = 0; i < kConsultations; ++i) {
    const int64_t asked = std::min(times[static_cast<size_t>(i)], now - 10 * kMinuteMs);
    const auto& topic = kTopics[gen() % kTopics.size()];
    const Place& p = towns[gen() % towns.size()];
    const auto limit = domain::ConsultationAnswerDue(settings, topic.category, asked);
    const bool open = i >= kConsultations - 4;
    const std::string tracking = store::NewTrackingCode();
    const std::string contact = gen() % 2 == 0 ? Phone(gen) : "";
    const auto id =
        c.QueryOne(
             "INSERT INTO consultations (tracking_bidx, category, question_enc, contact_enc, "
             "anonymous, region_code, region_path, status, created_at, version, answer_due_at, "
             "urgent) VALUES (?,?,'','',?,?,?,'open',?,1,?,?) RETURNING id",
             {cipher.BlindIndex("tracking", *store::NormaliseTrackingCode(tracking)),
              std::string(topic.category), contact.empty(), p.code, p.path, asked, limit.due_at,
              limit.urgent})
            ->Int(0);
    c.Execute("UPDATE consultations SET question_enc = ?, contact_enc = ? WHERE id = ?",
              {cipher.Encrypt(std::string(topic.question),
                              "consultations/question/" + std::to_string(id)),
               cipher.Encrypt(contact, "consultations/contact/" + std::to_string(id)), id});
    if (open) {
      const auto mark = domain::ConsultationMark(asked, limit.due_at, now);
      if (mark)
        c.Execute("UPDATE consultations SET supervision = ? WHERE id = ?",
                  {std::string(domain::ToString(*mark)), id});
    } else {
      // Answered within the limit (most within hours), one in twelve a little after it.
      const int64_t window = std::max<int64_t>(limit.due_at - asked, kHourMs);
      int64_t answered = asked + static_cast<int64_t>(gen() % static_cast<uint64_t>(window));
      if (gen() % 12 == 0) answered = limit.due_at + static_cast<int64_t>(1 + gen() % 6) * kHourMs;
      answered = std::min(answered, now - kMinuteMs);
      const Staff& who = staff[gen() % staff.size()];
      c.Execute(
          "UPDATE consultations SET status = 'answered', answer_enc = ?, answered_by = ?, "
          "answered_at = ?, version = 2, supervision = ? WHERE id = ?",
          {store::SealConsultationAnswer(cipher, id, std::string(topic.answer)), who.id, answered,
           answered > limit.due_at ? std::string("yellow") : std::string(), id});
    }
    ++made;
  }
  return made;
}

int64_t GenerateDemoOdr(store::Connection& c, const security::FieldCipher& cipher, int64_t now) {
  if (c.QueryOne("SELECT 1 FROM odr_cases LIMIT 1")) return 0;
  int64_t partner = 0;
  if (auto known = store::FindPartner(c, "odr-platform")) {
    partner = known->id;
  } else {
    partner = store::CreatePartner(
        c, cipher,
        {0, "odr-platform", "浙江省在线矛盾纠纷多元化解平台", "odr_platform", "", false, 0, 0},
        security::RandomToken(32), now);
  }
  int64_t linked = 0;
  for (const auto& r : c.Query("SELECT id, external_ref, created_at FROM cases WHERE channel = "
                               "'odr_platform' AND external_ref <> '' ORDER BY id")) {
    if (store::FindOdrByCode(c, r.Text(1))) continue;  // a code drawn twice
    store::LinkOdrCase(c, {r.Text(1), partner, r.Int(0)}, r.Int(2));
    ++linked;
  }
  return linked;
}

}  // namespace hejia::app
