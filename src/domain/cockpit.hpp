// 数据驾驶舱 (issue 13, point 5): the figures a leader reads for a period and a region, each one
// defined once here (its code, its tile, its kind) and computed by store/cockpit_repo. The
// snapshot is codes, names of regions and numbers only: nothing in it names a person.
//
// Kinds:
//  - flow: what happened in the period (cases received, households visited);
//  - stock: a state at a moment, the period's end where history is kept (volunteers serving),
//    else now (rooms, grid coverage, key families), as `stock_at` says;
//  - ratio: numerator / denominator, two other figures of the catalogue;
//  - median: of durations, in hours, with `n` the number of durations;
//  - target: a goal set for the period (the campaign's school lectures).
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/reporting_period.hpp"

namespace hejia::domain {

enum class FigureKind { kFlow, kStock, kRatio, kMedian, kTarget };
std::string_view ToString(FigureKind kind);

/// Where a stock is taken: at the period's end (history kept) or now (no history).
enum class StockAt { kNone, kPeriodEnd, kNow };
std::string_view ToString(StockAt at);

struct FigureDef {
  std::string code;      ///< "requests.received"
  std::string tile;      ///< "requests"
  std::string label_zh;  ///< "受理求助"
  std::string label_en;  ///< "Requests received"
  std::string unit_zh;   ///< "件"
  FigureKind kind = FigureKind::kFlow;
  StockAt stock_at = StockAt::kNone;
  std::string numerator, denominator;  ///< ratios: figure codes
  /// Additive figures: units (own row included) and months sum to the total. Distinct counts
  /// (households) add up over units but not over months; ratios and medians add up over nothing.
  bool additive_units = true, additive_months = true;
  bool has_months = true;  ///< stocks without history have no trend
};

struct TileDef {
  std::string code, label_zh, label_en;
};

/// Every figure, in display order; tiles in display order.
const std::vector<FigureDef>& CockpitCatalogue();
const std::vector<TileDef>& CockpitTiles();
/// nullptr when there is no such figure.
const FigureDef* FindFigure(std::string_view code);

/// One figure's numbers. nullopt: no value (a ratio over zero, a median of nothing).
struct FigureCells {
  std::optional<double> total, last_year;
  int64_t n = 0, last_year_n = 0;                                   ///< medians: how many durations
  std::map<std::string, std::optional<double>, std::less<>> units;  ///< by unit code
  /// The same days a year earlier, by unit (figures without a last year: empty).
  std::map<std::string, std::optional<double>, std::less<>> last_year_units;
  std::vector<std::optional<double>> months, last_year_months;  ///< by CockpitSnapshot::months
};

struct CockpitUnit {
  std::string code, name, level;
  bool own = false;  ///< the region's own row: records placed at the region itself
};

struct CockpitSnapshot {
  DayRange period, compare;
  int64_t as_of = 0;
  uint64_t generation = 0;
  std::string region_code, region_name, region_level;
  std::vector<CockpitUnit> units;   ///< own row first, then the children by code
  std::vector<std::string> months;  ///< "YYYY-MM" of the period; last year's are the same months
  std::map<std::string, FigureCells, std::less<>> figures;  ///< by FigureDef::code

  /// Fills every ratio's cells from its numerator and denominator (total, last year, units,
  /// months). Called once the counts are in.
  void FinishRatios();
  /// Takes the figures of `part`, a copy of the same frame computed for other figures.
  void Merge(CockpitSnapshot&& part);
  /// The cells of `code`; an empty set when the figure is unknown.
  const FigureCells& Cells(std::string_view code) const;
};

}  // namespace hejia::domain
