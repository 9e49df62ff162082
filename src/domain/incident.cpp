#include "domain/incident.hpp"

#include <algorithm>
#include <cctype>

#include "common/utf8.hpp"
#include "domain/phone.hpp"
#include "domain/text.hpp"

namespace hejia::domain {

namespace {

constexpr int64_t kHourMs = 3600LL * 1000;

// `text` is valid UTF-8: the code point at `i`, and `i` moved past it.
char32_t NextCodePoint(std::string_view text, std::size_t& i) {
  const auto b = static_cast<unsigned char>(text[i]);
  const int extra = b < 0x80 ? 0 : b < 0xE0 ? 1 : b < 0xF0 ? 2 : 3;
  char32_t c = extra == 0 ? b : b & (0x3F >> extra);
  for (int k = 1; k <= extra; ++k) c = (c << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
  i += extra + 1;
  return c;
}

void AppendCodePoint(std::string& out, char32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

template <class E, std::size_t N>
std::optional<E> ParseCode(const std::array<E, N>& values, std::string_view code) {
  for (E v : values)
    if (ToString(v) == code) return v;
  return std::nullopt;
}

}  // namespace

std::optional<PushStage> ParsePushStage(std::string_view code) {
  return ParseCode(kPushStages, code);
}
std::optional<IncidentPartyRole> ParseIncidentPartyRole(std::string_view code) {
  return ParseCode(kIncidentPartyRoles, code);
}
std::optional<PushRecipient> ParsePushRecipient(std::string_view code) {
  return ParseCode(kPushRecipients, code);
}

bool IsUrgentIncident(const PoliceIncident& i) {
  return i.injury || i.weapon || i.minors_present || !i.warning_letter_no.empty();
}

IncidentPartyCheck CheckIncidentParty(const IncidentPartyFields& entered) {
  IncidentPartyCheck out;
  const auto role = ParseIncidentPartyRole(entered.role);
  if (!role) {
    out.problem =
        FieldProblem{"role", "应为 victim | actor | minor / must be victim, actor or minor"};
    return out;
  }
  out.party.role = *role;
  auto name = CheckText(entered.name, kMaxPersonName, true);
  if (name.problem) {
    out.problem = FieldProblem{"name", TextProblemMessage(*name.problem, kMaxPersonName)};
    return out;
  }
  out.party.name = std::move(name.text);
  if (!entered.gender.empty() && entered.gender != "female" && entered.gender != "male") {
    out.problem = FieldProblem{"gender", "应为 female 或 male / must be female or male"};
    return out;
  }
  out.party.gender = entered.gender;
  if (!entered.phone.empty()) {
    auto phone = NormalizePhone(entered.phone);
    if (!phone) {
      out.problem = FieldProblem{"phone", "不是有效的电话号码 / not a valid phone number"};
      return out;
    }
    out.party.phone = *phone;
  }
  return out;
}

std::optional<FieldProblem> CheckIncidentSettings(const IncidentSettings& s) {
  struct Range {
    const char* field;
    int value, max;
  };
  for (const Range& r :
       {Range{"ack_hours", s.ack_hours, 72}, Range{"ack_night_hours", s.ack_night_hours, 72},
        Range{"contact_hours", s.contact_hours, 240},
        Range{"contact_urgent_hours", s.contact_urgent_hours, 240},
        Range{"visit_hours", s.visit_hours, 720}, Range{"feedback_days", s.feedback_days, 60}})
    if (r.value < 1 || r.value > r.max)
      return FieldProblem{r.field, "应在 1 到 " + std::to_string(r.max) + " 之间 / must be 1 to " +
                                       std::to_string(r.max)};
  if (s.contact_urgent_hours > s.contact_hours)
    return FieldProblem{
        "contact_urgent_hours",
        "紧急联系时限不能长于一般时限 / the urgent limit cannot exceed the usual one"};
  if (s.recipients.empty())
    return FieldProblem{"recipients", "至少一个推送对象 / at least one recipient"};
  for (std::size_t i = 0; i < s.recipients.size(); ++i)
    for (std::size_t j = i + 1; j < s.recipients.size(); ++j)
      if (s.recipients[i] == s.recipients[j])
        return FieldProblem{"recipients", "推送对象重复 / a recipient is repeated"};
  return std::nullopt;
}

PushDues DuesFor(const IncidentSettings& s, bool urgent, bool night, int64_t pushed_at) {
  PushDues d;
  d.ack = pushed_at + (night ? s.ack_night_hours : s.ack_hours) * kHourMs;
  d.contact = pushed_at + (urgent ? s.contact_urgent_hours : s.contact_hours) * kHourMs;
  d.visit = pushed_at + s.visit_hours * kHourMs;
  d.feedback = pushed_at + s.feedback_days * 24 * kHourMs;
  return d;
}

PushStage StageOf(const PushProgress& p) {
  if (p.fed_back_at) return PushStage::kFedBack;
  if (p.visited_at) return PushStage::kVisited;
  if (p.contacted_at) return PushStage::kContacted;
  if (p.acknowledged_at) return PushStage::kAcknowledged;
  return PushStage::kPushed;
}

std::optional<int64_t> NextDue(const PushProgress& p) {
  switch (StageOf(p)) {
    case PushStage::kPushed:
      return p.due.ack;
    case PushStage::kAcknowledged:
      return p.due.contact;
    case PushStage::kContacted:
      return p.due.visit;
    case PushStage::kVisited:
      return p.due.feedback;
    case PushStage::kFedBack:
      return std::nullopt;
  }
  return std::nullopt;
}

PushMark MarkAt(const PushProgress& p, int64_t now) {
  const auto due = NextDue(p);
  if (!due || now <= *due) return PushMark::kNone;
  const int64_t allowed = std::max<int64_t>(*due - p.pushed_at, kHourMs);
  return now > *due + allowed ? PushMark::kRed : PushMark::kYellow;
}

bool IsNextStage(PushStage from, PushStage to) {
  return static_cast<int>(to) == static_cast<int>(from) + 1;
}

IncidentCaseDefaults CaseDefaultsFor(const PoliceIncident& i) {
  IncidentCaseDefaults d;
  switch (i.kind) {
    case IncidentKind::kDomesticViolence:
      d.category = "domestic_violence";
      break;
    case IncidentKind::kFamilyDispute:
    case IncidentKind::kDating:
      d.category = "marriage";
      break;
    case IncidentKind::kSupport:
      d.category = i.minors_present ? "child_support" : "elder_support";
      break;
    case IncidentKind::kOther:
      d.category = "other";
      break;
  }
  if (i.weapon || i.injury)
    d.severity = CaseSeverity::kCritical;
  else if (i.threats || i.minors_present || !i.warning_letter_no.empty())
    d.severity = CaseSeverity::kSerious;
  return d;
}

AddressPlace PlaceAddress(std::string_view address, const std::vector<NamedRegion>& regions) {
  AddressPlace out;
  std::size_t town_len = 0;
  for (const auto& r : regions)
    if (r.level == RegionLevel::kTown && r.name.size() > town_len &&
        address.find(r.name) != std::string_view::npos) {
      out.town_code = r.code;
      town_len = r.name.size();
    }
  std::size_t village_len = 0, village_end = 0;
  for (const auto& r : regions) {
    if (r.level != RegionLevel::kVillage || r.name.size() <= village_len) continue;
    if (!out.town_code.empty() && r.parent_code != out.town_code) continue;
    const auto at = address.find(r.name);
    if (at == std::string_view::npos) continue;
    out.village_code = r.code;
    village_len = r.name.size();
    village_end = at + r.name.size();
  }
  if (out.village_code.empty()) return out;
  if (out.town_code.empty())  // a village named alone tells its town
    for (const auto& r : regions)
      if (r.code == out.village_code) out.town_code = r.parent_code;
  out.rest = std::string(address.substr(village_end));
  return out;
}

std::string NormalizeAddressDetail(std::string_view detail) {
  std::string out;
  if (!IsValidUtf8(detail)) return out;
  for (std::size_t i = 0; i < detail.size();) {
    char32_t c = NextCodePoint(detail, i);
    if (c >= 0xFF01 && c <= 0xFF5E) c -= 0xFEE0;  // full-width ASCII
    if (c == 0x3000 || c <= 0x20) continue;
    if (c < 0x80 && !std::isalnum(static_cast<unsigned char>(c))) continue;
    if (c == U'，' || c == U'。' || c == U'、' || c == U'－' || c == U'—' || c == U'·') continue;
    if (c >= 'A' && c <= 'Z') c += 32;
    AppendCodePoint(out, c);
  }
  return out;
}

}  // namespace hejia::domain
