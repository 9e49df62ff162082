#include "domain/cockpit.hpp"

#include <algorithm>
#include <array>

#include "domain/person.hpp"
#include "domain/volunteer.hpp"

namespace hejia::domain {

std::string_view ToString(FigureKind kind) {
  switch (kind) {
    case FigureKind::kFlow:
      return "flow";
    case FigureKind::kStock:
      return "stock";
    case FigureKind::kRatio:
      return "ratio";
    case FigureKind::kMedian:
      return "median";
    case FigureKind::kTarget:
      return "target";
  }
  return "flow";
}

std::string_view ToString(StockAt at) {
  switch (at) {
    case StockAt::kPeriodEnd:
      return "period_end";
    case StockAt::kNow:
      return "now";
    case StockAt::kNone:
      break;
  }
  return "";
}

namespace {

struct Label {
  std::string_view code, zh, en;
};

constexpr std::array kMemberTypeLabels{
    Label{"cadre", "妇联干部", "Federation cadres"},
    Label{"executive_member", "执委", "Executive members"},
    Label{"womens_representative", "妇女代表", "Women's representatives"},
    Label{"volunteer", "巾帼志愿者", "Volunteers"}, Label{"peace_sister", "和姐", "Peace sisters"}};

constexpr std::array kCareLabels{Label{"two_cancers", "两癌", "Two cancers"},
                                 Label{"disability", "残疾", "Disability"},
                                 Label{"loss_of_self_care", "失能", "Loss of self-care"},
                                 Label{"single_parent", "单亲", "Single parent"},
                                 Label{"left_behind_woman", "留守妇女", "Left-behind women"},
                                 Label{"left_behind_child", "留守儿童", "Left-behind children"},
                                 Label{"low_income", "低收入", "Low income"},
                                 Label{"elderly_alone", "独居老人", "Elderly alone"},
                                 Label{"other", "其他", "Other"}};

static_assert(kMemberTypeLabels.size() == kMemberTypes.size());
static_assert(kCareLabels.size() == kDifficultyTags.size());

FigureDef Flow(std::string code, std::string tile, std::string zh, std::string en,
               std::string unit) {
  return FigureDef{.code = std::move(code),
                   .tile = std::move(tile),
                   .label_zh = std::move(zh),
                   .label_en = std::move(en),
                   .unit_zh = std::move(unit)};
}

FigureDef Stock(std::string code, std::string tile, std::string zh, std::string en,
                std::string unit, StockAt at) {
  FigureDef f =
      Flow(std::move(code), std::move(tile), std::move(zh), std::move(en), std::move(unit));
  f.kind = FigureKind::kStock;
  f.stock_at = at;
  f.has_months = at == StockAt::kPeriodEnd;
  f.additive_months = false;  // a stock at each month's end
  return f;
}

FigureDef Ratio(std::string code, std::string tile, std::string zh, std::string en, std::string num,
                std::string den) {
  FigureDef f = Flow(std::move(code), std::move(tile), std::move(zh), std::move(en), "%");
  f.kind = FigureKind::kRatio;
  f.numerator = std::move(num);
  f.denominator = std::move(den);
  f.additive_units = f.additive_months = false;
  return f;
}

FigureDef Median(std::string code, std::string tile, std::string zh, std::string en) {
  FigureDef f = Flow(std::move(code), std::move(tile), std::move(zh), std::move(en), "小时");
  f.kind = FigureKind::kMedian;
  f.additive_units = f.additive_months = false;
  return f;
}

std::vector<FigureDef> Build() {
  std::vector<FigureDef> out;
  const auto end = StockAt::kPeriodEnd, now = StockAt::kNow;
  out.push_back(
      Stock("volunteers.serving", "volunteers", "在册志愿者", "Volunteers serving", "人", end));
  for (const auto& l : kMemberTypeLabels) {
    out.push_back(Stock("volunteers.type." + std::string(l.code), "volunteers", std::string(l.zh),
                        std::string(l.en), "人", end));
    out.back().has_months = false;  // the trend is of all serving volunteers
  }
  out.push_back(Stock("coverage.grids", "coverage", "网格", "Grids", "个", now));
  out.push_back(
      Stock("coverage.covered", "coverage", "有格姐的网格", "Grids with a sister", "个", now));
  out.push_back(Ratio("coverage.rate", "coverage", "网格覆盖率", "Grid coverage",
                      "coverage.covered", "coverage.grids"));
  out.back().has_months = false;
  out.push_back(Stock("sites.demonstration", "sites", "示范调解室（镇村）",
                      "Demonstration sites (towns and villages)", "个", now));
  out.push_back(Stock("sites.town", "sites", "镇级示范调解室", "Town sites", "个", now));
  out.push_back(Stock("sites.village", "sites", "村级示范调解室", "Village sites", "个", now));
  out.push_back(Flow("requests.received", "requests", "受理求助", "Requests received", "件"));
  out.push_back(Flow("requests.accepted", "requests", "立案受理", "Accepted", "件"));
  out.push_back(Flow("requests.resolved", "requests", "成功化解", "Resolved", "件"));
  out.push_back(Ratio("requests.resolution_rate", "requests", "化解率", "Resolution rate",
                      "requests.resolved", "requests.accepted"));
  out.push_back(
      Flow("requests.night_clinic", "requests", "法律夜诊受理", "Night clinic requests", "件"));
  out.push_back(Ratio("requests.night_share", "requests", "夜诊占比", "Night clinic share",
                      "requests.night_clinic", "requests.received"));
  out.push_back(Flow("incidents.received", "incidents", "警情推送", "Police incidents", "起"));
  out.push_back(
      Flow("incidents.pushes_due", "incidents", "到期推送", "Pushes past their limits", "次"));
  out.push_back(Flow("incidents.pushes_on_time", "incidents", "全程及时推送",
                     "Pushes handled in time", "次"));
  out.push_back(Ratio("incidents.on_time_rate", "incidents", "推送处置及时率", "Push timeliness",
                      "incidents.pushes_on_time", "incidents.pushes_due"));
  out.push_back(Stock("families.total", "families", "重点家庭", "Key families", "户", now));
  out.push_back(Stock("families.red", "families", "红色", "Red", "户", now));
  out.push_back(Stock("families.yellow", "families", "黄色", "Yellow", "户", now));
  out.push_back(Stock("families.blue", "families", "蓝色", "Blue", "户", now));
  out.push_back(Stock("families.overdue", "families", "联系逾期", "Contacts overdue", "户", now));
  out.push_back(Flow("visits.households", "visits", "走访户数（必访）",
                     "Households visited (must-visits)", "户"));
  out.back().additive_months = false;  // distinct households: a household visited twice counts once
  out.push_back(Flow("visits.problems", "visits", "走访发现问题", "Problems found", "件"));
  out.push_back(Flow("visits.settled", "visits", "问题当场化解", "Settled on the spot", "件"));
  out.push_back(Flow("care.person_visits", "care", "关爱帮扶", "Care person-visits", "人次"));
  for (const auto& l : kCareLabels)
    out.push_back(Flow("care.category." + std::string(l.code), "care", std::string(l.zh),
                       std::string(l.en), "人次"));
  out.push_back(
      Flow("training.lectures", "training", "调解培训讲座", "Mediation training lectures", "场"));
  out.push_back(Flow("legal.school_lectures", "legal", "法治进校园讲座", "School lectures", "场"));
  FigureDef target = Flow("legal.school_target", "legal", "讲座目标", "Lecture target", "场");
  target.kind = FigureKind::kTarget;
  target.has_months = false;
  out.push_back(std::move(target));
  out.push_back(Flow("legal.videos", "legal", "普法视频", "Videos published", "部"));
  out.push_back(Flow("consult.received", "consult", "网上咨询", "Online consultations", "件"));
  out.push_back(Flow("consult.answered", "consult", "已答复", "Answered", "件"));
  out.push_back(
      Median("consult.median_hours", "consult", "答复用时中位数", "Median time to answer"));
  out.push_back(Flow("hotline.calls", "consult", "12338来电", "12338 calls", "通"));
  out.push_back(Flow("hotline.call_backs", "consult", "已回电", "Called back", "通"));
  out.push_back(Median("hotline.median_call_back_hours", "consult", "回电用时中位数",
                       "Median time to call back"));
  return out;
}

}  // namespace

const std::vector<FigureDef>& CockpitCatalogue() {
  static const std::vector<FigureDef> all = Build();
  return all;
}

const std::vector<TileDef>& CockpitTiles() {
  static const std::vector<TileDef> all{{"requests", "求助受理", "Help requests"},
                                        {"volunteers", "志愿队伍", "Volunteers"},
                                        {"coverage", "网格覆盖", "Grid coverage"},
                                        {"sites", "示范调解室", "Demonstration sites"},
                                        {"families", "重点家庭", "Key families"},
                                        {"visits", "入户走访", "Home visits"},
                                        {"care", "关爱帮扶", "Care"},
                                        {"incidents", "警情推送", "Police incidents"},
                                        {"training", "调解培训", "Mediation training"},
                                        {"legal", "普法宣传", "Legal education"},
                                        {"consult", "咨询与热线", "Consultations and hotline"}};
  return all;
}

const FigureDef* FindFigure(std::string_view code) {
  const auto& all = CockpitCatalogue();
  const auto it =
      std::find_if(all.begin(), all.end(), [&](const FigureDef& f) { return f.code == code; });
  return it == all.end() ? nullptr : &*it;
}

namespace {

std::optional<double> Divide(const std::optional<double>& num, const std::optional<double>& den) {
  if (!num || !den || *den == 0) return std::nullopt;
  return *num / *den;
}

}  // namespace

void CockpitSnapshot::Merge(CockpitSnapshot&& part) {
  for (auto& [code, cells] : part.figures) figures.insert_or_assign(code, std::move(cells));
}

void CockpitSnapshot::FinishRatios() {
  for (const auto& def : CockpitCatalogue()) {
    if (def.kind != FigureKind::kRatio) continue;
    const FigureCells num = Cells(def.numerator), den = Cells(def.denominator);
    FigureCells out;
    out.total = Divide(num.total, den.total);
    out.last_year = Divide(num.last_year, den.last_year);
    for (const auto& u : units) {
      const auto n = num.units.find(u.code), d = den.units.find(u.code);
      out.units[u.code] = Divide(n == num.units.end() ? std::nullopt : n->second,
                                 d == den.units.end() ? std::nullopt : d->second);
      const auto ln = num.last_year_units.find(u.code), ld = den.last_year_units.find(u.code);
      if (ln != num.last_year_units.end() && ld != den.last_year_units.end())
        out.last_year_units[u.code] = Divide(ln->second, ld->second);
    }
    if (def.has_months) {
      auto at = [](const std::vector<std::optional<double>>& v, size_t i) {
        return i < v.size() ? v[i] : std::nullopt;
      };
      for (size_t i = 0; i < months.size(); ++i) {
        out.months.push_back(Divide(at(num.months, i), at(den.months, i)));
        out.last_year_months.push_back(
            Divide(at(num.last_year_months, i), at(den.last_year_months, i)));
      }
    }
    figures[def.code] = std::move(out);
  }
}

const FigureCells& CockpitSnapshot::Cells(std::string_view code) const {
  static const FigureCells empty;
  const auto it = figures.find(code);
  return it == figures.end() ? empty : it->second;
}

}  // namespace hejia::domain
