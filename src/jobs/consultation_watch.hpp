// The online consultations' limits (issue 13, point 2): every minute, an unanswered question past
// its limit gets the supervision mark (yellow, then red: domain::ConsultationMark), audited by
// "system", and whoever it was routed to (else whoever is on duty for its region) is told live.
#pragma once
#include "jobs/case_job.hpp"
#include "store/consultation_repo.hpp"

namespace hejia::jobs {

/// One pass at `now_ms` inside the caller's write transaction.
std::vector<store::LateConsultation> MarkLateConsultations(store::Connection& conn,
                                                           const security::FieldCipher& cipher,
                                                           const security::KeyRing& keys,
                                                           int64_t now_ms);

/// The pass with its live notifications (every minute; tests run it at the time they want).
extern const CasePass<store::LateConsultation> kConsultationWatch;

}  // namespace hejia::jobs
