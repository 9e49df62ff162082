// Performance of a mediation agreement: the obligations (who pays whom how much, once or monthly),
// the payments recorded against them with the standing of each obligation (due, paid, arrears,
// missed installments — domain::Evaluate on Beijing's today), and the follow-up visits (回访).
// The case follows by itself: the first obligation of an agreed case moves it to performing; the
// payment that fulfils the last obligation moves it to fulfilled and schedules a follow-up visit
// case_settings.follow_up_days later. Registered from AddAgreementRoutes.
#include <boost/asio/use_awaitable.hpp>
#include <climits>

#include "api/agreement_common.hpp"
#include "api/agreement_json.hpp"
#include "api/case_common.hpp"
#include "api/people_common.hpp"
#include "api/routes.hpp"
#include "api/routes_kit.hpp"
#include "api/schema.hpp"
#include "common/clock.hpp"
#include "common/error.hpp"
#include "domain/agreement.hpp"
#include "domain/case_flow.hpp"
#include "domain/obligations.hpp"
#include "http/json_body.hpp"
#include "http/paging.hpp"
#include "store/agreement_repo.hpp"
#include "store/obligation_repo.hpp"

namespace hejia::api {

namespace {

using namespace agreements;
using domain::AgreementStatus;

constexpr int64_t kDayMs = 24LL * 3600 * 1000;

// The domain rules name amounts in fen; the API takes yuan in `amount`.
template <class F>
void WithAmountField(F check) {
  try {
    check();
  } catch (const ApiError& e) {
    if (e.field() == "amount_fen") throw Invalid("amount", e.message());
    throw;
  }
}

int64_t ReadYuan(const http::JsonBody& body) {
  const std::string text = body.RequiredString("amount", 20);
  auto fen = domain::ParseYuan(text);
  if (!fen)
    throw Invalid("amount",
                  "金额应为元，最多两位小数，如 500 或 500.50 / an amount in yuan with at "
                  "most two decimals, e.g. 500 or 500.50");
  return *fen;
}

// The date `days` after a YYYY-MM-DD date (Beijing).
std::string AddDays(const std::string& date, int days) {
  return FormatBeijing(BeijingDateStartMillis(date) + days * kDayMs).substr(0, 10);
}

bool Performing(domain::CaseStatus st) {
  return st == domain::CaseStatus::kAgreed || st == domain::CaseStatus::kPerforming ||
         st == domain::CaseStatus::kBreached;
}

// ---- obligations ----

asio::awaitable<http::Response> AddObligationRoute(Services& s, http::Request& req) {
  const int64_t id = PathId(req);
  auto body = http::JsonBody::Parse(
      req.raw.body(), {"payer_party_id", "payee_party_id", "description", "amount", "schedule",
                       "first_due", "installments", "term"});
  store::ObligationInput in;
  in.payer_party_id = body.RequiredInt("payer_party_id", 1, INT64_MAX);
  in.payee_party_id = body.RequiredInt("payee_party_id", 1, INT64_MAX);
  if (in.payer_party_id == in.payee_party_id)
    throw Invalid("payee_party_id", "付款人与收款人不能相同 / payer and payee must differ");
  in.description = body.OptString("description", store::kMaxObligationDescription).value_or("");
  in.terms.amount_fen = ReadYuan(body);
  const std::string schedule = body.OptString("schedule", 10).value_or("once");
  const auto parsed = domain::ParseSchedule(schedule);
  if (!parsed) throw Invalid("schedule", "应为 once 或 monthly / must be once or monthly");
  in.terms.schedule = *parsed;
  in.terms.first_due = body.RequiredString("first_due", 10);
  in.terms.installments =
      static_cast<int>(body.OptInt("installments", INT_MIN, INT_MAX).value_or(1));
  WithAmountField([&] { domain::ValidateObligation(in.terms); });
  const auto term = body.OptInt("term", 0, store::kMaxTerms - 1);
  const ScopeFilter scope = ScopeOf(req.Caller());
  const int64_t now = s.clock.NowMillis();
  const std::string today = people::TodayBeijing(s.clock);
  auto created = co_await s.db.Write([&](store::Connection& c) -> json::object {
    auto rec = LoadOr404(c, scope, id);
    auto a = store::LoadAgreement(c, id);
    if (!a) throw Conflict("请先起草调解协议 / draft the agreement first", "agreement");
    if (a->status != AgreementStatus::kAwaitingConfirmation &&
        a->status != AgreementStatus::kEffective)
      throw Conflict("协议提交后才能登记履行义务 / submit the agreement first", "status");
    if (a->status == AgreementStatus::kEffective && !Performing(rec.Status()))
      throw Conflict("案件已不在履行阶段 / the case is past performance", "status");
    for (const auto& [field, party] : {std::pair{"payer_party_id", in.payer_party_id},
                                       std::pair{"payee_party_id", in.payee_party_id}})
      if (!store::FindParty(c, id, party))
        throw people::NotFoundField(field, "当事人不存在 / no such party");
    auto terms = TermsOf(*a);
    if (term) {
      if (*term >= static_cast<int64_t>(terms.size()) ||
          terms[*term].kind != domain::TermKind::kMoney || terms[*term].obligation)
        throw Invalid("term",
                      "应为尚未关联义务的金钱给付条款 / must be a money term without an "
                      "obligation");
    }
    const int64_t oid = store::InsertObligation(c, id, a->id, in, now);
    if (term) {
      terms[*term].obligation = oid;
      if (!store::SaveAgreementTerms(c, *a, TermsText(terms), now))
        throw Conflict("协议正被修改，请重试 / the agreement is being changed: retry", "version");
    }
    store::InsertEvent(
        c, s.cipher, id,
        CallerEvent(req, "obligation", json::object{{"obligation_id", oid}, {"action", "added"}}),
        now);
    s.Audit(c, ActorOf(req), "case", Id(id), "obligation_add", "ok",
            "obligation=" + Id(oid) + ";schedule=" + schedule +
                ";installments=" + std::to_string(in.terms.installments));
    // An agreement in force with something to pay: the case is now monitored.
    if (a->status == AgreementStatus::kEffective && rec.Status() == domain::CaseStatus::kAgreed)
      AutoTransition(c, s, req, rec, domain::CaseAction::kPerform, "obligations");
    return ObligationJson(c, Reloaded(store::LoadObligation(c, id, oid)), today);
  });
  co_return http::JsonResponse(201, created);
}

asio::awaitable<http::Response> ListObligationsRoute(Services& s, http::Request& req) {
  const int64_t id = PathId(req);
  auto page = http::ParsePage(req, {}, "id", false);
  const ScopeFilter scope = ScopeOf(req.Caller());
  const std::string today = people::TodayBeijing(s.clock);
  auto text = co_await s.db.Read([&](store::Connection& c) {
    LoadOr404(c, scope, id);
    const auto all = store::LoadObligations(c, id);
    json::array items;
    const int64_t end = std::min<int64_t>(all.size(), page.Offset() + page.page_size);
    for (int64_t i = page.Offset(); i < end; ++i) items.push_back(ObligationJson(c, all[i], today));
    json::object body = http::PageBody(std::move(items), page, static_cast<int64_t>(all.size()));
    // The case-level state of performance, beside the page.
    body["today"] = today;
    body["flagged"] = store::CaseFlagged(c, id);
    return json::serialize(body);
  });
  co_return people::JsonText(std::move(text));
}

// ---- payments ----

asio::awaitable<http::Response> AddPaymentRoute(Services& s, http::Request& req) {
  const int64_t id = PathId(req);
  const int64_t oid = PathId(req, "oid");
  auto body = http::JsonBody::Parse(req.raw.body(), {"amount", "paid_on", "evidence"});
  store::PaymentInput p;
  p.amount_fen = ReadYuan(body);
  p.paid_on = body.RequiredString("paid_on", 10);
  p.evidence = body.OptString("evidence", store::kMaxEvidence).value_or("");
  p.recorded_by = req.Caller().user_id;
  const std::string today = people::TodayBeijing(s.clock);
  WithAmountField([&] {
    domain::ValidatePayment(domain::PaymentRecord{p.paid_on, p.amount_fen}, today);
  });
  const ScopeFilter scope = ScopeOf(req.Caller());
  const int64_t now = s.clock.NowMillis();
  auto created = co_await s.db.Write([&](store::Connection& c) -> json::object {
    auto rec = LoadOr404(c, scope, id);
    auto o = store::LoadObligation(c, id, oid);
    if (!o) throw NotFound("履行义务不存在 / no such obligation");
    auto a = store::LoadAgreement(c, id);
    if (!a || a->status != AgreementStatus::kEffective)
      throw Conflict("协议生效后才能登记履行 / the agreement is not in force yet", "status");
    if (!Performing(rec.Status()) && rec.Status() != domain::CaseStatus::kFulfilled)
      throw Conflict("案件已不在履行阶段 / the case is past performance", "status");
    const int64_t payment_id = store::InsertPayment(c, *o, p, now);
    store::InsertEvent(
        c, s.cipher, id,
        CallerEvent(req, "payment",
                    json::object{{"obligation_id", oid}, {"payment_id", payment_id}}),
        now);
    s.Audit(c, ActorOf(req), "case", Id(id), "payment_add", "ok",
            "obligation=" + Id(oid) + ";payment=" + Id(payment_id));
    if (store::ResolveClearedReminders(c, id, today, now)) {
      store::InsertEvent(c, s.cipher, id, CallerEvent(req, "reminder_resolved"), now);
      s.Audit(c, ActorOf(req), "case", Id(id), "arrears_cleared", "ok",
              "payment=" + Id(payment_id));
    }
    // Everything paid: the case is fulfilled and a follow-up visit is scheduled.
    bool all_paid = true;
    for (const auto& each : store::LoadObligations(c, id))
      all_paid = all_paid && store::StandingOf(c, each, today).fulfilled;
    if (all_paid && Performing(rec.Status())) {
      if (rec.Status() == domain::CaseStatus::kAgreed)
        rec = AutoTransition(c, s, req, rec, domain::CaseAction::kPerform, "obligations");
      if (rec.Status() == domain::CaseStatus::kBreached)
        rec = AutoTransition(c, s, req, rec, domain::CaseAction::kResume, "paid");
      rec = AutoTransition(c, s, req, rec, domain::CaseAction::kFulfil, "all_obligations_paid");
      if (!store::OpenFollowUp(c, id)) {
        const int days = store::LoadCaseSettings(c).follow_up_days;
        const std::string due_on = AddDays(today, days);
        const int64_t fid = store::InsertFollowUp(c, id, due_on, now);
        store::InsertEvent(
            c, s.cipher, id,
            CallerEvent(
                req, "follow_up",
                json::object{{"follow_up_id", fid}, {"action", "scheduled"}, {"due_on", due_on}}),
            now);
        s.Audit(c, ActorOf(req), "case", Id(id), "follow_up_schedule", "ok",
                "follow_up=" + Id(fid) + ";due_on=" + due_on);
      }
    }
    json::object out = PaymentJson(Reloaded(store::FindPayment(c, payment_id)));
    out["case_status"] = domain::ToString(store::LoadCaseAnywhere(c, id)->status);
    out["obligation"] = ObligationJson(c, *o, today);
    return out;
  });
  co_return http::JsonResponse(201, created);
}

asio::awaitable<http::Response> ListPaymentsRoute(Services& s, http::Request& req) {
  const int64_t id = PathId(req);
  const int64_t oid = PathId(req, "oid");
  auto page = http::ParsePage(req, {"paid_on"}, "paid_on", true);
  const store::PageSpec spec{page.page_size, page.Offset(), page.descending};
  const ScopeFilter scope = ScopeOf(req.Caller());
  auto text = co_await s.db.Read([&](store::Connection& c) {
    LoadOr404(c, scope, id);
    if (!store::LoadObligation(c, id, oid)) throw NotFound("履行义务不存在 / no such obligation");
    auto result = store::ListPayments(c, oid, spec);
    json::array items;
    for (const auto& p : result.items) items.push_back(PaymentJson(p));
    return json::serialize(http::PageBody(std::move(items), page, result.total));
  });
  co_return people::JsonText(std::move(text));
}

// ---- follow-up visits ----

asio::awaitable<http::Response> ListFollowUpsRoute(Services& s, http::Request& req) {
  const int64_t id = PathId(req);
  auto page = http::ParsePage(req, {}, "due_on", false);
  const store::PageSpec spec{page.page_size, page.Offset(), false};
  const ScopeFilter scope = ScopeOf(req.Caller());
  auto text = co_await s.db.Read([&](store::Connection& c) {
    LoadOr404(c, scope, id);
    auto result = store::ListFollowUps(c, id, spec);
    json::array items;
    for (const auto& f : result.items) items.push_back(FollowUpJson(s.cipher, f));
    return json::serialize(http::PageBody(std::move(items), page, result.total));
  });
  co_return people::JsonText(std::move(text));
}

asio::awaitable<http::Response> FollowUpDoneRoute(Services& s, http::Request& req) {
  const int64_t id = PathId(req);
  const int64_t fid = PathId(req, "fid");
  auto body = http::JsonBody::Parse(req.raw.body(), {"note"});
  const std::string note = body.RequiredString("note", store::kMaxFollowUpNote);
  store::CheckCaseText(note, "note", store::kMaxFollowUpNote, true);
  const ScopeFilter scope = ScopeOf(req.Caller());
  const int64_t now = s.clock.NowMillis();
  auto done = co_await s.db.Write([&](store::Connection& c) -> json::object {
    LoadOr404(c, scope, id);
    auto f = store::LoadFollowUp(c, id, fid);
    if (!f) throw NotFound("回访不存在 / no such follow-up visit");
    if (f->done_at) throw Conflict("该回访已完成 / the follow-up visit is done", "done_at");
    store::CompleteFollowUp(c, s.cipher, fid, note, req.Caller().user_id, now);
    store::InsertEvent(
        c, s.cipher, id,
        CallerEvent(req, "follow_up", json::object{{"follow_up_id", fid}, {"action", "done"}}),
        now);
    s.Audit(c, ActorOf(req), "case", Id(id), "follow_up_done", "ok", "follow_up=" + Id(fid));
    auto done = store::LoadFollowUp(c, id, fid);
    if (!done) throw IntegrityFailed();
    return FollowUpJson(s.cipher, *done);
  });
  co_return http::JsonResponse(200, done);
}

}  // namespace

void AddObligationRoutes(http::Router& router, Services& s) {
  AreaRoutes area(router, s, "/api/v1/cases/{id}", "agreements");
  const auto obligation = agreements::ObligationSchema(), payment = agreements::PaymentSchema(),
             follow_up = agreements::FollowUpSchema();
  area.Add(verb::post, "/obligations", "case.write",
           "Add an obligation of the agreement (amount in yuan per installment)",
           AddObligationRoute,
           {.body_schema = schema::Shape(
                "payer_party_id:integer payee_party_id:integer description:string amount:string "
                "schedule:string first_due:string installments:integer term:integer",
                "payer_party_id payee_party_id amount first_due"),
            .response_schema = obligation,
            .success_status = 201});
  area.Add(verb::get, "/obligations", "case.read",
           "The agreement's obligations with installments and standing today", ListObligationsRoute,
           {.response_schema = obligation, .paged = true});
  area.Add(verb::post, "/obligations/{oid}/payments", "case.write",
           "Record a payment (the last one fulfils the case and schedules a follow-up visit)",
           AddPaymentRoute,
           {.body_schema = schema::Object(
                {{"amount", "string"}, {"paid_on", "string"}, {"evidence", "string"}},
                {"amount", "paid_on"}),
            .response_schema = payment,
            .success_status = 201});
  area.Add(verb::get, "/obligations/{oid}/payments", "case.read",
           "Payments of an obligation, latest first", ListPaymentsRoute,
           {.response_schema = payment, .paged = true});
  area.Add(verb::get, "/follow-ups", "case.read", "Follow-up visits (回访) of the case",
           ListFollowUpsRoute, {.response_schema = follow_up, .paged = true});
  area.Add(verb::post, "/follow-ups/{fid}/done", "case.write",
           "Record a follow-up visit as done, with what was found", FollowUpDoneRoute,
           {.body_schema = schema::Shape("note:string", "note"), .response_schema = follow_up});
}

}  // namespace hejia::api
