// The demo city's key families (三色预警): the article's 59, spread over the towns' households —
// 7 red, 16 yellow and 36 blue — each listed in the last five months with the checklist that
// suggests its colour, listed by the city's demo account, and contacted since on its colour's
// rhythm (a few are late now). Deterministic; households and their names are the generated ones (no
// real person's data).
#include <algorithm>
#include <array>
#include <random>
#include <string>
#include <vector>

#include "app/demo_city.hpp"
#include "domain/key_family_record.hpp"
#include "store/key_family_repo.hpp"
#include "store/scope.hpp"

namespace hejia::app {
namespace {

constexpr int64_t kDayMs = 24LL * 60 * 60 * 1000;
constexpr int kFamilies = 59, kRed = 7, kYellow = 16;

using F = domain::RiskFactor;
using A = domain::RiskAnswer;

/// A checklist that suggests `colour`, with a few factors still unknown.
domain::RiskChecklist ChecklistFor(domain::RiskColour colour, std::mt19937_64& gen) {
  domain::RiskChecklist c;
  for (auto f : domain::kRiskFactors) c.Set(f, gen() % 4 == 0 ? A::kUnknown : A::kNo);
  switch (colour) {
    case domain::RiskColour::kRed: {
      constexpr std::array kLethal{F::kThreatsToKill, F::kStrangulation, F::kWeapon};
      c.Set(kLethal[gen() % kLethal.size()], A::kYes).Set(F::kEscalation, A::kYes);
      break;
    }
    case domain::RiskColour::kYellow:
      c.Set(F::kEscalation, A::kYes).Set(F::kSeparation, A::kYes);
      if (gen() % 2) c.Set(F::kChildren, A::kYes);
      break;
    case domain::RiskColour::kBlue:
      c.Set(gen() % 2 ? F::kAlcoholDrugs : F::kEarlierPoliceCalls, A::kYes);
      break;
  }
  return c;
}

struct DemoContact {
  domain::FamilyContactKind kind;
  int64_t at;
};

/// The contacts of a family listed at `listed`, oldest first: calls and visits on its colour's
/// rhythm (a little early, as people do), the city's visit of a red family every month. The
/// `i`th family of every eight stopped a while ago, so its contact is overdue now (the
/// supervision mark shows a few late families, not a city gone red).
std::vector<DemoContact> ContactsFor(domain::RiskColour colour, int64_t listed, int64_t now, int i,
                                     std::mt19937_64& gen) {
  const auto& rule = domain::KeyFamilySettings{}.For(colour);
  const bool late = i % 8 == 5;
  const int64_t until =
      late ? now - static_cast<int64_t>(rule.contact_days + 1 + gen() % 6) * kDayMs : now;
  std::vector<DemoContact> out;
  int64_t at = listed, city_visit = listed;
  for (int n = 0;; ++n) {
    const int64_t gap = rule.contact_days * kDayMs * static_cast<int64_t>(60 + gen() % 36) / 100;
    at += gap + static_cast<int64_t>(gen() % (6 * 60)) * 60 * 1000;  // and a few hours
    if (at > until) break;
    auto kind = n % 2 ? domain::FamilyContactKind::kVisit : domain::FamilyContactKind::kContact;
    if (rule.city_visit_days > 0 && at - city_visit >= (rule.city_visit_days - 8) * kDayMs) {
      kind = domain::FamilyContactKind::kCityVisit;
      city_visit = at;
    }
    out.push_back({kind, at});
  }
  // A late family's last contact is exactly `until`: overdue now by one to six days.
  if (late && (out.empty() || out.back().at < until))
    out.push_back({domain::FamilyContactKind::kContact, until});
  return out;
}

}  // namespace

int64_t GenerateDemoFamilies(store::Connection& c, const security::FieldCipher& cipher,
                             int64_t now) {
  if (c.QueryOne("SELECT COUNT(*) FROM key_families")->Int(0) > 0) return 0;
  const auto city = c.QueryOne("SELECT id FROM users WHERE login = 'city'");
  if (!city) return 0;
  const int64_t by = city->Int(0);
  std::vector<int64_t> households;
  for (const auto& r : c.Query("SELECT id FROM households ORDER BY id"))
    households.push_back(r.Int(0));
  if (households.size() < static_cast<size_t>(kFamilies)) return 0;

  std::mt19937_64 gen(20261203);
  const auto everywhere = store::ScopeFilter::Within("/");
  const size_t step = households.size() / kFamilies;
  int64_t made = 0;
  for (int i = 0; i < kFamilies; ++i) {
    const auto household = store::FindListableHousehold(c, everywhere, households[i * step]);
    if (!household) continue;
    const auto colour = i < kRed             ? domain::RiskColour::kRed
                        : i < kRed + kYellow ? domain::RiskColour::kYellow
                                             : domain::RiskColour::kBlue;
    const int64_t listed = now - static_cast<int64_t>(5 + gen() % 150) * kDayMs;
    domain::KeyFamily family;
    family.name = household->head_name;
    family.region = household->grid;
    family.household_id = household->id;
    family.source = domain::kListingSources[gen() % domain::kListingSources.size()];
    family.listed_at = listed;
    domain::TakeColour(family, colour, listed);
    family.assessed_at = listed;
    const auto contacts = ContactsFor(colour, listed, now, i, gen);
    for (const auto& contact : contacts)
      domain::RecordContact(family, contact.kind, contact.at, false);
    const int64_t id = store::InsertFamily(c, cipher, family, listed);
    const auto answers = ChecklistFor(colour, gen);
    const auto suggestion = domain::SuggestColour(answers);
    const int64_t assessment = store::InsertAssessment(c, cipher,
                                                       {.family_id = id,
                                                        .answers = answers,
                                                        .score = suggestion.score.score,
                                                        .suggested = suggestion.colour,
                                                        .chosen = colour,
                                                        .occasion = "listing",
                                                        .reason = "",
                                                        .notes = "",
                                                        .assessed_by = by,
                                                        .assessed_at = listed});
    store::InsertColourChange(c, cipher,
                              {.family_id = id,
                               .kind = "list",
                               .to = std::string(domain::ToString(colour)),
                               .outcome = "effective",
                               .assessment_id = assessment,
                               .requested_by = by,
                               .requested_at = listed,
                               .decided_at = listed,
                               .reason = "演示数据"});
    for (const auto& contact : contacts)
      store::InsertContact(c, cipher,
                           {.household_id = household->id,
                            .kind = contact.kind,
                            .at = contact.at,
                            .by = by,
                            .note = std::string(contact.kind == domain::FamilyContactKind::kContact
                                                    ? "电话回访，情况稳定（演示）"
                                                    : "入户走访，家中平静（演示）")},
                           now);
    ++made;
  }
  return made;
}

}  // namespace hejia::app
