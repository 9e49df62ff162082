// Volunteer teams: the record kit's routes, nothing else (see docs/design/architecture.md, "Add a
// record type").
#include "api/record_kit.hpp"
#include "api/routes.hpp"
#include "store/teams_table.hpp"

namespace hejia::api {

void AddTeamRoutes(http::Router& router, Services& s) {
  kit::AddRecordRoutes<domain::VolunteerTeam>(router, s,
                                              {.path = "/api/v1/teams",
                                               .tag = "team",
                                               .read_permission = "team.read",
                                               .write_permission = "team.write",
                                               .reveal_permission = "team.reveal",
                                               .noun = "volunteer team",
                                               .not_found = "队伍不存在 / no such team"});
}

}  // namespace hejia::api
