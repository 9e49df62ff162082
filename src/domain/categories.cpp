#include "domain/categories.hpp"

namespace hejia::domain {

const std::vector<CategoryInfo>& AllCategories() {
  static const std::vector<CategoryInfo> kCategories = {
      {"marriage", "婚姻情感", "Marriage and relationships"},
      {"divorce_property", "离婚及财产分割", "Divorce and property division"},
      {"child_support", "抚养与探望", "Child support and visitation"},
      {"elder_support", "赡养", "Elder support"},
      {"inheritance", "继承", "Inheritance"},
      {"bride_price", "彩礼", "Bride price"},
      {"in_law", "婆媳及代际", "In-law and generational"},
      {"domestic_violence", "家庭暴力相关", "Domestic violence related"},
      {"minors", "未成年人保护", "Protection of minors"},
      {"neighbours", "邻里纠纷", "Neighbours"},
      {"other", "其他", "Other"},
  };
  return kCategories;
}

bool IsCategory(std::string_view code) {
  return FindCode(AllCategories(), code) != nullptr;
}

const std::vector<CodeLabel>& AllSeverities() {
  static const std::vector<CodeLabel> kSeverities = {
      {"normal", "一般", "Normal"},
      {"serious", "较重", "Serious"},
      {"critical", "重大", "Critical"},
  };
  return kSeverities;
}

bool IsSeverity(std::string_view code) {
  return FindCode(AllSeverities(), code) != nullptr;
}

const std::vector<CodeLabel>& AllChannels() {
  static const std::vector<CodeLabel> kChannels = {
      {"portal", "网上求助", "Public portal"},
      {"hotline", "12338 热线", "12338 hotline"},
      {"walk_in", "来访", "Walk-in"},
      {"consultation", "在线咨询", "Online consultation"},
      {"odr_platform", "在线矛盾纠纷多元化解平台", "Online dispute-resolution platform"},
      {"police", "警情推送", "Police push"},
      {"grid_report", "格姐走访", "Grid sister's report"},
  };
  return kChannels;
}

bool IsChannel(std::string_view code) {
  return FindCode(AllChannels(), code) != nullptr;
}

const std::vector<CodeLabel>& AllMediatorTypes() {
  static const std::vector<CodeLabel> kTypes = {
      {"social_worker", "社工", "Social worker"},
      {"psychological_counsellor", "心理咨询师", "Psychological counsellor"},
      {"police_officer", "民警", "Police officer"},
      {"judge", "法官", "Judge"},
      {"prosecutor", "检察官", "Prosecutor"},
      {"lawyer", "律师", "Lawyer"},
      {"peace_sister", "和姐", "Peace sister"},
  };
  return kTypes;
}

bool IsMediatorType(std::string_view code) {
  return FindCode(AllMediatorTypes(), code) != nullptr;
}

const std::vector<CodeLabel>& AllRiskLevels() {
  static const std::vector<CodeLabel> kLevels = {
      {"none", "无风险", "None"},
      {"low", "低风险", "Low"},
      {"medium", "中风险", "Medium"},
      {"high", "高风险", "High"},
  };
  return kLevels;
}

bool IsRiskLevel(std::string_view code) {
  return FindCode(AllRiskLevels(), code) != nullptr;
}

const CodeLabel* FindCode(const std::vector<CodeLabel>& vocabulary, std::string_view code) {
  for (const auto& entry : vocabulary)
    if (entry.code == code) return &entry;
  return nullptr;
}

}  // namespace hejia::domain
