#include "jobs/consultation_watch.hpp"

#include "store/audit.hpp"

namespace hejia::jobs {

std::vector<store::LateConsultation> MarkLateConsultations(store::Connection& conn,
                                                           const security::FieldCipher&,
                                                           const security::KeyRing& keys,
                                                           int64_t now_ms) {
  auto marked = store::MarkLateConsultations(conn, now_ms);
  for (const auto& m : marked)
    store::Audit(conn, keys, now_ms, store::Actor::System(), "consultation", std::to_string(m.id),
                 "supervise", "ok", "supervision=" + m.mark);
  return marked;
}

namespace {

void Tell(Notifier* notifier, const std::vector<store::LateConsultation>& marked, int64_t now_ms) {
  if (!notifier) return;
  for (const auto& m : marked) {
    if (!m.notify_user) continue;
    notifier->Notify(*m.notify_user, domain::CaseAlert{.kind = domain::CaseAlertKind::kConsultation,
                                                       .case_id = m.id,
                                                       .category = m.category,
                                                       .night_clinic = m.urgent,
                                                       .at_ms = now_ms,
                                                       .supervision = m.mark});
  }
}

}  // namespace

const CasePass<store::LateConsultation> kConsultationWatch{MarkLateConsultations, Tell};

}  // namespace hejia::jobs
