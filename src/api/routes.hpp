// Each API area adds its routes here; app/ wires them into one router.
#pragma once
#include "api/services.hpp"
#include "http/router.hpp"

namespace hejia::api {

void AddHealthRoutes(http::Router& router, Services& s);
void AddSessionRoutes(http::Router& router, Services& s);
void AddRegionRoutes(http::Router& router, Services& s);
void AddPeopleRoutes(http::Router& router, Services& s);
void AddUserRoutes(http::Router& router, Services& s);
void AddAuditRoutes(http::Router& router, Services& s);
void AddPublicRoutes(http::Router& router, Services& s);
void AddConsultationRoutes(http::Router& router, Services& s);
void AddRoomRoutes(http::Router& router, Services& s);
void AddCaseRoutes(http::Router& router, Services& s);
void AddCaseExportRoutes(http::Router& router, Services& s);
void AddAttachmentRoutes(http::Router& router, Services& s);
void AddSavedFilterRoutes(http::Router& router, Services& s);
void AddStatsRoutes(http::Router& router, Services& s);
/// Agreements (agreements_api.cpp); it adds the confirmations and the mediator's signature
/// (agreement_confirmations_api.cpp) and obligations, payments and follow-ups
/// (obligations_api.cpp) too.
void AddAgreementRoutes(http::Router& router, Services& s);
void AddAgreementConfirmationRoutes(http::Router& router, Services& s);
void AddObligationRoutes(http::Router& router, Services& s);
/// Volunteer teams (teams_api.cpp): routes made by the record kit.
void AddTeamRoutes(http::Router& router, Services& s);

/// Every area, in one call.
void AddAllRoutes(http::Router& router, Services& s);

}  // namespace hejia::api
