#include "domain/visit.hpp"

#include <algorithm>

#include "common/utf8.hpp"

namespace hejia::domain {

std::string_view ToString(VisitKind k) {
  switch (k) {
    case VisitKind::kMustVisit:
      return "must_visit";
    case VisitKind::kKeyFamilyContact:
      return "key_family_contact";
    case VisitKind::kIncidentFollowUp:
      return "incident_follow_up";
    case VisitKind::kCare:
      return "care";
    case VisitKind::kCaseFollowUp:
      return "case_follow_up";
  }
  return "must_visit";
}

std::string_view ToString(VisitMode m) {
  switch (m) {
    case VisitMode::kHome:
      return "home";
    case VisitMode::kPhone:
      return "phone";
    case VisitMode::kVideo:
      return "video";
  }
  return "home";
}

std::string_view ToString(VisitAction a) {
  switch (a) {
    case VisitAction::kNone:
      return "none";
    case VisitAction::kSettled:
      return "settled";
    case VisitAction::kCaseOpened:
      return "case_opened";
    case VisitAction::kAssessmentRequested:
      return "assessment_requested";
    case VisitAction::kReferral:
      return "referral";
  }
  return "none";
}

const std::vector<MustVisitSituation>& DefaultMustVisitSituations() {
  static const std::vector<MustVisitSituation> kDefault = {
      {"family_conflict", "有婚姻家庭矛盾苗头", "signs of marriage or family conflict"},
      {"domestic_violence", "遭受或疑似遭受家庭暴力", "suffering or suspected domestic violence"},
      {"hardship", "生活困难", "hardship"},
      {"illness_or_loss", "遭遇重大疾病、伤害或变故", "serious illness, injury or a major loss"},
      {"left_behind_or_alone", "留守、独居或单亲", "left behind, living alone or single parent"},
  };
  return kDefault;
}

std::optional<VisitProblem> CheckSituations(const std::vector<MustVisitSituation>& list) {
  if (list.empty() || list.size() > kSituationsCountMax)
    return VisitProblem{"situations", "五必访情形应为 1 至 12 项 / 1 to 12 situations"};
  const auto clean_label = [](const std::string& label) {
    const size_t n = Utf8CodePointCount(label);
    return n >= 1 && n <= kSituationLabelMax && label.find_first_of("\t\r\n") == std::string::npos;
  };
  for (size_t i = 0; i < list.size(); ++i) {
    const auto& s = list[i];
    const bool code_ok = !s.code.empty() && s.code.size() <= kSituationCodeMax &&
                         std::ranges::all_of(s.code, [](char c) {
                           return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
                         });
    if (!code_ok)
      return VisitProblem{"situations",
                          "情形代码应为小写字母、数字和下划线 / a code is a-z, 0-9 "
                          "and _: " +
                              s.code};
    for (size_t j = 0; j < i; ++j)
      if (list[j].code == s.code)
        return VisitProblem{"situations", "情形代码重复 / a code is given twice: " + s.code};
    if (!clean_label(s.label_zh) || !clean_label(s.label_en))
      return VisitProblem{"situations",
                          "情形名称应为 1 至 60 字 / a label is 1 to 60 characters: " + s.code};
  }
  return std::nullopt;
}

std::string FormatSituations(const std::vector<MustVisitSituation>& list) {
  std::string out;
  for (const auto& s : list) out += s.code + "\t" + s.label_zh + "\t" + s.label_en + "\n";
  return out;
}

std::vector<MustVisitSituation> ParseSituations(std::string_view stored) {
  std::vector<MustVisitSituation> out;
  while (!stored.empty()) {
    const size_t end = std::min(stored.find('\n'), stored.size());
    const std::string_view line = stored.substr(0, end);
    stored.remove_prefix(std::min(end + 1, stored.size()));
    const size_t a = line.find('\t'), b = a == line.npos ? a : line.find('\t', a + 1);
    if (b == line.npos || line.find('\t', b + 1) != line.npos) continue;
    out.push_back({std::string(line.substr(0, a)), std::string(line.substr(a + 1, b - a - 1)),
                   std::string(line.substr(b + 1))});
  }
  return out;
}

std::vector<std::string> SplitCodes(std::string_view joined) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= joined.size()) {
    const size_t end = std::min(joined.find(',', start), joined.size());
    if (end > start) out.emplace_back(joined.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

std::string JoinCodes(const std::vector<std::string>& codes,
                      const std::vector<MustVisitSituation>& known) {
  std::vector<std::string> ordered;
  for (const auto& k : known)
    if (std::ranges::find(codes, k.code) != codes.end()) ordered.push_back(k.code);
  for (const auto& c : codes)
    if (std::ranges::find(ordered, c) == ordered.end()) ordered.push_back(c);
  if (ordered.empty()) return "";
  std::string out = ",";
  for (const auto& c : ordered) out += c + ",";
  return out;
}

std::optional<VisitProblem> CheckVisit(const Visit& v,
                                       const std::vector<MustVisitSituation>& situations,
                                       int64_t now) {
  if (v.visited_at <= 0) return VisitProblem{"visited_at", "必填 / required"};
  if (v.visited_at > now + kClockSkewMs)
    return VisitProblem{"visited_at", "走访时间不能晚于现在 / the visit cannot be in the future"};
  const auto codes = SplitCodes(v.situations);
  if (v.kind == VisitKind::kMustVisit) {
    if (codes.empty())
      return VisitProblem{"situations",
                          "五必访须选择至少一种情形 / a must-visit names at least one situation"};
    for (const auto& c : codes)
      if (std::ranges::none_of(situations, [&](const auto& s) { return s.code == c; }))
        return VisitProblem{"situations", "未知的情形：" + c + " / unknown situation: " + c};
  } else if (!codes.empty()) {
    return VisitProblem{"situations", "只有五必访有情形 / only a must-visit names situations"};
  }
  if (v.problem_found && v.action == VisitAction::kNone)
    return VisitProblem{"action",
                        "发现问题须写明处置：当场化解、立案、申请评估或转介 / a problem found "
                        "needs an action: settled, case opened, assessment requested or referral"};
  if (!v.problem_found && v.action != VisitAction::kNone)
    return VisitProblem{"problem_found",
                        "有处置即应标明发现问题 / an action is taken on a problem found"};
  if (v.problem_found && v.problem.plain.empty() && v.problem.enc.empty())
    return VisitProblem{"problem", "请简述发现的问题 / describe the problem found"};
  if (v.action == VisitAction::kReferral && v.referral_to.empty())
    return VisitProblem{"referral_to", "转介须写明接收单位 / a referral names its receiver"};
  if (v.action != VisitAction::kReferral && !v.referral_to.empty())
    return VisitProblem{"referral_to", "只有转介有接收单位 / only a referral has a receiver"};
  for (char ch : v.client_id)
    if (ch < 0x21 || ch > 0x7e)
      return VisitProblem{"client_id", "客户端编号只能是可见 ASCII 字符 / printable ASCII only"};
  return std::nullopt;
}

void CompleteVisit(Visit& v, int64_t now, int64_t referral_days) {
  v.late = now - v.visited_at > kVisitLateAfterMs;
  if (v.action == VisitAction::kReferral && v.referral_due_at == 0)
    v.referral_due_at = now + referral_days * 24LL * 60 * 60 * 1000;
}

}  // namespace hejia::domain
