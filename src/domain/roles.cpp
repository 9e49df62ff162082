#include "domain/roles.hpp"

#include <algorithm>

namespace hejia::domain {

const std::vector<RoleInfo>& AllRoles() {
  static const std::vector<std::string_view> kStaff = {"region.read",     "household.read",
                                                       "household.write", "person.read",
                                                       "person.write",    "person.reveal"};
  // Cases (help requests and mediation): read, take in, work on, see parties' contact details,
  // clear supervision marks, export, configure routing and limits; duty roster; rooms; mediators.
  // Key families (domain/family_sight.hpp): federation staff see and assess them, ask for and
  // approve steps down, record contacts and read the counts, write household plans (and
  // countersign them with family.approve); a grid sister her grid's due contacts, which she
  // records; a leader the counts. Every federation staff role and a grid sister read their own
  // to-do list (todo.read).
  static const std::vector<std::string_view> kFamilies = {
      "family.read",    "family.due",    "family.contact", "family.assess",
      "family.approve", "family.counts", "family.plan",    "todo.read"};
  static const std::vector<std::string_view> kFederation = [] {
    auto all = kStaff;
    all.insert(all.end(), kFamilies.begin(), kFamilies.end());
    return all;
  }();
  static const auto with = [](std::vector<std::string_view> base,
                              std::initializer_list<std::string_view> more) {
    base.insert(base.end(), more);
    return base;
  };
  static const std::vector<RoleInfo> kRoles = {
      {Role::kSystemAdmin,
       "system_admin",
       "系统管理员",
       "System administrator",
       {"region.read", "region.write", "user.read", "user.write", "partner.read", "partner.write"},
       true},
      {Role::kSecurityAdmin,
       "security_admin",
       "安全管理员",
       "Security administrator",
       {"user.read", "user.security"},
       true},
      {Role::kAuditAdmin, "audit_admin", "审计管理员", "Audit administrator", {"audit.read"}, true},
      {Role::kCityStaff, "city_staff", "市妇联干部", "City federation staff",
       with(kFederation,
            {"case.read",      "case.intake",     "case.write",        "case.reveal",
             "case.supervise", "case.export",     "case.settings",     "roster.write",
             "room.read",      "room.write",      "mediator.read",     "mediator.write",
             "stats.read",     "team.read",       "team.write",        "team.reveal",
             "volunteer.read", "volunteer.write", "volunteer.reveal",  "visit.read",
             "visit.write",    "visit.reveal",    "incident.read",     "incident.act",
             "incident.write", "incident.reveal", "incident.settings", "volunteer.settings",
             "visit.stats",    "training.read",   "training.write",    "hotline.read",
             "hotline.write",  "hotline.reveal",  "legal.read",        "legal.write",
             "legal.publish",  "cockpit.read"}),
       false},
      {Role::kTownStaff, "town_staff", "镇街妇联干部", "Town federation staff",
       with(kFederation, {"case.read",       "case.intake",      "case.write",     "case.reveal",
                          "case.supervise",  "case.export",      "roster.write",   "room.read",
                          "room.write",      "mediator.read",    "mediator.write", "stats.read",
                          "team.read",       "team.write",       "team.reveal",    "volunteer.read",
                          "volunteer.write", "volunteer.reveal", "visit.read",     "visit.write",
                          "visit.reveal",    "incident.read",    "incident.act",   "incident.write",
                          "incident.reveal", "visit.stats",      "training.read",  "training.write",
                          "hotline.read",    "hotline.write",    "hotline.reveal", "legal.read",
                          "legal.write",     "cockpit.read"}),
       false},
      {Role::kVillageCadre, "village_cadre", "村社妇联干部", "Village cadre",
       with(kFederation, {"case.read",       "case.intake",      "case.write",    "case.reveal",
                          "case.export",     "room.read",        "mediator.read", "stats.read",
                          "team.read",       "team.write",       "team.reveal",   "volunteer.read",
                          "volunteer.write", "volunteer.reveal", "visit.read",    "visit.write",
                          "visit.reveal",    "incident.read",    "incident.act",  "incident.write",
                          "incident.reveal", "visit.stats",      "training.read", "training.write",
                          "legal.read",      "legal.write",      "cockpit.read"}),
       false},
      {Role::kGridSister, "grid_sister", "格姐", "Grid sister",
       with(kStaff, {"case.read", "case.intake", "room.read", "team.read", "family.due",
                     "family.contact", "visit.read", "visit.write", "visit.reveal", "incident.read",
                     "incident.act", "incident.reveal", "todo.read"}),
       false},
      {Role::kMediator,
       "mediator",
       "调解员",
       "Mediator",
       {"region.read", "household.read", "person.read", "case.read", "case.write", "case.reveal",
        "room.read", "mediator.read"},
       false},
      {Role::kLeader,
       "leader",
       "领导",
       "Leader",
       {"region.read", "stats.read", "family.counts", "visit.stats", "cockpit.read"},
       false},
      {Role::kIntegration,
       "integration",
       "接口客户端",
       "Integration client",
       {"region.read", "case.intake"},
       false},
      // Figures only, for a screen on the hall's wall: no name, no list, no record; no second
      // factor, as nothing personal can be read with it.
      {Role::kScreen, "screen", "数据大屏", "Big screen", {"cockpit.read"}, false},
  };
  return kRoles;
}

const RoleInfo* FindRole(Role role) {
  for (const auto& r : AllRoles())
    if (r.role == role) return &r;
  return nullptr;
}

std::optional<Role> ParseRole(std::string_view code) {
  for (const auto& r : AllRoles())
    if (r.code == code) return r.role;
  return std::nullopt;
}

std::string_view ToString(Role role) {
  const RoleInfo* r = FindRole(role);
  return r ? r->code : std::string_view();
}

bool RoleHas(Role role, std::string_view permission) {
  const RoleInfo* r = FindRole(role);
  if (!r) return false;
  if (permission == kSessionSelf) return true;
  return std::find(r->permissions.begin(), r->permissions.end(), permission) !=
         r->permissions.end();
}

std::vector<std::string_view> AllPermissions() {
  std::vector<std::string_view> out{kSessionSelf};
  for (const auto& r : AllRoles())
    for (auto p : r.permissions)
      if (std::find(out.begin(), out.end(), p) == out.end()) out.push_back(p);
  return out;
}

}  // namespace hejia::domain
