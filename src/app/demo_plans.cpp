// The demo city's household plans (一户一策): every yellow and red demo family gets an active plan
// written by the town's demo account a day or two after its listing — the red ones countersigned
// by the city's — with two to four measures (some done with their results, the rest due in the
// coming weeks, one plan in five with a measure a few days late), red plans reviewed within the
// month, and a safety plan with a generated safe contact; then every family's supervision mark is
// computed. Deterministic; names and phone numbers are generated (no real person's data).
#include <algorithm>
#include <array>
#include <random>
#include <string>
#include <vector>

#include "app/demo_city.hpp"
#include "app/demo_names.hpp"
#include "domain/household_plan.hpp"
#include "store/family_supervision.hpp"
#include "store/key_family_repo.hpp"
#include "store/plan_repo.hpp"
#include "store/scope.hpp"

namespace hejia::app {
namespace {

constexpr int64_t kDayMs = 24LL * 60 * 60 * 1000;

struct MeasureIdea {
  domain::MeasureType type;
  domain::ResponsibleUnit unit;
  const char* detail;
  const char* result;
};

constexpr std::array<MeasureIdea, 6> kIdeas{{
    {domain::MeasureType::kMediation, domain::ResponsibleUnit::kFederation,
     "组织双方家事调解，约定相处规则", "双方签订和好协议，约定每月回访"},
    {domain::MeasureType::kCounselling, domain::ResponsibleUnit::kFederation,
     "联系心理咨询师开展心理疏导", "已完成三次疏导，情绪明显平稳"},
    {domain::MeasureType::kLegalAid, domain::ResponsibleUnit::kJusticeOffice,
     "司法所提供法律咨询，讲解反家暴法", "已讲解告诫书和保护令的申请方式"},
    {domain::MeasureType::kProtectionOrder, domain::ResponsibleUnit::kPoliceStation,
     "协助申请人身安全保护令", "法院已作出保护令裁定"},
    {domain::MeasureType::kSchoolAttention, domain::ResponsibleUnit::kSchool,
     "请孩子所在学校班主任留意孩子情况", "班主任每周反馈，孩子状态正常"},
    {domain::MeasureType::kEmployment, domain::ResponsibleUnit::kCivilAffairs,
     "推荐参加巾帼就业技能培训", "已报名家政技能培训班"},
}};

std::string Name(std::mt19937_64& gen) {
  return std::string(demo_names::kSurnames[gen() % demo_names::kSurnames.size()]) +
         demo_names::kWomen[gen() % demo_names::kWomen.size()] +
         demo_names::kWomen[gen() % demo_names::kWomen.size()];
}

std::string Phone(std::mt19937_64& gen) {
  static constexpr std::array<const char*, 4> kPrefixes = {"139", "158", "177", "187"};
  std::string p = kPrefixes[gen() % kPrefixes.size()];
  for (int i = 0; i < 8; ++i) p += static_cast<char>('0' + gen() % 10);
  return p;
}

std::optional<int64_t> UserId(store::Connection& c, const char* login) {
  auto r = c.QueryOne("SELECT id FROM users WHERE login = ?", {std::string(login)});
  if (!r) return std::nullopt;
  return r->Int(0);
}

}  // namespace

int64_t GenerateDemoPlans(store::Connection& c, const security::FieldCipher& cipher, int64_t now) {
  if (c.QueryOne("SELECT COUNT(*) FROM household_plans")->Int(0) > 0) return 0;
  const auto town = UserId(c, "town"), city = UserId(c, "city"), village = UserId(c, "village");
  if (!town || !city) return 0;
  std::mt19937_64 gen(20261204);
  std::vector<domain::KeyFamily> families;
  store::RegionNames names;
  store::ListFamilies(c, names, store::ScopeFilter::Within("/"), {}, "id",
                      {.limit = 1000, .offset = 0}, families);
  int64_t made = 0;
  for (auto& family : families) {
    if (family.colour == domain::RiskColour::kBlue) continue;
    const bool red = family.colour == domain::RiskColour::kRed;
    const int64_t written = family.colour_since + static_cast<int64_t>(1 + gen() % 2) * kDayMs;
    store::PlanRow row;
    row.family_id = family.meta.id;
    row.plan.version = 1;
    row.plan.status = domain::PlanStatus::kActive;
    row.plan.colour = family.colour;
    row.plan.focus = red ? "男方酗酒后多次动手，女方提出离婚，男方扬言报复"
                         : "夫妻因家务分工和子女教育长期争吵，近期分居";
    if (auto risk = store::FamilyRiskOfHousehold(c, family.household_id))
      row.plan.risks = risk->risks;
    row.plan.goals =
        red ? "确保女方和子女人身安全，三个月内无再次暴力" : "缓和矛盾，恢复正常沟通，子女正常就学";
    const int measures = 2 + static_cast<int>(gen() % 3);
    const int open = 1 + static_cast<int>(gen() % 2);
    const bool one_late = made % 5 == 3;  // one plan in five has a measure a few days late
    for (int i = 0; i < measures; ++i) {
      const auto& idea = kIdeas[(i + gen()) % kIdeas.size()];
      domain::Measure m;
      m.type = idea.type;
      m.unit = idea.unit;
      m.person = i % 2 ? "演示村社干部" : "演示镇街干部";
      m.detail = idea.detail;
      std::optional<int64_t> user = i % 2 ? village : town;
      if (i < measures - open) {  // done, with its result
        m.due_at = written + static_cast<int64_t>(7 + gen() % 14) * kDayMs;
        m.status = domain::MeasureStatus::kDone;
        m.result = idea.result;
      } else if (one_late && i == measures - 1) {  // still open, a few days late
        m.due_at = now - static_cast<int64_t>(1 + gen() % 5) * kDayMs;
        m.status = domain::MeasureStatus::kInProgress;
      } else {  // still open, due in the coming weeks
        m.due_at = now + static_cast<int64_t>(3 + gen() % 28) * kDayMs;
        m.status = domain::MeasureStatus::kInProgress;
      }
      row.plan.measures.push_back(std::move(m));
      row.measure_users.push_back(user);
    }
    row.author_id = *town;
    row.author_level = domain::RegionLevel::kTown;
    row.submitted_at = written;
    if (red) {
      row.countersigned_by = *city;
      row.countersigned_at = written + kDayMs / 2;
    }
    row.activated_at = red ? row.countersigned_at : written;
    // A red plan is reviewed every month: its last review a few days to three weeks ago.
    row.last_review_at =
        red ? std::max(row.activated_at, now - static_cast<int64_t>(3 + gen() % 18) * kDayMs)
            : row.activated_at;
    row.review_due = domain::NextReviewDue(family.colour, row.last_review_at).value_or(0);
    domain::SafetyPlan safety;
    safety.contacts.push_back({Name(gen), gen() % 2 ? "姐姐" : "邻居", Phone(gen)});
    safety.code_word = gen() % 2 ? "买酱油" : "晒被子";
    safety.safe_place = "村妇联主席家，或镇妇联维权站";
    safety.notes = "身份证、户口本复印件和少量现金放在娘家";
    store::InsertPlan(c, cipher, row, safety, row.activated_at);
    family.plan_due_at = 0;
    store::SaveFamily(c, cipher, family, row.activated_at);
    ++made;
  }
  for (const auto& family : families) store::RefreshSupervision(c, family.meta.id, now);
  return made;
}

}  // namespace hejia::app
