// The demo city's cloud federation (issue 13): a reporting year of the 12338 hotline's calls —
// one for every help request that came by the hotline (linked to it), and the calls that ended
// in advice, a referral or a call back — and of the portal's online consultations, nearly all
// answered within their limit, the last few still open (one of them late). Deterministic; every
// text is generated.
#include <algorithm>
#include <array>
#include <random>
#include <string>
#include <vector>

#include "app/demo_city.hpp"
#include "common/clock.hpp"
#include "domain/consultation.hpp"
#include "domain/hotline.hpp"
#include "domain/reporting_period.hpp"
#include "security/mask.hpp"
#include "security/tokens.hpp"
#include "store/case_repo.hpp"
#include "store/hotline_calls_table.hpp"
#include "store/legal_repo.hpp"
#include "store/legal_tables.hpp"
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
  for (const auto& r : c.Query("SELECT id, category, region_code, created_at, case_no FROM cases "
                               "WHERE channel = 'hotline' ORDER BY id")) {
    const std::string code = r.Text(2);
    const Place* p = place_of(code.substr(0, 9));
    if (!p) p = &places.front();
    domain::HotlineCall call;
    call.received_at = r.Int(3) - static_cast<int64_t>(5 + gen() % 20) * kMinuteMs;
    call.category = r.Text(1);
    call.outcome = domain::HotlineOutcome::kCaseOpened;
    call.case_id = r.Int(0);
    call.case_no = r.Text(4);
    std::string summary = "来电求助，已转为求助事项";
    for (const auto& t : kTopics)
      if (t.category == call.category) summary = std::string(t.call) + "，已转为求助事项";
    insert(call, *p, operator_for(*p, gen), summary);
  }
  // The calls that ended otherwise, spread over the year; the last days' call backs still open.
  const auto [from, to] = domain::ReportingYear(now);
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
  const auto [from, to] = domain::ReportingYear(now);
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

namespace {

struct DemoVideo {
  domain::LegalTopic topic;
  std::string_view title, summary;
};
constexpr std::array<DemoVideo, 12> kDemoVideos = {{
    {domain::LegalTopic::kAntiDomesticViolence, "拒绝家暴 守护幸福",
     "家庭暴力不是家务事：告诫书、人身安全保护令怎么申请"},
    {domain::LegalTopic::kAntiDomesticViolence, "遇到家暴怎么办",
     "保留证据、拨打 110、联系妇联：三步护住自己"},
    {domain::LegalTopic::kAntiDomesticViolence, "格姐上门说家暴", "格姐讲述一次深夜接警后的陪伴"},
    {domain::LegalTopic::kAntiFraud, "识破\"杀猪盘\"", "婚恋交友诈骗的五个信号"},
    {domain::LegalTopic::kAntiFraud, "守好养老钱", "保健品、高息理财骗局剖析"},
    {domain::LegalTopic::kAntiFraud, "接到\"公检法\"电话别慌", "冒充公检法诈骗的识别与应对"},
    {domain::LegalTopic::kWomensRights, "妇女权益保障法十问", "新修订妇女权益保障法要点"},
    {domain::LegalTopic::kWomensRights, "职场女性的权利", "孕期、产期、哺乳期的劳动保护"},
    {domain::LegalTopic::kMinorsProtection, "守护花开 与法\"童\"行", "校园欺凌的预防与处置"},
    {domain::LegalTopic::kMinorsProtection, "孩子的网络安全", "防范网络沉迷与网络性侵害"},
    {domain::LegalTopic::kMarriageFamily, "彩礼那些事", "婚约解除后彩礼返还的法律规定"},
    {domain::LegalTopic::kMarriageFamily, "离婚冷静期问答", "协议离婚的程序与冷静期"},
}};

constexpr std::array<std::pair<domain::LegalTopic, std::string_view>, 6> kDemoArticles = {{
    {domain::LegalTopic::kAntiDomesticViolence, "人身安全保护令申请指南"},
    {domain::LegalTopic::kAntiDomesticViolence, "家庭暴力告诫书是什么"},
    {domain::LegalTopic::kWomensRights, "农村妇女土地权益如何保障"},
    {domain::LegalTopic::kMarriageFamily, "民法典婚姻家庭编十个知识点"},
    {domain::LegalTopic::kMinorsProtection, "发现儿童遭受侵害，如何强制报告"},
    {domain::LegalTopic::kAntiFraud, "警惕以\"代办贷款\"为名的诈骗"},
}};

std::string PosterOf(const DemoMedia& media, domain::LegalTopic topic) {
  const auto it = media.posters.find(std::string(domain::ToString(topic)));
  return it == media.posters.end() ? std::string() : it->second;
}

struct Town {
  std::string code, path, name;
  std::vector<std::pair<std::string, std::string>> villages;  // code, path
};

}  // namespace

