// The mediation agreement (调解协议书) of a case: the draft (written or oral), its submission,
// the parties' confirmations (a one-time code by SMS, a paper signature, or an oral agreement
// recorded), the mediator's signature, the moment it takes effect (the case moves mediating ->
// agreed by itself), the judicial confirmation (司法确认) and the PDF. The SMS outbox list for
// operators lives here too. Obligations, payments and follow-up visits: obligations_api.cpp.
#include <sodium.h>

#include <boost/asio/use_awaitable.hpp>
#include <climits>
#include <cstdio>

#include "api/agreement_common.hpp"
#include "api/case_common.hpp"
#include "api/people_common.hpp"
#include "api/routes.hpp"
#include "api/schema.hpp"
#include "common/clock.hpp"
#include "common/error.hpp"
#include "domain/case_flow.hpp"
#include "domain/roles.hpp"
#include "http/json_body.hpp"
#include "http/paging.hpp"
#include "pdf/agreement_pdf.hpp"
#include "store/agreement_repo.hpp"

namespace hejia::api {

namespace asio = boost::asio;
namespace json = boost::json;
using http::bhttp::verb;

namespace {

using agreements::AutoTransition;
using cases::IntegrityFailed;
using cases::LoadOr404;
using cases::PathId;

std::string Id(int64_t id) {
  return std::to_string(id);
}

/// A body that may be empty (the console posts some actions without one).
http::JsonBody OptionalBody(const http::Request& req,
                            std::initializer_list<std::string_view> allowed) {
  const std::string_view text = req.raw.body();
  return http::JsonBody::Parse(text.empty() ? std::string_view("{}") : text, allowed);
}

store::AgreementRecord AgreementOr404(store::Connection& c, int64_t case_id) {
  auto a = store::LoadAgreement(c, case_id);
  if (!a) throw NotFound("该案件尚无调解协议 / the case has no agreement yet");
  return std::move(*a);
}

json::object View(store::Connection& c, const Services& s, int64_t case_id, bool reveal = false) {
  auto rec = store::LoadCaseAnywhere(c, case_id);
  auto a = store::LoadAgreement(c, case_id);
  if (!rec || !a) throw NotFound("该案件尚无调解协议 / the case has no agreement yet");
  auto j = store::AgreementJson(c, s.cipher, *rec, *a, reveal, s.clock.NowMillis());
  if (!j) throw IntegrityFailed();
  return std::move(*j);
}

store::EventInput AgreementEvent(const http::Request& req, std::string_view action,
                                 json::object data = {}) {
  store::EventInput e;
  e.kind = "agreement";
  e.actor_id = req.Caller().user_id;
  e.actor_name = req.Caller().display_name;
  data["action"] = action;
  e.data = std::move(data);
  return e;
}

void RequireMediating(const store::CaseRecord& rec) {
  if (rec.Status() != domain::CaseStatus::kMediating)
    throw Conflict(
        "只有调解中的案件可以起草或提交调解协议 / only a case in mediation can draft or "
        "submit its agreement",
        "status");
}

void RequireStatus(const store::AgreementRecord& a, std::string_view status,
                   std::string_view message) {
  if (a.status != status) throw Conflict(std::string(message), "status");
}

void CheckVersion(store::Connection& c, const Services& s, const store::AgreementRecord& a,
                  const std::optional<int64_t>& version) {
  if (version && *version != a.version) throw cases::Stale(View(c, s, a.case_id));
}

/// When every signatory has confirmed and the mediator has signed, the agreement takes effect and
/// the case moves mediating -> agreed (-> performing when obligations were already set). Returns
/// whether it took effect now.
bool TakeEffectIfComplete(store::Connection& c, const Services& s, const http::Request& req,
                          int64_t case_id) {
  auto a = store::LoadAgreement(c, case_id);
  if (!a || a->status != "awaiting_confirmation" || !a->mediator_signed_at) return false;
  if (!store::AllConfirmed(store::Signatories(c, *a))) return false;
  const int64_t now = s.clock.NowMillis();
  if (!store::UpdateAgreement(
          c, a->id, a->version,
          store::CaseUpdate().Set("status", "effective").Set("effective_at", now), now))
    throw Conflict("协议正被修改，请重试 / the agreement is being changed: retry", "version");
  store::InsertEvent(c, s.cipher, case_id, AgreementEvent(req, "effective"), now);
  s.Audit(c, ActorOf(req), "case", Id(case_id), "agreement_effective", "ok",
          "agreement=" + Id(a->id));
  auto rec = *store::LoadCaseAnywhere(c, case_id);
  if (rec.Status() != domain::CaseStatus::kAgreed)
    rec = AutoTransition(c, s, req, rec, domain::CaseAction::kAgree, "agreement_effective");
  if (rec.Status() == domain::CaseStatus::kAgreed && !store::LoadObligations(c, case_id).empty())
    AutoTransition(c, s, req, rec, domain::CaseAction::kPerform, "obligations");
  return true;
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
      out.obligations.push_back(store::ObligationJson(c, o, today));
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
    try {
      t.text = tb.OptString("text", store::kMaxTermText).value_or("");
      t.kind = tb.OptString("kind", 10).value_or("other");
    } catch (const ApiError& e) {
      throw Invalid(at + "." + e.field(), e.message());
    }
    if (t.text.empty()) throw Invalid(at + ".text", "请填写条款内容 / the term's text is required");
    if (!store::IsTermKind(t.kind))
      throw Invalid(at + ".kind", "应为 money、other 或 status / must be money, other or status");
    out.push_back(std::move(t));
  }
  return out;
}

asio::awaitable<http::Response> PutAgreementRoute(Services& s, http::Request& req) {
  const int64_t id = PathId(req);
  auto body =
      http::JsonBody::Parse(req.raw.body(), {"form", "facts", "disputes", "terms", "version"});
  const auto form = body.OptString("form", 10);
  if (form && *form != "written" && *form != "oral")
    throw Invalid("form", "应为 written 或 oral / must be written or oral");
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
      draft.form = form.value_or("written");
      draft.facts = facts.value_or("");
      draft.disputes = disputes.value_or("");
      draft.terms = terms;
      const int64_t agreement_id = store::InsertAgreement(c, s.cipher, id, draft, now);
      store::InsertEvent(c, s.cipher, id, AgreementEvent(req, "drafted"), now);
      s.Audit(c, ActorOf(req), "case", Id(id), "agreement_draft", "ok",
              "agreement=" + Id(agreement_id) + ";fields=" + fields);
      return View(c, s, id);
    }
    if (!version) throw Invalid("version", "请提供读取时的版本号 / send the version you read");
    CheckVersion(c, s, *existing, version);
    RequireStatus(*existing, "draft",
                  "协议已提交确认，不能再修改 / the agreement was submitted and is frozen");
    RequireMediating(rec);
    auto texts = store::DecryptAgreementTexts(s.cipher, *existing);
    if (!texts) throw IntegrityFailed();
    draft.form = form.value_or(existing->form);
    draft.facts = facts.value_or(texts->facts);
    draft.disputes = disputes.value_or(texts->disputes);
    draft.terms = has_terms ? terms : existing->Terms();
    if (!store::SaveAgreementDraft(c, s.cipher, existing->id, *version, draft, now))
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
  auto body = OptionalBody(req, {"version"});
  const auto version = body.OptInt("version", 1, INT64_MAX);
  const ScopeFilter scope = ScopeOf(req.Caller());
  const int64_t now = s.clock.NowMillis();
  auto job = [&](store::Connection& c) -> json::object {
    auto rec = LoadOr404(c, scope, id);
    auto a = AgreementOr404(c, id);
    CheckVersion(c, s, a, version);
    RequireStatus(a, "draft", "协议已提交 / the agreement was already submitted");
    RequireMediating(rec);
    auto texts = store::DecryptAgreementTexts(s.cipher, a);
    if (!texts) throw IntegrityFailed();
    if (texts->facts.empty()) throw Invalid("facts", "请填写纠纷主要事实 / the facts are required");
    if (texts->disputes.empty())
      throw Invalid("disputes", "请填写争议事项 / the points in dispute are required");
    if (a.Terms().empty()) throw Invalid("terms", "请至少填写一条协议条款 / at least one term");
    if (store::Signatories(c, a).empty())
      throw Invalid("parties",
                    "案件没有申请人或被申请人 / the case has no applicant or respondent");
    if (!store::UpdateAgreement(c, a.id, a.version,
                                store::CaseUpdate().Set("status", "awaiting_confirmation"), now))
      throw cases::Stale(View(c, s, id));
    store::InsertEvent(c, s.cipher, id, AgreementEvent(req, "submitted"), now);
    s.Audit(c, ActorOf(req), "case", Id(id), "agreement_submit", "ok",
            "agreement=" + Id(a.id) + ";form=" + a.form);
    return View(c, s, id);
  };
  auto saved = co_await cases::WriteShowingCurrent(s, req, id, job, "agreement;conflict_current");
  co_return http::JsonResponse(200, saved);
}

