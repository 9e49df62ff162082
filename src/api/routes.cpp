// The routes list: every API area, once, in the order the router and the OpenAPI document show
// them. An area is one `Add<Area>Routes` in its own `api/<area>_api.cpp`; a new record type adds
// its line here (docs/design/architecture.md, "add a record type").
#include "api/routes.hpp"

namespace hejia::api {

void AddHealthRoutes(http::Router& router, Services& s);
void AddSessionRoutes(http::Router& router, Services& s);
void AddRegionRoutes(http::Router& router, Services& s);
void AddPeopleRoutes(http::Router& router, Services& s);
void AddHouseholdRoutes(http::Router& router, Services& s);
void AddUserRoutes(http::Router& router, Services& s);
void AddAuditRoutes(http::Router& router, Services& s);
void AddPublicRoutes(http::Router& router, Services& s);
void AddConsultationRoutes(http::Router& router, Services& s);
void AddRoomRoutes(http::Router& router, Services& s);
void AddMediatorRoutes(http::Router& router, Services& s);
void AddDutyRoutes(http::Router& router, Services& s);
void AddCaseRoutes(http::Router& router, Services& s);
void AddCaseFindRoutes(http::Router& router, Services& s);
void AddDeskRoutes(http::Router& router, Services& s);
void AddCaseTransitionRoutes(http::Router& router, Services& s);
void AddCaseSettingsRoutes(http::Router& router, Services& s);
void AddCaseWorkRoutes(http::Router& router, Services& s);
void AddAgreementRoutes(http::Router& router, Services& s);
void AddAgreementConfirmationRoutes(http::Router& router, Services& s);
void AddObligationRoutes(http::Router& router, Services& s);
void AddCaseExportRoutes(http::Router& router, Services& s);
void AddAttachmentRoutes(http::Router& router, Services& s);
void AddSavedFilterRoutes(http::Router& router, Services& s);
void AddStatsRoutes(http::Router& router, Services& s);
void AddCockpitRoutes(http::Router& router, Services& s);
void AddTeamRoutes(http::Router& router, Services& s);
void AddVolunteerRoutes(http::Router& router, Services& s);
void AddVisitRoutes(http::Router& router, Services& s);
void AddVisitFigureRoutes(http::Router& router, Services& s);
void AddTrainingRoutes(http::Router& router, Services& s);
void AddHotlineRoutes(http::Router& router, Services& s);
void AddLegalRoutes(http::Router& router, Services& s);
void AddLegalPublicRoutes(http::Router& router, Services& s);
void AddOdrRoutes(http::Router& router, Services& s);
void AddVolunteerImportRoutes(http::Router& router, Services& s);
void AddCoverageRoutes(http::Router& router, Services& s);
void AddKeyFamilyRoutes(http::Router& router, Services& s);
void AddKeyFamilyChangeRoutes(http::Router& router, Services& s);
void AddHouseholdPlanRoutes(http::Router& router, Services& s);
void AddTodoRoutes(http::Router& router, Services& s);
void AddSecuritySettingsRoutes(http::Router& router, Services& s);
void AddIncidentRoutes(http::Router& router, Services& s);
void AddPoliceRoutes(http::Router& router, Services& s);
void AddPartnerRoutes(http::Router& router, Services& s);

void AddAllRoutes(http::Router& router, Services& s) {
  AddHealthRoutes(router, s);
  AddSessionRoutes(router, s);
  AddRegionRoutes(router, s);
  AddHouseholdRoutes(router, s);
  AddPeopleRoutes(router, s);
  AddUserRoutes(router, s);
  AddSecuritySettingsRoutes(router, s);
  AddAuditRoutes(router, s);
  AddPublicRoutes(router, s);
  AddConsultationRoutes(router, s);
  AddRoomRoutes(router, s);
  AddMediatorRoutes(router, s);
  AddDutyRoutes(router, s);
  AddCaseRoutes(router, s);
  AddCaseFindRoutes(router, s);
  AddCaseTransitionRoutes(router, s);
  AddCaseSettingsRoutes(router, s);
  AddCaseWorkRoutes(router, s);
  AddAgreementRoutes(router, s);
  AddAgreementConfirmationRoutes(router, s);
  AddObligationRoutes(router, s);
  AddCaseExportRoutes(router, s);
  AddAttachmentRoutes(router, s);
  AddSavedFilterRoutes(router, s);
  AddStatsRoutes(router, s);
  AddCockpitRoutes(router, s);
  AddDeskRoutes(router, s);
  AddTeamRoutes(router, s);
  AddVolunteerRoutes(router, s);
  AddVisitRoutes(router, s);
  AddVisitFigureRoutes(router, s);
  AddTrainingRoutes(router, s);
  AddHotlineRoutes(router, s);
  AddLegalRoutes(router, s);
  AddLegalPublicRoutes(router, s);
  AddOdrRoutes(router, s);
  AddVolunteerImportRoutes(router, s);
  AddCoverageRoutes(router, s);
  AddKeyFamilyRoutes(router, s);
  AddKeyFamilyChangeRoutes(router, s);
  AddHouseholdPlanRoutes(router, s);
  AddTodoRoutes(router, s);
  AddIncidentRoutes(router, s);
  AddPoliceRoutes(router, s);
  AddPartnerRoutes(router, s);
}

}  // namespace hejia::api