int64_t GenerateDemoLegal(store::Connection& c, const security::FieldCipher& cipher, int64_t now,
                          const DemoMedia& media) {
  if (c.QueryOne("SELECT 1 FROM legal_contents LIMIT 1")) return 0;
  namespace sk = store::kit;
  std::mt19937_64 gen(20261204);
  const auto [from, to] = domain::ReportingYear(now);
  const Desks desks = LoadDesks(c);
  if (desks.places.empty() || desks.staff.empty()) return 0;
  const Place& city = desks.places.front();
  std::vector<Town> towns;
  for (const auto& r : c.Query("SELECT code, path, name FROM regions WHERE level = 'town' AND "
                               "retired = 0 ORDER BY code"))
    towns.push_back({r.Text(0), r.Text(1), r.Text(2), {}});
  for (auto& t : towns)
    for (const auto& r : c.Query("SELECT code, path FROM regions WHERE level = 'village' AND "
                                 "retired = 0 AND path LIKE ? ORDER BY code",
                                 {t.path + "%"}))
      t.villages.push_back({r.Text(0), r.Text(1)});
  if (towns.empty()) return 0;
  const int64_t city_staff = desks.staff.front().id;
  const int64_t town_staff = desks.staff.back().id;
  // Office hours on a day spread over the year, never after its end (nor after now).
  const auto spread = [&, from = from, to = to](size_t i, size_t n) {
    return std::min(OfficeHours(gen, from + (to - from) * static_cast<int64_t>(2 * i + 1) /
                                                static_cast<int64_t>(2 * n)),
                    to - kHourMs);
  };
  const auto place = [](domain::Placement& p, std::string code, std::string path,
                        domain::RegionLevel level) {
    p.code = std::move(code);
    p.path = std::move(path);
    p.level = level;
  };

  // Content: 12 videos and 6 articles published over the year, a video in review and a draft.
  int64_t made = 0;
  const auto content = [&](domain::LegalContent item, int64_t at) {
    const int64_t id = sk::Insert(c, cipher, item, at);
    c.Execute("UPDATE legal_contents SET created_at = ?, updated_at = ? WHERE id = ?",
              {at - 3 * kDayMs, at, id});
    ++made;
  };
  for (size_t i = 0; i < kDemoVideos.size(); ++i) {
    const auto& v = kDemoVideos[i];
    domain::LegalContent item;
    item.title = v.title;
    item.kind = domain::LegalContentKind::kVideo;
    item.topic = v.topic;
    item.summary = v.summary;
    const bool by_town = i % 3 == 2;
    const Town& t = towns[i % towns.size()];
    item.producer = by_town ? t.name + "妇联" : "市妇联宣传部";
    if (by_town)
      place(item.region, t.code, t.path, domain::RegionLevel::kTown);
    else
      place(item.region, city.code, city.path, domain::RegionLevel::kCity);
    item.duration_seconds = 180 + static_cast<int64_t>(gen() % 420);
    item.status = domain::ContentStatus::kPublished;
    item.submitted_by = by_town ? town_staff : city_staff;
    item.reviewed_by = by_town ? city_staff : desks.staff[desks.staff.size() > 1 ? 1 : 0].id;
    item.media_sha = media.clip_sha;
    item.media_mime = media.clip_sha.empty() ? "" : "video/webm";
    item.media_size = media.clip_size;
    item.poster_sha = PosterOf(media, v.topic);
    item.poster_mime = item.poster_sha.empty() ? "" : "image/jpeg";
    item.published_at = spread(i, kDemoVideos.size());
    content(item, item.published_at);
  }
  for (size_t i = 0; i < kDemoArticles.size(); ++i) {
    domain::LegalContent item;
    item.title = kDemoArticles[i].second;
    item.kind = domain::LegalContentKind::kArticle;
    item.topic = kDemoArticles[i].first;
    item.producer = "市妇联权益部";
    place(item.region, city.code, city.path, domain::RegionLevel::kCity);
    item.summary = "一分钟读懂：" + std::string(kDemoArticles[i].second);
    item.body =
        "【要点一】遇到问题先说出来，可拨打 12338 妇女维权热线。\n【要点二】保留证据：照片、"
        "病历、聊天记录、报警回执。\n【要点三】村社妇联、格姐和调解室都可以帮您，"
        "紧急情况请拨打 110。";
    item.status = domain::ContentStatus::kPublished;
    item.submitted_by = town_staff;
    item.reviewed_by = city_staff;
    item.published_at = std::min(spread(i, kDemoArticles.size()) + 2 * kDayMs, to - kHourMs);
    content(item, item.published_at);
  }
  for (int i = 0; i < 2; ++i) {
    domain::LegalContent item;
    item.title = i == 0 ? "家门口的调解室" : "反家暴宣传短片（初稿）";
    item.kind = domain::LegalContentKind::kVideo;
    item.topic =
        i == 0 ? domain::LegalTopic::kMarriageFamily : domain::LegalTopic::kAntiDomesticViolence;
    item.producer = towns.front().name + "妇联";
    place(item.region, towns.front().code, towns.front().path, domain::RegionLevel::kTown);
    item.summary = i == 0 ? "走进东城街道的示范调解室" : "待补充片尾热线信息";
    item.media_sha = media.clip_sha;
    item.media_mime = media.clip_sha.empty() ? "" : "video/webm";
    item.media_size = media.clip_size;
    item.status = i == 0 ? domain::ContentStatus::kReview : domain::ContentStatus::kDraft;
    item.submitted_by = i == 0 ? town_staff : 0;
    content(item, now - (i + 1) * kDayMs);
  }

  // Campaigns, one brand a town, and the year's events: 100 school lectures under 守护花开.
  const auto campaign = [&](std::string name, int64_t target, std::string description) {
    domain::LegalCampaign k;
    k.name = std::move(name);
    k.year = std::stoll(FormatBeijing(from).substr(0, 4));
    place(k.region, city.code, city.path, domain::RegionLevel::kCity);
    k.target_school_lectures = target;
    k.description = std::move(description);
    return sk::Insert(c, cipher, k, from);
  };
  const int64_t safe_homes =
      campaign("法治新征程 平安进万家", 0, "普法进村社、进家庭，推动平安家庭创建");
  const int64_t flowers =
      campaign("守护花开 与法\"童\"行", 100, "百场法治讲座进校园，守护未成年人健康成长");
  constexpr std::array<std::string_view, 4> kBrandWords = {"法润家园", "巾帼普法坊", "和美家风讲堂",
                                                           "平安姐妹说法"};
  std::vector<int64_t> brands;
  for (size_t i = 0; i < towns.size(); ++i) {
    domain::LegalBrand b;
    b.name = towns[i].name + "·" + std::string(kBrandWords[i % kBrandWords.size()]);
    place(b.region, towns[i].code, towns[i].path, domain::RegionLevel::kTown);
    b.description = "一镇一品普法品牌";
    brands.push_back(sk::Insert(c, cipher, b, from));
  }
  const auto event = [&](domain::LegalEventKind kind, size_t i, size_t n, int64_t campaign_id,
                         std::string title, domain::AudienceType audience, int64_t count) {
    domain::LegalEvent e;
    const size_t ti = i % towns.size();
    const Town& t = towns[ti];
    e.title = std::move(title);
    e.kind = kind;
    e.campaign_id = campaign_id;
    e.held_at = spread(i, n);
    if (!t.villages.empty() && i % 2 == 1) {
      const auto& v = t.villages[(i / 2) % t.villages.size()];
      place(e.region, v.first, v.second, domain::RegionLevel::kVillage);
    } else {
      place(e.region, t.code, t.path, domain::RegionLevel::kTown);
    }
    if (kind != domain::LegalEventKind::kSchoolLecture) e.brand_id = brands[ti];
    e.venue =
        kind == domain::LegalEventKind::kSchoolLecture ? t.name + "中心小学" : t.name + "文化礼堂";
    e.audience = audience;
    e.audience_count = count;
    e.speakers = kind == domain::LegalEventKind::kPerformance ? "巾帼文艺队" : "法律顾问、妇联干部";
    e.summary = "普法宣传活动";
    sk::Insert(c, cipher, e, e.held_at);
  };
  constexpr size_t kSchoolLectures = 100, kLectureHalls = 24, kPerformances = 8;
  for (size_t i = 0; i < kSchoolLectures; ++i)
    event(domain::LegalEventKind::kSchoolLecture, i, kSchoolLectures, flowers,
          "法治进校园：守护花开 第" + std::to_string(i + 1) + "讲", domain::AudienceType::kStudents,
          200 + static_cast<int64_t>(gen() % 400));
  for (size_t i = 0; i < kLectureHalls; ++i)
    event(domain::LegalEventKind::kLectureHall, i, kLectureHalls, safe_homes, "巾帼法治大讲堂",
          domain::AudienceType::kWomen, 60 + static_cast<int64_t>(gen() % 140));
  for (size_t i = 0; i < kPerformances; ++i)
    event(domain::LegalEventKind::kPerformance, i, kPerformances, safe_homes, "反家暴情景剧巡演",
          domain::AudienceType::kVillagers, 150 + static_cast<int64_t>(gen() % 300));
  store::RecountCampaignLectures(c);
  return made;
}

}  // namespace hejia::app