// ---- confirmations ----

store::Signatory SignatoryOr404(store::Connection& c, const store::AgreementRecord& a,
                                int64_t party_id) {
  for (auto& sg : store::Signatories(c, a))
    if (sg.party_id == party_id) return sg;
  if (store::FindPartyJson(c, a.case_id, party_id))
    throw Invalid("party_id",
                  "只有申请人和被申请人签署协议 / only the applicant and the respondent sign");
  throw NotFound("当事人不存在 / no such party");
}

std::string NewCode() {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%06u", randombytes_uniform(1000000));
  return buf;
}

bool IsMobile(const std::string& phone) {
  return phone.size() == 11 && phone[0] == '1';
}

asio::awaitable<http::Response> SendCodeRoute(Services& s, http::Request& req) {
  const int64_t id = PathId(req);
  const int64_t party_id = PathId(req, "pid");
  OptionalBody(req, {});
  const ScopeFilter scope = ScopeOf(req.Caller());
  const int64_t now = s.clock.NowMillis();
  auto sent = co_await s.db.Write([&](store::Connection& c) -> json::object {
    auto rec = LoadOr404(c, scope, id);
    auto a = AgreementOr404(c, id);
    RequireStatus(a, "awaiting_confirmation",
                  "协议提交后才能由当事人确认 / the agreement is not awaiting confirmation");
    if (a.form == "oral")
      throw Conflict(
          "口头协议由调解员登记确认，无需验证码 / an oral agreement is recorded, not "
          "confirmed by code",
          "form");
    const auto sg = SignatoryOr404(c, a, party_id);
    if (sg.confirmed_at) throw Conflict("该当事人已确认 / this party has confirmed", "party_id");
    if (auto last = sg.CodeSentAt(); last && now < *last + store::kOtpResendMs) {
      const int64_t wait = (*last + store::kOtpResendMs - now + 999) / 1000;
      throw ApiError(ErrorKind::kTooManyRequests, "rate_limited",
                     "验证码发送过于频繁，请 " + std::to_string(wait) +
                         " 秒后再试 / a code was sent less than a minute ago")
          .WithRetryAfter(static_cast<int>(wait));
    }
    auto phone = store::PartyPhone(c, s.cipher, id, party_id);
    if (!phone) throw IntegrityFailed();
    if (!IsMobile(*phone))
      throw Invalid("phone",
                    "该当事人没有登记手机号码，请改为书面签字确认 / the party has no mobile number "
                    "on file: record a paper signature instead");
    const std::string code = NewCode();
    const int64_t expires = now + store::kOtpValidMs;
    store::SaveOtp(c, a.id, party_id, store::OtpHash(s.cipher, a.id, party_id, code), expires);
    // The message names the case and the document, never the other party.
    const std::string text =
        "【和家】您的调解协议确认码为 " + code + "，10 分钟内有效。案件 " + rec.case_no +
        "《人民调解协议书》，确认即表示您同意协议全部内容。请勿将确认码告诉他人。";
    const int64_t sms_id = store::EnqueueSms(c, s.cipher, *phone, text, "agreement_otp", now);
    store::InsertEvent(c, s.cipher, id,
                       AgreementEvent(req, "code_sent", json::object{{"party_id", party_id}}), now);
    s.Audit(c, ActorOf(req), "case", Id(id), "agreement_code", "ok",
            "party=" + Id(party_id) + ";sms=" + Id(sms_id));
    return json::object{{"party_id", party_id},
                        {"phone", sg.phone_mask},
                        {"expires_at", FormatBeijing(expires)},
                        {"resend_after", FormatBeijing(now + store::kOtpResendMs)}};
  });
  co_return http::JsonResponse(200, sent);
}

