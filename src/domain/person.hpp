// The rules for a person and a household as staff enter them: what is valid, how values are
// normalised before they are stored or indexed, and when two records probably describe the same
// person. No I/O: the caller supplies today's date.
#pragma once
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hejia::domain {

/// The difficulty categories (困境类别) a person or household may be tagged with.
inline constexpr std::array<std::string_view, 9> kDifficultyTags = {
    "two_cancers",       "disability", "loss_of_self_care", "single_parent", "left_behind_woman",
    "left_behind_child", "low_income", "elderly_alone",     "other"};

bool IsDifficultyTag(std::string_view tag);

/// Limits in code points, shared by validation and by the HTTP layer's coarse length checks.
inline constexpr size_t kMaxPersonName = 30;
inline constexpr size_t kMaxRelation = 20;
inline constexpr size_t kMaxAddressDetail = 200;
inline constexpr size_t kMaxHeadName = 30;

/// A validation failure naming the offending field, as the API reports it.
struct FieldProblem {
  std::string field;
  std::string message;
};

/// A person as entered. Empty optional fields mean "not recorded".
struct PersonFields {
  std::string name;
  std::string gender;      ///< "female" | "male"
  std::string birth_date;  ///< YYYY-MM-DD
  std::string id_number;   ///< resident ID number, normalised to 18 chars by NormalizePerson
  std::string phone;       ///< digits only after NormalizePerson
  std::string address_detail;
  std::vector<std::string> tags;  ///< canonical order, no repeats after NormalizePerson
  std::string relation;           ///< to the household head: 户主, 配偶, 子女 ...
};

/// Validates `p` and normalises it in place (phone to digits, ID number to upper-case 18 chars,
/// tags de-duplicated in canonical order). `today` is Beijing's date, YYYY-MM-DD. Returns the
/// first problem found, or nullopt when the person may be stored.
std::optional<FieldProblem> NormalizePerson(PersonFields& p, std::string_view today);

/// A household as entered.
struct HouseholdFields {
  std::string address_detail;
  std::string head_name;
  std::vector<std::string> tags;
};

/// Validates and normalises a household (tags as for a person). `address_detail` is required.
std::optional<FieldProblem> NormalizeHousehold(HouseholdFields& h);

/// Validates `tags` against kDifficultyTags and puts them in canonical order without repeats.
std::optional<FieldProblem> NormalizeTags(std::vector<std::string>& tags, std::string_view field);

/// What the duplicate rule compares. Each value may be the normalised value itself or its blind
/// index: the rule only tests equality. Empty = not recorded.
struct IdentityKey {
  std::string id_number;
  std::string name;
  std::string birth_date;
  std::string phone;
};

/// Two records probably describe the same person when they share an ID number, or share name,
/// birth date and phone number. Unrecorded values never match.
bool PossibleDuplicate(const IdentityKey& a, const IdentityKey& b);

/// Whole years from a YYYY-MM-DD birth date to `today` (YYYY-MM-DD); nullopt for a date that is
/// not one, or a birth after today.
std::optional<int> AgeOn(std::string_view birth_date, std::string_view today);

}  // namespace hejia::domain
