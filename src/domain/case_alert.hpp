// A live alert about a case for one person (the console sounds it): a new case assigned to them,
// or a case escalated to their unit. A value; the API turns it into a server-sent event.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace hejia::domain {

/// kIncident: a police incident's push for this person (new, or overdue: `supervision` is its
/// mark); `case_id` / `case_no` / `category` are then the incident's id, number and kind, and
/// `level` the push's recipient. kFamilyTodo: something of a key family newly fell overdue on
/// this person's to-do list; `case_id` is then the family's id and nothing else is told.
enum class CaseAlertKind { kAssignment, kEscalation, kIncident, kFamilyTodo, kConsultation };

/// "assignment" | "escalation" | "incident" | "family_todo": the event name of the live stream.
constexpr std::string_view ToString(CaseAlertKind k) {
  return k == CaseAlertKind::kAssignment     ? "assignment"
         : k == CaseAlertKind::kEscalation   ? "escalation"
         : k == CaseAlertKind::kIncident     ? "incident"
         : k == CaseAlertKind::kConsultation ? "consultation"
                                             : "family_todo";
}

struct CaseAlert {
  CaseAlertKind kind = CaseAlertKind::kAssignment;
  int64_t case_id = 0;
  std::string case_no;
  std::string category;
  bool night_clinic = false;
  int64_t at_ms = 0;
  /// Escalations only: the supervision mark and the level the case moved to.
  std::string supervision;
  std::string level;
};

}  // namespace hejia::domain