bool SameHash(const std::string& a, const std::string& b) {
  return a.size() == b.size() && !a.empty() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

asio::awaitable<http::Response> ConfirmRoute(Services& s, http::Request& req) {
  const int64_t id = PathId(req);
  const int64_t party_id = PathId(req, "pid");
  auto body = http::JsonBody::Parse(req.raw.body(), {"code", "paper", "note"});
  const auto code = body.OptString("code", 12);
  const bool paper = body.OptBool("paper").value_or(false);
  const std::string note = body.OptString("note", 500).value_or("");
  if (code && paper)
    throw Invalid("code", "验证码与书面签字二选一 / send either a code or paper: true");
  if (!code && !paper)
    throw Invalid("code", "请输入验证码，或登记书面签字 / enter the code, or record paper: true");
  if (code && (code->size() != 6 || code->find_first_not_of("0123456789") != std::string::npos))
    throw Invalid("code", "验证码为 6 位数字 / the code has 6 digits");
  const ScopeFilter scope = ScopeOf(req.Caller());
  const int64_t now = s.clock.NowMillis();
  struct Outcome {
    json::object view;
    std::optional<ApiError> refused;
  };
  // A wrong code is counted and audited: that part commits, then the answer is the refusal.
  auto outcome = co_await s.db.Write([&](store::Connection& c) -> Outcome {
    LoadOr404(c, scope, id);
    auto a = AgreementOr404(c, id);
    RequireStatus(a, "awaiting_confirmation",
                  "协议不在待确认状态 / the agreement is not awaiting confirmation");
    const auto sg = SignatoryOr404(c, a, party_id);
    if (sg.confirmed_at) throw Conflict("该当事人已确认 / this party has confirmed", "party_id");
    std::string method = paper ? (a.form == "oral" ? "oral" : "paper") : "otp";
    if (code) {
      if (a.form == "oral")
        throw Invalid("code",
                      "口头协议请登记确认（paper: true）/ record an oral agreement with "
                      "paper: true");
      auto refuse = [&](std::string reason, std::string message, json::value tries_left) {
        s.Audit(c, ActorOf(req), "case", Id(id), "agreement_confirm", "denied",
                "party=" + Id(party_id) + ";" + reason);
        return Outcome{{},
                       Invalid("code", std::move(message))
                           .WithDetails(json::object{{"reason", reason},
                                                     {"tries_left", std::move(tries_left)}})};
      };
      if (sg.code_hash.empty())
        return sg.attempts >= store::kOtpMaxTries
                   ? refuse("too_many_tries",
                            "错误次数过多，验证码已失效，请重新发送 / too many wrong tries: send a "
                            "new code",
                            0)
                   : refuse("no_code", "请先发送验证码 / send a code first", nullptr);
      if (!sg.code_expires_at || *sg.code_expires_at <= now)
        return refuse("expired", "验证码已过期，请重新发送 / the code has expired: send a new one",
                      nullptr);
      if (!SameHash(sg.code_hash, store::OtpHash(s.cipher, a.id, party_id, *code))) {
        const int left = store::CountWrongOtp(c, a.id, party_id);
        return left == 0
                   ? refuse("too_many_tries",
                            "验证码错误次数过多，已失效，请重新发送 / too many wrong tries: "
                            "send a new code",
                            0)
                   : refuse("wrong_code",
                            "验证码不正确，还可尝试 " + std::to_string(left) + " 次 / wrong code",
                            left);
      }
    }
    store::ConfirmParty(c, a.id, party_id, method, req.Caller().user_id, now);
    auto e =
        AgreementEvent(req, "confirmed", json::object{{"party_id", party_id}, {"method", method}});
    e.text = note;  // what the paper or the recording says, encrypted like every event text
    store::InsertEvent(c, s.cipher, id, e, now);
    s.Audit(c, ActorOf(req), "case", Id(id), "agreement_confirm", "ok",
            "party=" + Id(party_id) + ";method=" + method);
    TakeEffectIfComplete(c, s, req, id);
    return Outcome{View(c, s, id), std::nullopt};
  });
  if (outcome.refused) throw *outcome.refused;
  co_return http::JsonResponse(200, outcome.view);
}

asio::awaitable<http::Response> SignRoute(Services& s, http::Request& req) {
  const int64_t id = PathId(req);
  auto body = OptionalBody(req, {"version"});
  const auto version = body.OptInt("version", 1, INT64_MAX);
  const ScopeFilter scope = ScopeOf(req.Caller());
  const int64_t now = s.clock.NowMillis();
  auto job = [&](store::Connection& c) -> json::object {
    LoadOr404(c, scope, id);
    auto a = AgreementOr404(c, id);
    CheckVersion(c, s, a, version);
    RequireStatus(a, "awaiting_confirmation",
                  "协议提交后才能签署 / the agreement is not awaiting signatures");
    if (a.mediator_signed_at)
      throw Conflict("调解员已签署 / the mediator has signed already", "mediator_signed_at");
    if (!store::UpdateAgreement(c, a.id, a.version,
                                store::CaseUpdate().Set("mediator_signed_at", now), now))
      throw cases::Stale(View(c, s, id));
    store::InsertEvent(c, s.cipher, id, AgreementEvent(req, "signed"), now);
    s.Audit(c, ActorOf(req), "case", Id(id), "agreement_sign", "ok", "agreement=" + Id(a.id));
    TakeEffectIfComplete(c, s, req, id);
    return View(c, s, id);
  };
  auto saved = co_await cases::WriteShowingCurrent(s, req, id, job, "agreement;conflict_current");
  co_return http::JsonResponse(200, saved);
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
  const std::string result = body.OptString("result", 20).value_or("");
  const auto version = body.OptInt("version", 1, INT64_MAX);
  const int64_t now = s.clock.NowMillis();
  if (!applied_at) throw Invalid("applied_at", "请填写申请时间 / the application time is required");
  if (*applied_at > now)
    throw Invalid("applied_at", "申请时间不能晚于现在 / cannot be in the future");
  if (court.empty()) throw Invalid("court", "请填写受理法院 / the court is required");
  if (!result.empty() && result != "confirmed" && result != "rejected")
    throw Invalid("result", "应为 confirmed 或 rejected / must be confirmed or rejected");
  if (decided_at.has_value() != !result.empty())
    throw Invalid(decided_at ? "result" : "decided_at",
                  "裁定时间与结果须一并填写 / the decision time and result go together");
  if (decided_at && (*decided_at < *applied_at || *decided_at > now))
    throw Invalid("decided_at",
                  "裁定时间应在申请之后、不晚于现在 / decided after the application, not in the "
                  "future");
  const ScopeFilter scope = ScopeOf(req.Caller());
  auto job = [&](store::Connection& c) -> json::object {
    LoadOr404(c, scope, id);
    auto a = AgreementOr404(c, id);
    CheckVersion(c, s, a, version);
    RequireStatus(a, "effective",
                  "协议生效后才能申请司法确认 / only an effective agreement can be confirmed");
    for (const auto& t : a.Terms())
      if (t.kind == "status")
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
    store::CaseUpdate update;
    update.Set("judicial_applied_at", *applied_at)
        .Set("judicial_court", court)
        .Set("judicial_case_no", court_case_no)
        .Set("judicial_result", result)
        .Set("judicial_decided_at", decided_at ? store::Value(*decided_at) : store::Value());
    if (!store::UpdateAgreement(c, a.id, a.version, update, now))
      throw cases::Stale(View(c, s, id));
    store::InsertEvent(
        c, s.cipher, id,
        AgreementEvent(
            req, "judicial",
            json::object{{"result", result.empty() ? json::value(nullptr) : json::value(result)}}),
        now);
    s.Audit(c, ActorOf(req), "case", Id(id), "agreement_judicial", "ok",
            "agreement=" + Id(a.id) + (result.empty() ? ";applied" : ";result=" + result));
    return View(c, s, id);
  };
  auto saved = co_await cases::WriteShowingCurrent(s, req, id, job, "agreement;conflict_current");
  co_return http::JsonResponse(200, saved);
}

// ---- the SMS outbox, for operators ----

asio::awaitable<http::Response> ListSmsOutboxRoute(Services& s, http::Request& req) {
  auto page = http::ParsePage(req, {}, "id", true);
  const store::PageSpec spec{page.page_size, page.Offset(), true};
  auto text = co_await s.db.Read([&](store::Connection& c) {
    auto result = store::ListSmsOutbox(c, s.cipher, spec);
    return json::serialize(http::PageBody(std::move(result.items), page, result.total));
  });
  co_return people::JsonText(std::move(text));
}

// ---- schemas ----

json::value AgreementSchema() {
  return schema::Object({{"id", "integer"},          {"case_id", "integer"},
                         {"case_no", "string"},      {"case_status", "string"},
                         {"category", "string"},     {"number", "string"},
                         {"committee", "string"},    {"form", "string"},
                         {"status", "string"},       {"facts", "string"},
                         {"disputes", "string"},     {"terms", "object[]"},
                         {"parties", "object[]"},    {"confirmations", "object[]"},
                         {"mediator", "object"},     {"mediator_signed_at", "string"},
                         {"effective_at", "string"}, {"judicial", "object"},
                         {"revealed", "boolean"},    {"created_at", "string"},
                         {"updated_at", "string"},   {"version", "integer"}});
}

}  // namespace

