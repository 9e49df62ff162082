// The mediation agreement (调解协议书) of a case: reading it (audited, also as a PDF), the draft
// (written or oral), its submission, the judicial confirmation (司法确认) and, for operators, the
// SMS outbox. The parties' confirmations and the mediator's signature:
// agreement_confirmations_api.cpp; obligations, payments and follow-up visits:
// obligations_api.cpp; the response shapes: agreement_json.cpp.
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
#include "domain/case_flow.hpp"
#include "domain/roles.hpp"
#include "http/json_body.hpp"
#include "http/paging.hpp"
#include "pdf/agreement_pdf.hpp"
#include "store/agreement_repo.hpp"
#include "store/obligation_repo.hpp"
#include "store/sms_outbox.hpp"

namespace hejia::api {

namespace {

using namespace agreements;
using domain::AgreementStatus;

void RequireMediating(const store::CaseRecord& rec) {
  if (rec.Status() != domain::CaseStatus::kMediating)
    throw Conflict(
        "只有调解中的案件可以起草或提交调解协议 / only a case in mediation can draft or "
        "submit its agreement",
        "status");
}

// ---- reading ----

bool WantsReveal(const http::Request& req) {
  if (http::QueryInt(req, "reveal", 0, 1).value_or(0) != 1) return false;
  if (!domain::RoleHas(req.Caller().role, "case.reveal"))
    throw Forbidden("需要查看当事人完整信息的权限 / needs the case.reveal permission");
  return true;
}

asio::awaitable<http::Response> GetAgreementRoute(Services& s, http::Request& req) {
  const int64_t id = PathId(req);
  const bool reveal = WantsReveal(req);
  const ScopeFilter scope = ScopeOf(req.Caller());
  // The agreement shows the facts of the dispute (and, revealed, the parties' addresses): the
  // read is audited and the texts leave only with their committed audit row.
  auto view = co_await s.db.Write([&](store::Connection& c) {
    LoadOr404(c, scope, id);
    AgreementOr404(c, id);
    json::object out = View(c, s, id, reveal);
    s.Audit(c, ActorOf(req), "case", Id(id), "read", "ok",
            reveal ? "agreement;revealed=address" : "agreement");
    return out;
  });
  co_return http::JsonResponse(200, view);
}

asio::awaitable<http::Response> GetAgreementPdfRoute(Services& s, http::Request& req) {
  const int64_t id = PathId(req);
  const bool reveal = WantsReveal(req);
  const ScopeFilter scope = ScopeOf(req.Caller());
  const std::string today = people::TodayBeijing(s.clock);
  struct Loaded {
    json::object agreement;
    json::array obligations;
  };
  auto loaded = co_await s.db.Write([&](store::Connection& c) {
    LoadOr404(c, scope, id);
    AgreementOr404(c, id);
    Loaded out;
    out.agreement = View(c, s, id, reveal);
    for (const auto& o : store::LoadObligations(c, id))
      out.obligations.push_back(ObligationJson(c, o, today));
    s.Audit(c, ActorOf(req), "case", Id(id), "read", "ok",
            reveal ? "agreement_pdf;revealed=address" : "agreement_pdf");
    return out;
  });
  // Layout and drawing take a few tens of milliseconds: on a reader thread, not an I/O thread.
  auto pdf = co_await s.db.Read([&](store::Connection&) {
    return pdf::RenderAgreementPdf(loaded.agreement, loaded.obligations);
  });
  const std::string case_no(loaded.agreement.at("case_no").as_string());
  http::Response res{http::bhttp::status::ok, 11};
  res.set(http::bhttp::field::content_type, "application/pdf");
  res.set(http::bhttp::field::content_disposition,
          cases::ContentDisposition("agreement-" + case_no + ".pdf",
                                    "人民调解协议书-" + case_no + ".pdf"));
  res.set("X-Content-Type-Options", "nosniff");
  res.set(http::bhttp::field::cache_control, "no-store");
  res.body() = std::move(pdf);
  res.prepare_payload();
  co_return res;
}

// ---- the draft ----

std::vector<store::AgreementTerm> ReadTerms(const json::object& body) {
  const auto* v = body.if_contains("terms");
  if (!v || v->is_null()) return {};
  if (!v->is_array()) throw Invalid("terms", "应为数组 / must be an array");
  if (static_cast<int64_t>(v->as_array().size()) > store::kMaxTerms)
    throw Invalid("terms", "协议条款最多 30 条 / at most 30 terms");
  std::vector<store::AgreementTerm> out;
  for (size_t i = 0; i < v->as_array().size(); ++i) {
    const std::string at = "terms[" + std::to_string(i) + "]";
    const auto& item = v->as_array()[i];
    if (!item.is_object()) throw Invalid(at, "应为对象 / must be an object");
    http::JsonBody tb = [&] {
      try {
        return http::JsonBody::Parse(json::serialize(item),
                                     {"text", "kind", "index", "obligation"});
      } catch (const ApiError& e) {
        throw Invalid(at + "." + e.field(), e.message());
      }
    }();
    store::AgreementTerm t;
    std::string kind;
    try {
      t.text = tb.OptString("text", store::kMaxTermText).value_or("");
      kind = tb.OptString("kind", 10).value_or("other");
    } catch (const ApiError& e) {
      throw Invalid(at + "." + e.field(), e.message());
    }
    if (t.text.empty()) throw Invalid(at + ".text", "请填写条款内容 / the term's text is required");
    const auto parsed = domain::ParseTermKind(kind);
    if (!parsed)
      throw Invalid(at + ".kind", "应为 money、other 或 status / must be money, other or status");
    t.kind = *parsed;
    out.push_back(std::move(t));
  }
  return out;
}

asio::awaitable<http::Response> PutAgreementRoute(Services& s, http::Request& req) {
  const int64_t id = PathId(req);
  auto body =
      http::JsonBody::Parse(req.raw.body(), {"form", "facts", "disputes", "terms", "version"});
  std::optional<domain::AgreementForm> form;
  if (auto code = body.OptString("form", 10)) {
    form = domain::ParseAgreementForm(*code);
    if (!form) throw Invalid("form", "应为 written 或 oral / must be written or oral");
  }
  const auto facts = body.OptString("facts", store::kMaxAgreementFacts);
  const auto disputes = body.OptString("disputes", store::kMaxAgreementDisputes);
  if (facts) store::CheckCaseText(*facts, "facts", store::kMaxAgreementFacts, true);
  if (disputes) store::CheckCaseText(*disputes, "disputes", store::kMaxAgreementDisputes, true);
  const bool has_terms = body.Has("terms");
  const auto terms = ReadTerms(body.object());
  const auto version = body.OptInt("version", 1, INT64_MAX);
  const ScopeFilter scope = ScopeOf(req.Caller());
  const int64_t now = s.clock.NowMillis();
  std::string fields;
  for (const auto& kv : body.object())
    if (kv.key() != "version") fields += (fields.empty() ? "" : ",") + std::string(kv.key());
  auto job = [&](store::Connection& c) -> json::object {
    auto rec = LoadOr404(c, scope, id);
    auto existing = store::LoadAgreement(c, id);
    store::AgreementDraft draft;
    if (!existing) {
      RequireMediating(rec);
      draft.form = form.value_or(domain::AgreementForm::kWritten);
      draft.facts = facts.value_or("");
      draft.disputes = disputes.value_or("");
      draft.terms_json = TermsText(terms);
      const int64_t agreement_id = store::InsertAgreement(c, s.cipher, id, draft, now);
      store::InsertEvent(c, s.cipher, id, AgreementEvent(req, "drafted"), now);
      s.Audit(c, ActorOf(req), "case", Id(id), "agreement_draft", "ok",
              "agreement=" + Id(agreement_id) + ";fields=" + fields);
      return View(c, s, id);
    }
    if (!version) throw Invalid("version", "请提供读取时的版本号 / send the version you read");
    CheckVersion(c, s, *existing, version);
    RequireStatus(*existing, AgreementStatus::kDraft,
                  "协议已提交确认，不能再修改 / the agreement was submitted and is frozen");
    RequireMediating(rec);
    auto texts = store::DecryptAgreementTexts(s.cipher, *existing);
    if (!texts) throw IntegrityFailed();
    draft.form = form.value_or(existing->form);
    draft.facts = facts.value_or(texts->facts);
    draft.disputes = disputes.value_or(texts->disputes);
    draft.terms_json = has_terms ? TermsText(terms) : existing->terms_json;
    if (!store::SaveAgreementDraft(c, s.cipher, *existing, draft, now))
      throw cases::Stale(View(c, s, id));
    store::InsertEvent(c, s.cipher, id, AgreementEvent(req, "edited"), now);
    s.Audit(c, ActorOf(req), "case", Id(id), "agreement_update", "ok",
            "agreement=" + Id(existing->id) + ";fields=" + fields);
    return View(c, s, id);
  };
  auto saved = co_await cases::WriteShowingCurrent(s, req, id, job, "agreement;conflict_current");
  co_return http::JsonResponse(200, saved);
}

asio::awaitable<http::Response> SubmitAgreementRoute(Services& s, http::Request& req) {
  const int64_t id = PathId(req);
  const auto version = OptionalVersion(req);
  const int64_t now = s.clock.NowMillis();
  auto submit = [&](store::Connection& c, const store::CaseRecord& rec,
                    const store::AgreementRecord& a) {
    RequireStatus(a, AgreementStatus::kDraft, "协议已提交 / the agreement was already submitted");
    RequireMediating(rec);
    auto texts = store::DecryptAgreementTexts(s.cipher, a);
    if (!texts) throw IntegrityFailed();
    if (texts->facts.empty()) throw Invalid("facts", "请填写纠纷主要事实 / the facts are required");
    if (texts->disputes.empty())
      throw Invalid("disputes", "请填写争议事项 / the points in dispute are required");
    if (TermsOf(a).empty()) throw Invalid("terms", "请至少填写一条协议条款 / at least one term");
    if (store::Signatories(c, a).empty())
      throw Invalid("parties",
                    "案件没有申请人或被申请人 / the case has no applicant or respondent");
    if (!store::SubmitAgreement(c, a, now)) throw cases::Stale(View(c, s, id));
    store::InsertEvent(c, s.cipher, id, AgreementEvent(req, "submitted"), now);
    s.Audit(c, ActorOf(req), "case", Id(id), "agreement_submit", "ok",
            "agreement=" + Id(a.id) + ";form=" + std::string(domain::ToString(a.form)));
  };
  co_return co_await ChangeAgreement(s, req, id, version, submit);
}

// ---- judicial confirmation ----

asio::awaitable<http::Response> PutJudicialRoute(Services& s, http::Request& req) {
  const int64_t id = PathId(req);
  auto body = http::JsonBody::Parse(
      req.raw.body(), {"applied_at", "court", "court_case_no", "result", "decided_at", "version"});
  const auto applied_at = cases::OptTime(body.object(), "applied_at");
  const auto decided_at = cases::OptTime(body.object(), "decided_at");
  const std::string court = body.OptString("court", store::kMaxJudicialCourt).value_or("");
  const std::string court_case_no =
      body.OptString("court_case_no", store::kMaxJudicialCaseNo).value_or("");
  const std::string result_code = body.OptString("result", 20).value_or("");
  const auto version = body.OptInt("version", 1, INT64_MAX);
  const int64_t now = s.clock.NowMillis();
  if (!applied_at) throw Invalid("applied_at", "请填写申请时间 / the application time is required");
  if (*applied_at > now)
    throw Invalid("applied_at", "申请时间不能晚于现在 / cannot be in the future");
  if (court.empty()) throw Invalid("court", "请填写受理法院 / the court is required");
  const auto result = domain::ParseJudicialResult(result_code);
  if (!result_code.empty() && !result)
    throw Invalid("result", "应为 confirmed 或 rejected / must be confirmed or rejected");
  if (decided_at.has_value() != result.has_value())
    throw Invalid(decided_at ? "result" : "decided_at",
                  "裁定时间与结果须一并填写 / the decision time and result go together");
  if (decided_at && (*decided_at < *applied_at || *decided_at > now))
    throw Invalid("decided_at",
                  "裁定时间应在申请之后、不晚于现在 / decided after the application, not in the "
                  "future");
  auto apply = [&](store::Connection& c, const store::CaseRecord&,
                   const store::AgreementRecord& a) {
    RequireStatus(a, AgreementStatus::kEffective,
                  "协议生效后才能申请司法确认 / only an effective agreement can be confirmed");
    for (const auto& t : TermsOf(a))
      if (!domain::JudiciallyConfirmable(t.kind))
        throw Invalid("terms",
                      "协议含有婚姻、身份关系条款，不能申请司法确认 / terms on marriage or "
                      "identity cannot be judicially confirmed");
    if (*applied_at < *a.effective_at)
      throw Invalid("applied_at", "申请时间早于协议生效时间 / before the agreement took effect");
    if (*applied_at > *a.effective_at + store::kJudicialWindowMs)
      throw Invalid("applied_at",
                    "应在协议生效之日起 30 日内申请司法确认 / apply within 30 days of the "
                    "agreement taking effect (deadline " +
                        FormatBeijing(*a.effective_at + store::kJudicialWindowMs) + ")");
    if (!store::SaveJudicial(c, a, {*applied_at, court, court_case_no, result, decided_at}, now))
      throw cases::Stale(View(c, s, id));
    store::InsertEvent(
        c, s.cipher, id,
        AgreementEvent(req, "judicial",
                       json::object{{"result", result ? json::value(result_code) : nullptr}}),
        now);
    s.Audit(c, ActorOf(req), "case", Id(id), "agreement_judicial", "ok",
            "agreement=" + Id(a.id) + (result ? ";result=" + result_code : ";applied"));
  };
  co_return co_await ChangeAgreement(s, req, id, version, apply);
}

// ---- the SMS outbox, for operators ----

asio::awaitable<http::Response> ListSmsOutboxRoute(Services& s, http::Request& req) {
  auto page = http::ParsePage(req, {}, "id", true);
  const store::PageSpec spec{page.page_size, page.Offset(), true};
  auto text = co_await s.db.Read([&](store::Connection& c) {
    auto result = store::ListSmsOutbox(c, s.cipher, spec);
    json::array items;
    for (const auto& m : result.items) items.push_back(SmsJson(m));
    return json::serialize(http::PageBody(std::move(items), page, result.total));
  });
  co_return people::JsonText(std::move(text));
}

}  // namespace

void AddAgreementRoutes(http::Router& router, Services& s) {
  const json::value agreement = agreements::AgreementSchema();
  const http::QueryParam reveal{"reveal", "integer",
                                "1: the parties' full addresses (case.reveal)"};
  AreaRoutes area(router, s, "/api/v1/cases/{id}/agreement", "agreements");
  area.Add(verb::get, "", "case.read",
           "The case's mediation agreement with parties, confirmations and judicial confirmation "
           "(audited; reveal=1 needs case.reveal)",
           GetAgreementRoute, {.query = {reveal}, .response_schema = agreement});
  area.Add(verb::put, "", "case.write",
           "Draft or edit the agreement (while mediating, until submitted)", PutAgreementRoute,
           {.body_schema = schema::Shape(
                "form:string facts:string disputes:string terms:object[] version:integer"),
            .response_schema = agreement});
  area.Add(verb::post, "/submit", "case.write", "Freeze the text and ask the parties to confirm",
           SubmitAgreementRoute,
           {.body_schema = schema::Shape("version:integer"), .response_schema = agreement});
  area.Add(verb::get, "/pdf", "case.read",
           "The agreement as an A4 PDF (audited; reveal=1 needs case.reveal)", GetAgreementPdfRoute,
           {.query = {reveal}});
  area.Add(verb::put, "/judicial", "case.write",
           "The judicial confirmation: applied within 30 days of effect; not for marriage or "
           "identity terms",
           PutJudicialRoute,
           {.body_schema = schema::Shape("applied_at:string court:string court_case_no:string "
                                         "result:string decided_at:string version:integer",
                                         "applied_at court"),
            .response_schema = agreement});
  AreaRoutes(router, s, "/api/v1/sms-outbox", "agreements")
      .Add(verb::get, "", "case.settings",
           "Text messages queued and sent (phone masked, never the text)", ListSmsOutboxRoute,
           {.response_schema = agreements::SmsSchema(), .paged = true});
}

}  // namespace hejia::api
