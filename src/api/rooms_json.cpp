#include "api/rooms_json.hpp"

#include "api/json_values.hpp"
#include "common/clock.hpp"

namespace hejia::api::rooms {

namespace json = boost::json;

namespace {

json::value IdOrNull(const std::optional<int64_t>& id) {
  if (!id) return nullptr;
  return *id;
}

}  // namespace

json::object RoomJson(const store::RoomRecord& r) {
  const auto& f = r.fields;
  return json::object{{"id", r.id},
                      {"name", f.name},
                      {"region_code", f.region_code},
                      {"region_name", r.region_name},
                      {"region_path", f.region_path},
                      {"level", f.level},
                      {"address", f.address},
                      {"hours", f.hours},
                      {"phone", f.phone},
                      {"demonstration", f.demonstration},
                      {"retired", r.retired},
                      {"created_at", FormatBeijing(r.created_at)},
                      {"updated_at", FormatBeijing(r.updated_at)},
                      {"version", r.version}};
}

json::array SessionsJson(const std::vector<store::RoomSession>& sessions) {
  json::array out;
  for (const auto& s : sessions)
    out.push_back(json::object{{"id", s.id},
                               {"case_id", IdOrNull(s.case_id)},
                               {"starts_at", FormatBeijing(s.starts_at)},
                               {"ends_at", FormatBeijing(s.ends_at)},
                               {"online", s.online},
                               {"status", s.status}});
  return out;
}

json::object MediatorJson(const store::MediatorRecord& m) {
  const auto& f = m.fields;
  json::array specialities;
  for (const auto& s : f.specialities) specialities.emplace_back(s);
  return json::object{
      {"id", m.id},
      {"name", f.name},
      {"type", f.type},
      {"region_code", f.region_code},
      {"region_name", m.region_name},
      {"region_path", f.region_path},
      {"user_id", IdOrNull(f.user_id)},
      {"user_display_name", f.user_id ? json::value(m.user_display_name) : json::value(nullptr)},
      {"person_id", IdOrNull(f.person_id)},
      {"specialities", std::move(specialities)},
      {"phone", OrNull(m.phone_mask)},
      {"active", f.active},
      {"case_load", m.case_load},
      {"created_at", FormatBeijing(m.created_at)},
      {"updated_at", FormatBeijing(m.updated_at)},
      {"version", m.version}};
}

json::object ShiftJson(const store::DutyShift& s) {
  return json::object{{"id", s.id},
                      {"region_code", s.region_code},
                      {"region_name", s.region_name},
                      {"region_path", s.region_path},
                      {"user_id", s.user_id},
                      {"user_display_name", s.user_display_name},
                      {"starts_at", FormatBeijing(s.starts_at)},
                      {"ends_at", FormatBeijing(s.ends_at)},
                      {"note", s.note},
                      {"created_at", FormatBeijing(s.created_at)}};
}

}  // namespace hejia::api::rooms
