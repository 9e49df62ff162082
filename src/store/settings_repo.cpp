#include "store/settings_repo.hpp"

#include <charconv>

namespace hejia::store {

namespace {

constexpr std::string_view kMaxGrids = "volunteer.max_grids_per_sister";
constexpr std::string_view kDueDays = "volunteer.replacement_due_days";
constexpr std::string_view kSituations = "visit.situations";

int64_t WholeOr(const std::optional<std::string>& text, int64_t fallback) {
  if (!text) return fallback;
  int64_t n = 0;
  const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), n);
  return ec == std::errc() && end == text->data() + text->size() ? n : fallback;
}

}  // namespace

std::optional<std::string> ReadSetting(Connection& c, std::string_view key) {
  auto row = c.QueryOne("SELECT value FROM settings WHERE key = ?", {key});
  if (!row) return std::nullopt;
  return row->Text(0);
}

void WriteSetting(Connection& c, std::string_view key, std::string_view value, int64_t now,
                  int64_t updated_by) {
  c.Execute(
      "INSERT INTO settings (key, value, updated_at, updated_by) VALUES (?, ?, ?, ?) "
      "ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, "
      "updated_by = excluded.updated_by",
      {key, value, now, updated_by ? Value(updated_by) : Value(nullptr)});
}

domain::VolunteerSettings LoadVolunteerSettings(Connection& c) {
  const domain::VolunteerSettings defaults;
  domain::VolunteerSettings s;
  s.max_grids_per_sister = WholeOr(ReadSetting(c, kMaxGrids), defaults.max_grids_per_sister);
  s.replacement_due_days = WholeOr(ReadSetting(c, kDueDays), defaults.replacement_due_days);
  return s;
}

void SaveVolunteerSettings(Connection& c, const domain::VolunteerSettings& s, int64_t now,
                           int64_t updated_by) {
  WriteSetting(c, kMaxGrids, std::to_string(s.max_grids_per_sister), now, updated_by);
  WriteSetting(c, kDueDays, std::to_string(s.replacement_due_days), now, updated_by);
}

std::vector<domain::MustVisitSituation> LoadMustVisitSituations(Connection& c) {
  if (auto stored = ReadSetting(c, kSituations)) {
    auto list = domain::ParseSituations(*stored);
    if (!domain::CheckSituations(list)) return list;
  }
  return domain::DefaultMustVisitSituations();
}

void SaveMustVisitSituations(Connection& c, const std::vector<domain::MustVisitSituation>& list,
                             int64_t now, int64_t updated_by) {
  WriteSetting(c, kSituations, domain::FormatSituations(list), now, updated_by);
}

}  // namespace hejia::store
