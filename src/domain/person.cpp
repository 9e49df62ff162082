#include "domain/person.hpp"

#include <algorithm>

#include "common/clock.hpp"
#include "domain/id_card.hpp"
#include "domain/phone.hpp"

namespace hejia::domain {
namespace {

size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

FieldProblem TooLong(std::string_view field, size_t max) {
  return {std::string(field), "过长，最多 " + std::to_string(max) + " 字 / too long, at most " +
                                  std::to_string(max) + " characters"};
}

std::optional<FieldProblem> CheckBirthDate(std::string_view date, std::string_view today) {
  int y = 0, m = 0, d = 0;
  if (!ParseDate(date, y, m, d))
    return FieldProblem{"birth_date", "日期格式应为 YYYY-MM-DD / must be a real date YYYY-MM-DD"};
  if (y < 1900) return FieldProblem{"birth_date", "不能早于 1900 年 / must be 1900 or later"};
  // Both are YYYY-MM-DD, so text order is date order.
  if (date > today) return FieldProblem{"birth_date", "不能晚于今天 / cannot be in the future"};
  return std::nullopt;
}

std::optional<FieldProblem> CheckIdNumber(PersonFields& p) {
  if (p.id_number.empty()) return std::nullopt;
  auto info = ParseIdCard(p.id_number);
  if (!info)
    return FieldProblem{"id_number",
                        "身份证号码格式或校验位错误 / invalid ID number (format or check digit)"};
  if (info->birth_date != p.birth_date)
    return FieldProblem{"id_number",
                        "身份证号码中的出生日期与填写的出生日期不一致 / the birth date in the ID "
                        "number differs from birth_date"};
  if (info->female != (p.gender == "female"))
    return FieldProblem{
        "id_number",
        "身份证号码中的性别与填写的性别不一致 / the gender in the ID number differs "
        "from gender"};
  p.id_number = info->normalized;
  return std::nullopt;
}

}  // namespace

bool IsDifficultyTag(std::string_view tag) {
  return std::find(kDifficultyTags.begin(), kDifficultyTags.end(), tag) != kDifficultyTags.end();
}

std::optional<FieldProblem> NormalizeTags(std::vector<std::string>& tags, std::string_view field) {
  for (const auto& t : tags)
    if (!IsDifficultyTag(t))
      return FieldProblem{std::string(field), "未知的困境类别 / unknown tag: " + t};
  std::vector<std::string> canonical;
  for (auto known : kDifficultyTags)
    if (std::find(tags.begin(), tags.end(), known) != tags.end()) canonical.emplace_back(known);
  tags = std::move(canonical);
  return std::nullopt;
}

std::optional<FieldProblem> NormalizePerson(PersonFields& p, std::string_view today) {
  if (p.name.empty()) return FieldProblem{"name", "必填 / required"};
  if (CodePoints(p.name) > kMaxPersonName) return TooLong("name", kMaxPersonName);
  if (p.gender != "female" && p.gender != "male")
    return FieldProblem{"gender", "应为 female 或 male / must be female or male"};
  if (auto problem = CheckBirthDate(p.birth_date, today)) return problem;
  if (auto problem = CheckIdNumber(p)) return problem;
  if (!p.phone.empty()) {
    auto phone = NormalizePhone(p.phone);
    if (!phone)
      return FieldProblem{"phone",
                          "不是有效的手机或固定电话号码 / not a valid mainland phone number"};
    p.phone = *phone;
  }
  if (CodePoints(p.address_detail) > kMaxAddressDetail)
    return TooLong("address_detail", kMaxAddressDetail);
  if (auto problem = NormalizeTags(p.tags, "tags")) return problem;
  if (CodePoints(p.relation) > kMaxRelation) return TooLong("relation", kMaxRelation);
  return std::nullopt;
}

std::optional<FieldProblem> NormalizeHousehold(HouseholdFields& h) {
  if (h.address_detail.empty()) return FieldProblem{"address_detail", "必填 / required"};
  if (CodePoints(h.address_detail) > kMaxAddressDetail)
    return TooLong("address_detail", kMaxAddressDetail);
  if (CodePoints(h.head_name) > kMaxHeadName) return TooLong("head_name", kMaxHeadName);
  return NormalizeTags(h.tags, "tags");
}

bool PossibleDuplicate(const IdentityKey& a, const IdentityKey& b) {
  if (!a.id_number.empty() && a.id_number == b.id_number) return true;
  return !a.phone.empty() && a.phone == b.phone && !a.name.empty() && a.name == b.name &&
         !a.birth_date.empty() && a.birth_date == b.birth_date;
}

std::optional<int> AgeOn(std::string_view birth_date, std::string_view today) {
  int by, bm, bd, ty, tm, td;
  if (!ParseDate(birth_date, by, bm, bd) || !ParseDate(today, ty, tm, td)) return std::nullopt;
  int age = ty - by;
  if (tm < bm || (tm == bm && td < bd)) --age;
  if (age < 0) return std::nullopt;
  return age;
}

}  // namespace hejia::domain
