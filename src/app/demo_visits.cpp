// The demo city's visits (issue 12, point 7): a reporting year of the grid sisters' must-visits
// (五必访) reaching the article's 9,785 distinct households, a few problems found (most settled on
// the spot, some referred), weekend care (周末公益) by the three levels' volunteer teams to the
// people with difficulty tags adding up to its 17,596 person-visits, and the 21 family-mediation
// training lectures for the grid sisters and peace sisters with their attendance. Visits go
// through the same store calls as the API's (the record kit, the visitors and their service
// records, the people met). Deterministic; every text is generated.
//
// The reporting year: 1 January of this year (Beijing) to now — the previous calendar year when
// fewer than 60 days of this one have passed, so the figures are whole early in January too.
#include <algorithm>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "app/demo_city.hpp"
#include "common/clock.hpp"
#include "domain/care.hpp"
#include "domain/region.hpp"
#include "domain/reporting_period.hpp"
#include "domain/training.hpp"
#include "store/care_repo.hpp"
#include "store/code_list.hpp"
#include "store/training_repo.hpp"
#include "store/trainings_table.hpp"
#include "store/visit_repo.hpp"
#include "store/visits_table.hpp"

namespace hejia::app {
namespace {

constexpr int64_t kDayMs = 24LL * 60 * 60 * 1000;

struct Household {
  int64_t id = 0;
  std::string grid_code, grid_path, grid_name, village_path, town_path;
  std::vector<std::pair<int64_t, std::vector<std::string>>> people;  // id, tags
  bool tagged = false;
};

std::string Parent(const std::string& path) {
  const size_t end = path.rfind('/', path.size() - 2);
  return path.substr(0, end + 1);
}

}  // namespace

int64_t GenerateDemoVisits(store::Connection& c, const security::FieldCipher& cipher, int64_t now,
                           const DemoScale& scale) {
  if (scale.households_visited <= 0 && scale.lectures <= 0) return 0;
  // Once: the families' contacts and the incidents' home visits, made before, are visits too.
  if (c.QueryOne("SELECT 1 FROM visits WHERE kind IN ('must_visit', 'care') LIMIT 1") ||
      c.QueryOne("SELECT 1 FROM trainings LIMIT 1"))
    return 0;
  const auto households_visited = static_cast<size_t>(scale.households_visited);
  const int64_t care_person_visits = scale.care_person_visits;
  const int lectures = scale.lectures;
  std::mt19937_64 gen(20261204);
  auto uniform = [&](int64_t lo, int64_t hi) {
    return std::uniform_int_distribution<int64_t>(lo, hi)(gen);
  };
  const domain::DayRange year = domain::ReportingYear(now);

  // The households with their people; the grid sister of every grid; the volunteer teams.
  std::vector<Household> households;
  std::map<int64_t, size_t> index;
  c.QueryEach(
      "SELECT h.id, h.grid_code, h.region_path, r.name FROM households h JOIN regions r ON "
      "r.code = h.grid_code ORDER BY h.id",
      {}, [&](const store::Row& r) {
        Household h{r.Int(0), r.Text(1), r.Text(2), r.Text(3)};
        h.village_path = Parent(h.grid_path);
        h.town_path = Parent(h.village_path);
        index[h.id] = households.size();
        households.push_back(std::move(h));
      });
  if (households.empty()) return 0;
  c.QueryEach("SELECT id, household_id, tags FROM people ORDER BY id", {},
              [&](const store::Row& r) {
                auto it = index.find(r.Int(1));
                if (it == index.end()) return;
                auto& h = households[it->second];
                h.people.push_back({r.Int(0), store::DecodeCodes(r.View(2))});
                h.tagged = h.tagged || !h.people.back().second.empty();
              });
  std::map<std::string, int64_t> sister_of_grid;
  c.QueryEach(
      "SELECT vg.grid_code, v.id FROM volunteer_grids vg JOIN volunteers v ON v.id = "
      "vg.volunteer_id WHERE v.retired = 0 ORDER BY v.id",
      {}, [&](const store::Row& r) { sister_of_grid.emplace(r.Text(0), r.Int(1)); });
  struct Team {
    int64_t id;
    std::string path;
    domain::RegionLevel level;
    std::vector<int64_t> members;
  };
  std::vector<Team> teams;
  c.QueryEach(
      "SELECT id, region_path, level FROM volunteer_teams WHERE retired = 0 AND kind = "
      "'volunteers' ORDER BY id",
      {}, [&](const store::Row& r) {
        teams.push_back(
            {r.Int(0),
             r.Text(1),
             domain::ParseRegionLevel(r.View(2)).value_or(domain::RegionLevel::kVillage),
             {}});
      });
  for (auto& t : teams)
    c.QueryEach(
        "SELECT id FROM volunteers WHERE team_id = ? AND retired = 0 AND left_at IS NULL "
        "ORDER BY id LIMIT 40",
        std::vector<store::Value>{t.id},
        [&](const store::Row& r) { t.members.push_back(r.Int(0)); });
  std::erase_if(teams, [](const Team& t) { return t.members.empty(); });

  // Which households are visited: every household with a tagged person first (weekend care goes
  // there too), then others, up to the article's 9,785.
  std::vector<size_t> order(households.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::shuffle(order.begin(), order.end(), gen);
  std::stable_partition(order.begin(), order.end(), [&](size_t i) { return households[i].tagged; });
  order.resize(std::min(order.size(), households_visited));

  const auto& situations = domain::DefaultMustVisitSituations();
  int64_t made = 0;
  auto record = [&](domain::Visit& v, const std::vector<int64_t>& volunteers,
                    const std::vector<domain::PersonMet>& people) {
    // About one visit in twenty-five is written down more than three days after it took place.
    const int64_t recorded = std::min(
        now, v.visited_at + (uniform(0, 24) == 0 ? uniform(4, 9) : uniform(0, 2)) * kDayMs +
                 uniform(1, 6) * 3600 * 1000);
    domain::CompleteVisit(v, recorded);
    store::kit::Insert(c, cipher, v, recorded);
    store::AddVisitors(c, v, {}, volunteers, uniform(3, 12) * 10, recorded);
    store::AddPeopleMet(c, v.meta.id, people);
    ++made;
  };
  auto when = [&] { return uniform(year.from + kDayMs, year.to - 3600 * 1000); };

  // The five must-visits: the grid's sister, at home mostly; one in thirty finds a problem.
  for (size_t i : order) {
    const auto& h = households[i];
    const int visits = uniform(0, 3) == 0 ? 2 : 1;
    for (int k = 0; k < visits; ++k) {
      domain::Visit v;
      v.household_id = h.id;
      v.region = {h.grid_code, h.grid_path, domain::RegionLevel::kGrid, h.grid_name};
      v.visited_at = when();
      v.kind = domain::VisitKind::kMustVisit;
      const size_t s = h.tagged ? 2 + static_cast<size_t>(uniform(0, 2)) : uniform(0, 1) ? 0 : 4;
      v.situations = "," + situations[std::min(s, situations.size() - 1)].code + ",";
      v.mode = uniform(0, 5) == 0 ? domain::VisitMode::kPhone : domain::VisitMode::kHome;
      v.people_met = "户主及家人";
      v.findings = {"家庭情况稳定，已宣传反家暴法和求助渠道", true};
      if (uniform(0, 29) == 0) {
        v.problem_found = true;
        v.problem = {"邻里因宅基地有争执", true};
        v.findings = {"双方情绪激动，经现场劝解已平复", true};
        if (uniform(0, 4) == 0) {
          v.action = domain::VisitAction::kReferral;
          v.referral_to = "镇司法所";
        } else {
          v.action = domain::VisitAction::kSettled;
        }
      }
      v.visitor_level = domain::RegionLevel::kVillage;
      std::vector<int64_t> volunteers;
      if (auto s2 = sister_of_grid.find(h.grid_code); s2 != sister_of_grid.end())
        volunteers.push_back(s2->second);
      record(v, volunteers, {});
      if (v.action == domain::VisitAction::kReferral && uniform(0, 3) != 0)
        c.Execute("UPDATE visits SET referral_answered_at = ? WHERE id = ?",
                  {std::min(now, v.visited_at + uniform(2, 12) * kDayMs), v.meta.id});
    }
  }

  // Weekend care: the teams of the household's village, town or the city visit its tagged
  // people, and give something to each; until the person-visits reach the article's 17,596.
  std::vector<size_t> cared;
  for (size_t i : order)
    if (households[i].tagged) cared.push_back(i);
  static constexpr std::string_view kCampaigns[] = {"周末公益", "巾帼暖心行动", "春节送温暖"};
  int64_t person_visits = 0;
  for (size_t round = 0; person_visits < care_person_visits && !cared.empty() && round < 1000000;
       ++round) {
    const auto& h = households[cared[round % cared.size()]];
    std::vector<domain::PersonMet> met;
    for (const auto& [id, tags] : h.people)
      if (!tags.empty() && person_visits + static_cast<int64_t>(met.size()) < care_person_visits) {
        domain::PersonMet p{id, {}, {}, tags};
        p.given.emplace_back(domain::kCareGifts[uniform(0, 2)]);
        if (uniform(0, 3) == 0)
          p.given.emplace_back(domain::kCareGifts[uniform(3, domain::kCareGifts.size() - 1)]);
        met.push_back(std::move(p));
      }
    if (met.empty()) continue;
    // The village's team mostly; the town's or the city's now and then.
    const int pick = static_cast<int>(uniform(0, 9));
    const std::string& team_path = pick < 7   ? h.village_path
                                   : pick < 9 ? h.town_path
                                              : Parent(h.town_path);
    const Team* team = nullptr;
    for (const auto& t : teams)
      if (t.path == team_path) team = &t;
    if (!team) continue;
    std::vector<domain::PersonMet> checked = met;
    domain::CheckPeopleMet(domain::VisitKind::kCare, checked);
    domain::Visit v;
    v.household_id = h.id;
    v.region = {h.grid_code, h.grid_path, domain::RegionLevel::kGrid, h.grid_name};
    v.visited_at = when();
    v.kind = domain::VisitKind::kCare;
    v.mode = domain::VisitMode::kHome;
    v.people_met = std::to_string(checked.size()) + " 人";
    v.findings = {"送去慰问品，了解生活和就医困难", true};
    v.campaign = std::string(kCampaigns[uniform(0, 2)]);
    v.team_id = team->id;
    v.visitor_level = domain::CountedLevel(team->level);
    std::vector<int64_t> volunteers;
    for (int k = 0; k < 3; ++k) {
      const int64_t m = team->members[uniform(0, static_cast<int64_t>(team->members.size()) - 1)];
      if (std::ranges::find(volunteers, m) == volunteers.end()) volunteers.push_back(m);
    }
    record(v, volunteers, checked);
    person_visits += static_cast<int64_t>(checked.size());
  }

  // The 21 family-mediation training lectures: the city's and the towns', each attended by the
  // grid sisters and peace sisters of its area.
  std::vector<std::pair<std::string, std::string>> hosts;  // code, path
  c.QueryEach(
      "SELECT code, path FROM regions WHERE retired = 0 AND level IN ('city', 'town') "
      "ORDER BY path",
      {}, [&](const store::Row& r) {
        hosts.push_back({r.Text(0), r.Text(1)});
      });
  static constexpr std::string_view kTopics[] = {"婚姻家庭纠纷调解技巧", "反家庭暴力法与告诫书",
                                                 "心理疏导与情绪安抚", "赡养与继承纠纷",
                                                 "调解协议的制作与司法确认"};
  for (int i = 0; i < lectures && !hosts.empty(); ++i) {
    const auto& [code, path] = hosts[static_cast<size_t>(i) % hosts.size()];
    auto region = c.QueryOne("SELECT code, path, level, name FROM regions WHERE code = ?", {code});
    domain::Training t;
    t.title = "家事调解培训讲座（第" + std::to_string(i + 1) + "期）";
    t.kind = domain::TrainingKind::kMediationLecture;
    t.held_at = year.from + (year.to - year.from) * (i + 1) / (lectures + 1);
    t.region = {region->Text(0), region->Text(1),
                domain::ParseRegionLevel(region->View(2)).value_or(domain::RegionLevel::kTown),
                region->Text(3)};
    t.speakers = "市妇联调解指导员、特邀律师";
    t.topics = std::string(kTopics[static_cast<size_t>(i) % std::size(kTopics)]);
    t.venue = t.region.name + "妇女之家";
    std::vector<int64_t> attendees;
    c.QueryEach(
        "SELECT id FROM volunteers WHERE retired = 0 AND region_path >= ? AND region_path < ? AND "
        "(grid_sister = 1 OR member_type = 'peace_sister') ORDER BY id",
        std::vector<store::Value>{path, domain::PathUpperBound(path)}, [&](const store::Row& r) {
          if (uniform(0, 9) < 7) attendees.push_back(r.Int(0));
        });
    if (attendees.size() > domain::kAttendanceMax) attendees.resize(domain::kAttendanceMax);
    t.attendance = static_cast<int64_t>(attendees.size());
    const int64_t id = store::kit::Insert(c, cipher, t, std::min(now, t.held_at + kDayMs));
    store::ReplaceAttendance(c, id, attendees);
  }
  return made;
}

}  // namespace hejia::app
