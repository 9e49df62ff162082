// 数据驾驶舱 (issue 13, point 5): GET /cockpit, every figure of domain::CockpitCatalogue for a
// period and a region, one level down and by month against last year; and GET /cockpit/report,
// the 月报 of the same figures as PDF or XLSX. Aggregates only: codes, region names, numbers.
//
// Each figure names the list that opens its records (`list`: path, fixed query, what to count),
// and the list is offered only to a caller whose role may read it: a leader and the hall's big
// screen get `list: null` everywhere. The lists are the existing masked, scoped, audited routes
// with the same conditions as the figures (store/cockpit_repo.cpp), so a tile equals its list's
// total for the same period and region (tests/api/cockpit_test.cpp walks them all).
//
// The figures of a city over a year are computed on a reader in well under a second and kept
// (CockpitCache): a request serves the kept snapshot while no write happened, or for a few
// seconds after one (`stale: true`, ApiSettings::cockpit_stale_ms), so that creates running all
// day never make every request recompute.
#include <spdlog/spdlog.h>
#include <atomic>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/this_coro.hpp>
#include <cmath>
#include <map>
#include <memory>
#include <mutex>

#include "api/case_common.hpp"
#include "api/cockpit_cache.hpp"
#include "api/cockpit_lists.hpp"
#include "api/cockpit_report_xlsx.hpp"
#include "api/people_common.hpp"
#include "api/routes.hpp"
#include "api/routes_kit.hpp"
#include "api/schema.hpp"
#include "common/clock.hpp"
#include "common/error.hpp"
#include "domain/roles.hpp"
#include "pdf/cockpit_report_pdf.hpp"
#include "store/case_list_repo.hpp"
#include "store/cockpit_repo.hpp"
#include "store/list_cache.hpp"
#include "store/region_repo.hpp"
#include "store/scoped_list.hpp"
#include "store/settings_repo.hpp"

namespace hejia::api {

namespace {

using namespace asio::experimental::awaitable_operators;

constexpr int64_t kDayMs = 24LL * 3600 * 1000;
constexpr int64_t kFreshMs = 60'000;  // kept at most this long without writes
// A month that has ended changes little: its report's figures are kept this long, writes or not
// (the report prints the time they are of).
constexpr int64_t kEndedMonthMs = 10 * 60'000;
constexpr int64_t kMaxPeriodDays = 366;  // a trend of at most 13 months

CockpitCache& Cache() {
  static CockpitCache cache;
  return cache;
}

/// The answers already written of a kept snapshot, by what they depend on besides it (the role:
/// which lists it may open; stale or not): a request of a kept snapshot copies text instead of
/// writing some 50 KB of JSON again.
class AnswerTexts {
 public:
  std::shared_ptr<const std::string> Find(const domain::CockpitSnapshot* snap,
                                          const std::string& key) {
    std::lock_guard lock(mu_);
    const auto it = by_snapshot_.find(snap);
    if (it == by_snapshot_.end() || it->second.snapshot.lock().get() != snap) return nullptr;
    const auto text = it->second.texts.find(key);
    return text == it->second.texts.end() ? nullptr : text->second;
  }

  void Keep(const std::shared_ptr<const domain::CockpitSnapshot>& snap, const std::string& key,
            std::shared_ptr<const std::string> text) {
    std::lock_guard lock(mu_);
    if (by_snapshot_.size() >= 64) by_snapshot_.clear();
    auto& entry = by_snapshot_[snap.get()];
    if (entry.snapshot.lock() != snap) entry = Entry{snap, {}};
    entry.texts[key] = std::move(text);
  }

