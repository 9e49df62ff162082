// The desk (工作台): what a staff member should do next, on her home page and as counts on the
// menu (issue 10, point 6). New requests in her area (urgent first, then the oldest), the open
// cases she handles with their next time limit, cases past a limit or under a supervision mark,
// and online consultations still unanswered. Everything honours her sight of cases; the console
// asks again when a live alert arrives and every minute while the page is visible.
#include <algorithm>
#include <boost/asio/use_awaitable.hpp>
#include <climits>

#include "api/case_json.hpp"
#include "api/json_values.hpp"
#include "api/people_common.hpp"
#include "api/routes.hpp"
#include "api/routes_kit.hpp"
#include "api/schema.hpp"
#include "common/clock.hpp"
#include "domain/desk.hpp"
#include "store/case_list_repo.hpp"
#include "store/desk_repo.hpp"

namespace hejia::api {

namespace {

constexpr int64_t kShown = 8;       // rows of each list on the desk
constexpr int64_t kMineRead = 200;  // my open cases read to order them by their next limit

std::vector<domain::CaseStatus> OpenStatuses() {
  std::vector<domain::CaseStatus> out;
  for (auto s : domain::AllCaseStatuses())
    if (domain::IsOpen(s)) out.push_back(s);
  return out;
}

json::array Items(const std::vector<store::CaseListRow>& rows, int64_t now, size_t max) {
  json::array out;
  for (size_t i = 0; i < rows.size() && i < max; ++i)
    out.push_back(cases::CaseItemJson(rows[i], now));
  return out;
}

json::object BuildDesk(store::Connection& c, const ScopeFilter& sight, int64_t user_id,
                       int64_t now) {
  const store::PageSpec shown{kShown, 0, false};
  store::CaseFilter fresh;
  fresh.statuses = {domain::CaseStatus::kRegistered};
  auto news = store::ListCases(c, sight, fresh, store::CaseSort::kUrgentFirst, shown, now);
  fresh.urgent = true;
  const int64_t urgent =
      store::ListCases(c, sight, fresh, store::CaseSort::kCreatedAt, {0, 0, false}, now).total;

  store::CaseFilter mine;
  mine.statuses = OpenStatuses();
  mine.assigned_to = user_id;
  auto my =
      store::ListCases(c, sight, mine, store::CaseSort::kCreatedAt, {kMineRead, 0, false}, now);
  // The next limit first; cases without one last, the oldest first among them.
  std::vector<std::pair<std::optional<domain::NextDue>, const store::CaseListRow*>> ordered;
  for (const auto& row : my.items) ordered.emplace_back(domain::NextDueOf(row.rec.Timers()), &row);
  std::stable_sort(ordered.begin(), ordered.end(), [](const auto& a, const auto& b) {
    const int64_t x = a.first ? a.first->at : LLONG_MAX, y = b.first ? b.first->at : LLONG_MAX;
    return x < y;
  });
  json::array my_items;
  for (size_t i = 0; i < ordered.size() && i < static_cast<size_t>(kShown); ++i) {
    json::object o = cases::CaseItemJson(*ordered[i].second, now);
    const auto& next = ordered[i].first;
    o["next_due"] = next ? json::value(json::object{{"limit", domain::ToString(next->limit)},
                                                    {"at", FormatBeijing(next->at)},
                                                    {"missed", next->at < now}})
                         : json::value(nullptr);
    my_items.push_back(std::move(o));
  }

  // Marked cases first (the level above is watching), then the rest past a limit.
  store::CaseFilter marked;
  marked.statuses = OpenStatuses();
  marked.any_supervision = true;
  auto supervised = store::ListCases(c, sight, marked, store::CaseSort::kCreatedAt, shown, now);
  store::CaseFilter late;
  late.statuses = OpenStatuses();
  late.attention = true;
  auto attention =
      store::ListCases(c, sight, late, store::CaseSort::kCreatedAt, {kShown * 2, 0, false}, now);
  std::vector<store::CaseListRow> listed = supervised.items;
  for (const auto& row : attention.items)
    if (std::none_of(listed.begin(), listed.end(),
                     [&](const auto& a) { return a.rec.id == row.rec.id; }))
      listed.push_back(row);

  const auto waiting = store::UnansweredConsultations(c, sight, user_id, now, kShown);
  json::array consultations;
  for (const auto& w : waiting.oldest)
    consultations.push_back(
        json::object{{"id", w.id},
                     {"category", w.category},
                     {"region_name", w.region_name},
                     {"created_at", FormatBeijing(w.created_at)},
                     {"answer_due_at", w.answer_due_at ? json::value(FormatBeijing(w.answer_due_at))
                                                       : json::value(nullptr)},
                     {"overdue", w.answer_due_at && w.answer_due_at < now},
                     {"urgent", w.urgent}});

  return json::object{{"at", FormatBeijing(now)},
                      {"counts", json::object{{"new_requests", news.total},
                                              {"urgent", urgent},
                                              {"my_cases", my.total},
                                              {"attention", attention.total},
                                              {"supervised", supervised.total},
                                              {"consultations", waiting.total},
                                              {"consultations_overdue", waiting.overdue},
                                              {"consultations_mine", waiting.mine}}},
                      {"new_requests", Items(news.items, now, kShown)},
                      {"my_cases", std::move(my_items)},
                      {"attention", Items(listed, now, kShown)},
                      {"consultations", std::move(consultations)}};
}

asio::awaitable<http::Response> GetDesk(Services& s, http::Request& req) {
  const ScopeFilter sight = CaseSightOf(req.Caller());
  const int64_t user_id = req.Caller().user_id;
  const int64_t now = s.clock.NowMillis();
  auto text = co_await s.db.Read(
      [&](store::Connection& c) { return json::serialize(BuildDesk(c, sight, user_id, now)); });
  co_return people::JsonText(std::move(text));
}

}  // namespace

void AddDeskRoutes(http::Router& router, Services& s) {
  AreaRoutes area(router, s, "/api/v1/desk", "desk");
  area.Add(verb::get, "", "case.read",
           "My desk: new requests in my area (urgent first), my open cases by their next time "
           "limit, cases past a limit or marked for supervision, unanswered consultations, and "
           "their counts",
           GetDesk,
           {.response_schema =
                schema::Shape("at:string counts:object new_requests:object[] my_cases:object[] "
                              "attention:object[] consultations:object[]")});
}

}  // namespace hejia::api