namespace agreements {

store::CaseRecord AutoTransition(store::Connection& c, const Services& s, const http::Request& req,
                                 const store::CaseRecord& rec, domain::CaseAction action,
                                 std::string_view why) {
  store::EventInput e;
  e.actor_id = req.Caller().user_id;
  e.actor_name = req.Caller().display_name;
  e.data = json::object{{"auto", why}};
  auto next = store::ApplyCaseAction(c, s.cipher, rec, action, e, s.clock.NowMillis());
  s.Audit(c, ActorOf(req), "case", Id(rec.id), "transition", "ok",
          "action=" + std::string(domain::ToString(action)) + ";from=" + rec.status +
              ";to=" + next.status + ";auto=" + std::string(why));
  return next;
}

}  // namespace agreements

void AddAgreementRoutes(http::Router& router, Services& s) {
  const json::value agreement = AgreementSchema();
  router.Add({.method = verb::get,
              .pattern = "/api/v1/cases/{id}/agreement",
              .permission = "case.read",
              .summary = "The case's mediation agreement with parties, confirmations and judicial "
                         "confirmation (audited; reveal=1 needs case.reveal)",
              .tag = "agreements",
              .query = {{"reveal", "integer", "1: the parties' full addresses (case.reveal)"}},
              .response_schema = agreement,
              .handler = [&s](http::Request& r) { return GetAgreementRoute(s, r); }});
  router.Add({.method = verb::put,
              .pattern = "/api/v1/cases/{id}/agreement",
              .permission = "case.write",
              .summary = "Draft or edit the agreement (while mediating, until submitted)",
              .tag = "agreements",
              .body_schema = schema::Object({{"form", "string"},
                                             {"facts", "string"},
                                             {"disputes", "string"},
                                             {"terms", "object[]"},
                                             {"version", "integer"}}),
              .response_schema = agreement,
              .handler = [&s](http::Request& r) { return PutAgreementRoute(s, r); }});
  router.Add({.method = verb::post,
              .pattern = "/api/v1/cases/{id}/agreement/submit",
              .permission = "case.write",
              .summary = "Freeze the text and ask the parties to confirm",
              .tag = "agreements",
              .body_schema = schema::Object({{"version", "integer"}}),
              .response_schema = agreement,
              .handler = [&s](http::Request& r) { return SubmitAgreementRoute(s, r); }});
  router.Add({.method = verb::post,
              .pattern = "/api/v1/cases/{id}/agreement/sign",
              .permission = "case.write",
              .summary = "The mediator signs (the agreement takes effect once every party has "
                         "confirmed)",
              .tag = "agreements",
              .body_schema = schema::Object({{"version", "integer"}}),
              .response_schema = agreement,
              .handler = [&s](http::Request& r) { return SignRoute(s, r); }});
  router.Add({.method = verb::post,
              .pattern = "/api/v1/cases/{id}/agreement/confirmations/{pid}/code",
              .permission = "case.write",
              .summary = "Send the party a one-time confirmation code by SMS (once a minute)",
              .tag = "agreements",
              .response_schema = schema::Object({{"party_id", "integer"},
                                                 {"phone", "string"},
                                                 {"expires_at", "string"},
                                                 {"resend_after", "string"}}),
              .handler = [&s](http::Request& r) { return SendCodeRoute(s, r); }});
  router.Add({.method = verb::post,
              .pattern = "/api/v1/cases/{id}/agreement/confirmations/{pid}",
              .permission = "case.write",
              .summary = "Record a party's confirmation: the code they received, or a paper "
                         "signature / oral agreement (paper: true)",
              .tag = "agreements",
              .body_schema =
                  schema::Object({{"code", "string"}, {"paper", "boolean"}, {"note", "string"}}),
              .response_schema = agreement,
              .handler = [&s](http::Request& r) { return ConfirmRoute(s, r); }});
  router.Add({.method = verb::get,
              .pattern = "/api/v1/cases/{id}/agreement/pdf",
              .permission = "case.read",
              .summary = "The agreement as an A4 PDF (audited; reveal=1 needs case.reveal)",
              .tag = "agreements",
              .query = {{"reveal", "integer", "1: the parties' full addresses (case.reveal)"}},
              .handler = [&s](http::Request& r) { return GetAgreementPdfRoute(s, r); }});
  router.Add({.method = verb::put,
              .pattern = "/api/v1/cases/{id}/agreement/judicial",
              .permission = "case.write",
              .summary = "The judicial confirmation: applied within 30 days of effect; not for "
                         "marriage or identity terms",
              .tag = "agreements",
              .body_schema = schema::Object({{"applied_at", "string"},
                                             {"court", "string"},
                                             {"court_case_no", "string"},
                                             {"result", "string"},
                                             {"decided_at", "string"},
                                             {"version", "integer"}},
                                            {"applied_at", "court"}),
              .response_schema = agreement,
              .handler = [&s](http::Request& r) { return PutJudicialRoute(s, r); }});
  router.Add({.method = verb::get,
              .pattern = "/api/v1/sms-outbox",
              .permission = "case.settings",
              .summary = "Text messages queued and sent (phone masked, never the text)",
              .tag = "agreements",
              .response_schema = schema::Object({{"id", "integer"},
                                                 {"phone", "string"},
                                                 {"purpose", "string"},
                                                 {"status", "string"},
                                                 {"attempts", "integer"},
                                                 {"next_attempt_at", "string"},
                                                 {"sent_at", "string"},
                                                 {"last_error", "string"},
                                                 {"created_at", "string"}}),
              .paged = true,
              .handler = [&s](http::Request& r) { return ListSmsOutboxRoute(s, r); }});
  AddObligationRoutes(router, s);
}

}  // namespace hejia::api