 private:
  struct Entry {
    std::weak_ptr<const domain::CockpitSnapshot> snapshot;
    std::map<std::string, std::shared_ptr<const std::string>> texts;
  };
  std::mutex mu_;
  std::map<const domain::CockpitSnapshot*, Entry> by_snapshot_;
};

AnswerTexts& Texts() {
  static AnswerTexts texts;
  return texts;
}

/// The period of the query: whole Beijing days, `to` inclusive; by default the reporting year.
domain::DayRange PeriodOf(const http::Request& req, int64_t now) {
  domain::DayRange out = domain::ReportingYearDays(now);
  const auto given = ParseOptionalPeriod(req);
  if (given.from) out.from = *given.from;
  if (given.to) out.to = *given.to;
  if (out.to <= out.from) throw Invalid("to", "结束日期早于开始日期 / `to` is before `from`");
  if ((out.to - out.from) / kDayMs > kMaxPeriodDays)
    throw Invalid("to", "统计期间最长一年 / the period may span at most a year");
  return out;
}

/// What computing a snapshot starts from (read on one reader before the parts).
struct SnapshotStart {
  std::string key;
  std::shared_ptr<const domain::CockpitSnapshot> kept;
  bool refresh = false;
  store::CockpitInput in;
  domain::CockpitSnapshot frame;
  uint64_t generation = 0;
};

/// Computes the snapshot of `start` on `readers` readers (1 or 2; with two, they take
/// store::ComputeCockpitPart's parts in turn: a city's year in about half the time of one reader
/// alone) and keeps it.
asio::awaitable<std::shared_ptr<const domain::CockpitSnapshot>> Compute(Services& s,
                                                                        const SnapshotStart& start,
                                                                        int readers) {
  try {
    std::atomic<size_t> next{0};
    auto work = [&](store::Connection& c) {
      domain::CockpitSnapshot part = start.frame;
      for (size_t i = next++; i < store::kCockpitParts; i = next++)
        store::ComputeCockpitPart(c, start.in, i, part);
      return part;
    };
    domain::CockpitSnapshot snap;
    if (readers >= 2) {
      auto [one, other] = co_await (s.db.Read(work) && s.db.Read(work));
      one.Merge(std::move(other));
      snap = std::move(one);
    } else {
      snap = co_await s.db.Read(work);
    }
    snap.FinishRatios();
    snap.generation = start.generation;
    auto kept = std::make_shared<const domain::CockpitSnapshot>(std::move(snap));
    if (s.settings.cockpit_stale_ms > 0) Cache().Keep(start.key, kept);
    co_return kept;
  } catch (...) {
    Cache().Failed(start.key);
    throw;
  }
}

/// A kept snapshot's refresh, in the background on one reader (the other serves meanwhile).
asio::awaitable<void> Refresh(Services& s, SnapshotStart start) {
  try {
    co_await Compute(s, start, 1);
  } catch (const std::exception& e) {
    spdlog::warn("cockpit: refreshing the figures failed: {}", e.what());
  }
}

struct SnapshotWay {
  bool ended_month = false;  ///< a month's report: kept kEndedMonthMs, writes or not
  int readers = 2;           ///< 1 for work in the background
};

/// The snapshot of a scope and period: a kept one (refreshed in the background when stale, see
/// api/cockpit_cache.hpp), or one computed now.
asio::awaitable<std::shared_ptr<const domain::CockpitSnapshot>> Snapshot(
    Services& s, const http::Principal& caller, const std::optional<std::string>& region,
    const domain::DayRange& period, int64_t now, bool& stale, SnapshotWay way = {}) {
  // Without a stale allowance (the tests), every answer is computed: a write is seen at once.
  const bool cached = s.settings.cockpit_stale_ms > 0;
  SnapshotStart start = co_await s.db.Read([&](store::Connection& c) {
    SnapshotStart out;
    const ScopeFilter scope = people::RequestScope(c, caller, region);
    out.key = scope.lower + '|' + std::to_string(period.from) + '|' + std::to_string(period.to);
    const uint64_t generation = store::ListGeneration();
    auto found =
        !cached ? CockpitCache::Found{}
        : way.ended_month
            ? Cache().Find(out.key, now, generation, kEndedMonthMs, kEndedMonthMs)
            : Cache().Find(out.key, now, generation, s.settings.cockpit_stale_ms, kFreshMs);
    stale = found.stale;
    out.kept = std::move(found.snapshot);
    out.refresh = found.refresh;
    if (out.kept && !out.refresh) return out;
    try {
      const auto codes = domain::CodesOnPath(scope.lower);
      const auto row =
          codes.empty() ? std::nullopt : store::FindRegion(c, std::string_view(codes.back()));
      if (!row) throw NotFound("区划不存在 / no such region");
      out.in = store::CockpitInput{
          .scope = ScopeFilter::Within(scope.lower),
          .region_code = row->code,
          .region_name = row->name,
          .level = row->level,
          .period = period,
          .compare = domain::SameDaysLastYear(period),
          .now = now,
          .max_grids_per_sister = store::LoadVolunteerSettings(c).max_grids_per_sister};
      out.generation = generation;  // before reading: a later write shows
      out.frame = store::CockpitFrame(c, out.in);
    } catch (...) {
      Cache().Failed(out.key);
      throw;
    }
    return out;
  });
  if (!start.kept) co_return co_await Compute(s, start, way.readers);
  if (start.refresh) {
    auto kept = start.kept;
    asio::co_spawn(co_await asio::this_coro::executor, Refresh(s, std::move(start)),
                   asio::detached);
    co_return kept;
  }
  co_return start.kept;
}

/// The period of the 月报 of `month` (YYYY-MM, begun): 1 January to the month's end, or to the
/// end of today while the month runs.
domain::DayRange ReportPeriod(const std::string& month, int64_t now) {
  const int64_t month_start = BeijingDateStartMillis(month + "-01");
  domain::DayRange period{BeijingDateStartMillis(month.substr(0, 4) + "-01-01"), 0};
  const auto bounds = domain::MonthBounds({month_start, month_start + 32 * kDayMs});
  period.to = std::min(bounds.size() > 2 ? bounds[1] : month_start + 31 * kDayMs,
                       BeijingDateStartMillis(FormatBeijing(now).substr(0, 10)) + kDayMs);
  return period;
}

/// Computes and keeps, on a reader and after the answer, the figures of last month's report for
/// the region the cockpit was opened on: they take seconds over a city's year, and the one who
/// opened the cockpit is the one who exports the 月报 next. Failures are dropped (the report
/// computes them again when asked).
asio::awaitable<void> PrepareLastMonthsReport(Services& s, http::Principal caller,
                                              std::optional<std::string> region, int64_t now) {
  const std::string today = FormatBeijing(now).substr(0, 10);
  const std::string last_month =
      FormatBeijing(BeijingDateStartMillis(today.substr(0, 8) + "01") - kDayMs).substr(0, 7);
  const domain::DayRange period = ReportPeriod(last_month, now);
  try {
    bool stale = false;
    co_await Snapshot(s, caller, region, period, now, stale, {.ended_month = true, .readers = 1});
  } catch (const std::exception& e) {
    spdlog::warn("cockpit: preparing last month's report failed: {}", e.what());
  }
}

json::value Number(const std::optional<double>& v, const domain::FigureDef& def) {
  if (!v) return nullptr;
  if (def.kind == domain::FigureKind::kRatio) return std::round(*v * 10000) / 10000;
  if (def.kind == domain::FigureKind::kMedian) return std::round(*v * 100) / 100;
  return static_cast<int64_t>(std::llround(*v));
}

json::object CockpitJson(const domain::CockpitSnapshot& snap, const http::Principal& caller,
                         bool stale) {
  const std::string first = domain::FirstDay(snap.period), last = domain::LastDay(snap.period);
  json::array tiles, figures, units, months;
  for (const auto& t : domain::CockpitTiles())
    tiles.push_back(
        json::object{{"code", t.code}, {"label", t.label_zh}, {"label_en", t.label_en}});
  for (const auto& def : domain::CockpitCatalogue()) {
    const auto& cells = snap.Cells(def.code);
    json::object f{{"code", def.code},
                   {"tile", def.tile},
                   {"label", def.label_zh},
                   {"label_en", def.label_en},
                   {"unit", def.unit_zh},
                   {"kind", domain::ToString(def.kind)},
                   {"stock_at", def.stock_at == domain::StockAt::kNone
                                    ? json::value(nullptr)
                                    : json::value(domain::ToString(def.stock_at))},
                   {"value", Number(cells.total, def)},
                   {"last_year", Number(cells.last_year, def)},
                   {"n", def.kind == domain::FigureKind::kMedian ? json::value(cells.n)
                                                                 : json::value(nullptr)},
                   {"of", def.kind == domain::FigureKind::kRatio
                              ? json::value(json::array{json::string(def.numerator),
                                                        json::string(def.denominator)})
                              : json::value(nullptr)},
                   {"has_months", def.has_months}};
    const auto* list = cockpit::ListOf(def.code);
    f["list"] = list && domain::RoleHas(caller.role, list->permission)
                    ? json::value(cockpit::ListJson(*list, snap.period))
                    : json::value(nullptr);
    figures.push_back(std::move(f));
  }
  for (const auto& u : snap.units) {
    json::object values, last_year;
    for (const auto& def : domain::CockpitCatalogue()) {
      const auto& cells = snap.Cells(def.code);
      if (const auto it = cells.units.find(u.code); it != cells.units.end())
        values[def.code] = Number(it->second, def);
      if (const auto it = cells.last_year_units.find(u.code); it != cells.last_year_units.end())
        last_year[def.code] = Number(it->second, def);
    }
    units.push_back(json::object{{"code", u.code},
                                 {"name", u.name},
                                 {"level", u.level},
                                 {"own", u.own},
                                 {"values", std::move(values)},
                                 {"last_year", std::move(last_year)}});
  }
  const auto bounds = domain::MonthBounds(snap.period);
  for (size_t i = 0; i < snap.months.size(); ++i) {
    json::object values, last_year;
    for (const auto& def : domain::CockpitCatalogue()) {
      const auto& cells = snap.Cells(def.code);
      if (!def.has_months || i >= cells.months.size()) continue;
      values[def.code] = Number(cells.months[i], def);
      if (i < cells.last_year_months.size())
        last_year[def.code] = Number(cells.last_year_months[i], def);
    }
    months.push_back(json::object{{"month", snap.months[i]},
                                  {"from", domain::FirstDay({bounds[i], bounds[i + 1]})},
                                  {"to", domain::LastDay({bounds[i], bounds[i + 1]})},
                                  {"values", std::move(values)},
                                  {"last_year", std::move(last_year)}});
  }
  return json::object{{"period", json::object{{"from", first}, {"to", last}}},
                      {"compare", json::object{{"from", domain::FirstDay(snap.compare)},
                                               {"to", domain::LastDay(snap.compare)}}},
                      {"region", json::object{{"code", snap.region_code},
                                              {"name", snap.region_name},
                                              {"level", snap.region_level}}},
                      {"as_of", FormatBeijing(snap.as_of)},
                      {"stale", stale},
                      {"tiles", std::move(tiles)},
                      {"figures", std::move(figures)},
                      {"units", std::move(units)},
                      {"months", std::move(months)}};
}

asio::awaitable<http::Response> GetCockpit(Services& s, http::Request& req) {
  const int64_t now = s.clock.NowMillis();
  const auto period = PeriodOf(req, now);
  const auto region = http::QueryText(req, "region", 20);
  bool stale = false;
  auto snap = co_await Snapshot(s, req.Caller(), region, period, now, stale);
  // A fresh default answer (the figures were just computed): prepare last month's report.
  if (s.settings.cockpit_stale_ms > 0 && snap->as_of == now &&
      period == domain::ReportingYearDays(now))
    asio::co_spawn(co_await asio::this_coro::executor,
                   PrepareLastMonthsReport(s, req.Caller(), region, now), asio::detached);
  const std::string key =
      std::string(domain::ToString(req.Caller().role)) + (stale ? "|stale" : "|fresh");
  auto text = Texts().Find(snap.get(), key);
  if (!text) {
    text = std::make_shared<const std::string>(
        json::serialize(CockpitJson(*snap, req.Caller(), stale)));
    Texts().Keep(snap, key, text);
  }
  co_return people::JsonText(*text);
}

/// GET /cockpit/report: the 月报 of `month` (YYYY-MM): the year to the month's end (or to today
/// in the current month), the month being the last bucket.
asio::awaitable<http::Response> GetReport(Services& s, http::Request& req) {
  const int64_t now = s.clock.NowMillis();
  const std::string month = http::QueryText(req, "month", 7).value_or("");
  const int64_t month_start = BeijingDateStartMillis(month + "-01");
  if (month.size() != 7 || month_start < 0)
    throw Invalid("month", "月份应为 YYYY-MM / month must be YYYY-MM");
  if (month_start > now) throw Invalid("month", "该月尚未开始 / that month has not begun");
  const std::string format = http::QueryText(req, "format", 4).value_or("pdf");
  if (format != "pdf" && format != "xlsx")
    throw Invalid("format", "应为 pdf 或 xlsx / must be pdf or xlsx");
  const auto region = http::QueryText(req, "region", 20);
  const domain::DayRange period = ReportPeriod(month, now);
  bool stale = false;
  auto snap = co_await Snapshot(s, req.Caller(), region, period, now, stale,
                                {.ended_month = period.to <= now});
  pdf::MonthlyReport report{.org = snap->region_name + "妇联",
                            .month = month,
                            .generated_at = snap->as_of,
                            .year = snap.get()};
  std::string bytes =
      format == "pdf" ? pdf::RenderMonthlyReportPdf(report) : RenderMonthlyReportXlsx(report);
  const std::string detail =
      "month=" + month + ";region=" + snap->region_code + ";format=" + format;
  co_await s.db.Write([&](store::Connection& c) {
    s.Audit(c, ActorOf(req), "cockpit_report", "", "export", "ok", detail);
  });
  const std::string digits = month.substr(0, 4) + month.substr(5, 2);
  http::Response res{http::bhttp::status::ok, 11};
  res.set(http::bhttp::field::content_type,
          format == "pdf" ? "application/pdf"
                          : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  res.set(http::bhttp::field::content_disposition,
          cases::ContentDisposition("report-" + digits + "." + format,
                                    snap->region_name + "妇联数据月报-" + digits + "." + format));
  res.set(http::bhttp::field::cache_control, "no-store");
  res.body() = std::move(bytes);
  res.prepare_payload();
  co_return res;
}

json::value CockpitSchema() {
  auto shape = schema::Shape(
      "period:object compare:object region:object as_of:string stale:boolean tiles:object[] "
      "figures:object[] units:object[] months:object[]");
  auto& props = shape.at("properties").as_object();
  props["period"] = schema::Shape("from to", "from to");
  props["compare"] = schema::Shape("from to", "from to");
  props["region"] = schema::Shape("code name level", "code name level");
  props["tiles"].as_object()["items"] = schema::Shape("code label label_en", "code label");
  props["figures"].as_object()["items"] = schema::Shape(
      "code tile label label_en unit kind stock_at:string? value:number? last_year:number? "
      "n:integer? of:string[]? has_months:boolean list:object?",
      "code tile label kind value list");
  props["units"].as_object()["items"] =
      schema::Shape("code name level own:boolean values:object last_year:object",
                    "code name level own values last_year");
  props["months"].as_object()["items"] = schema::Shape(
      "month from to values:object last_year:object", "month from to values last_year");
  return shape;
}

}  // namespace

void AddCockpitRoutes(http::Router& router, Services& s) {
  AreaRoutes area(router, s, "/api/v1/cockpit", "cockpit");
  area.Add(verb::get, "", "cockpit.read",
           "The cockpit's figures for a period (by default the reporting year) and a region: one "
           "level down and by month against last year (aggregates only; `list` names the records "
           "behind a figure when the caller may read them)",
           GetCockpit,
           {.query = {FirstDay("1 January of the reporting year"), LastDay("today"), kRegionQuery},
            .response_schema = CockpitSchema()});
  area.Add(verb::get, "/report", "cockpit.read",
           "The monthly report (月报) of the same figures: the year to the month's end, as PDF or "
           "XLSX (audited)",
           GetReport,
           {.query = {{"month", "string", "YYYY-MM (required)"},
                      OneOf("format", {"pdf", "xlsx"}, "pdf (default) or xlsx"),
                      kRegionQuery}});
}

}  // namespace hejia::api
