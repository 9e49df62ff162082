#include "domain/party.hpp"

#include <algorithm>

#include "common/utf8.hpp"
#include "domain/id_card.hpp"
#include "domain/phone.hpp"

namespace hejia::domain {

namespace {

struct RoleCode {
  PartyRole role;
  std::string_view code;
};
constexpr RoleCode kRoles[] = {{PartyRole::kApplicant, "applicant"},
                               {PartyRole::kRespondent, "respondent"},
                               {PartyRole::kOther, "other"}};

// The text checks of a case's free text: valid UTF-8, at most `max` characters, no control
// characters (a name, an address and a relation are one line).
std::optional<std::string> LineProblem(std::string_view text, size_t max) {
  if (!IsValidUtf8(text)) return "文本编码无效 / text is not valid UTF-8";
  if (Utf8CodePointCount(text) > max)
    return "过长（最多 " + std::to_string(max) + " 字）/ too long (at most " + std::to_string(max) +
           " characters)";
  for (unsigned char ch : text)
    if (ch < 0x20 || ch == 0x7f) return "含有控制字符 / contains control characters";
  return std::nullopt;
}

}  // namespace

const std::vector<PartyRole>& AllPartyRoles() {
  static const std::vector<PartyRole> kAll = {PartyRole::kApplicant, PartyRole::kRespondent,
                                              PartyRole::kOther};
  return kAll;
}

std::string_view ToString(PartyRole role) {
  for (const auto& r : kRoles)
    if (r.role == role) return r.code;
  return "other";
}

std::optional<PartyRole> ParsePartyRole(std::string_view code) {
  for (const auto& r : kRoles)
    if (r.code == code) return r.role;
  return std::nullopt;
}

PartyCheck CheckParty(const PartyFields& in) {
  PartyCheck out;
  auto refuse = [&](std::string field, std::string message) {
    out.problem = FieldProblem{std::move(field), std::move(message)};
    return out;
  };
  const auto role = ParsePartyRole(in.role);
  if (!role)
    return refuse("role",
                  "应为 applicant、respondent 或 other / must be applicant, respondent or other");
  Party& p = out.party;
  p.role = *role;
  if (in.name.empty()) return refuse("name", "请填写姓名 / name is required");
  if (auto why = LineProblem(in.name, kMaxPartyName)) return refuse("name", *why);
  p.name = in.name;
  if (!in.gender.empty() && in.gender != "female" && in.gender != "male")
    return refuse("gender", "应为 female 或 male / must be female or male");
  p.gender = in.gender;
  if (!in.phone.empty()) {
    auto phone = NormalizePhone(in.phone);
    if (!phone) return refuse("phone", "不是有效的电话号码 / not a valid phone number");
    p.phone = *phone;
  }
  if (!in.id_number.empty()) {
    auto id = ParseIdCard(in.id_number);
    if (!id) return refuse("id_number", "身份证号码格式或校验位错误 / invalid ID number");
    p.id_number = id->normalized;
  }
  if (auto why = LineProblem(in.address, kMaxPartyAddress)) return refuse("address", *why);
  p.address = in.address;
  if (auto why = LineProblem(in.relation, kMaxPartyRelation)) return refuse("relation", *why);
  p.relation = in.relation;
  return out;
}

bool HasApplicant(const std::vector<Party>& parties) {
  return std::any_of(parties.begin(), parties.end(),
                     [](const Party& p) { return p.role == PartyRole::kApplicant; });
}

}  // namespace hejia::domain
