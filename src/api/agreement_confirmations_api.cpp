// The parties' confirmations of a submitted mediation agreement (a one-time code by SMS, a paper
// signature, or an oral agreement recorded) and the mediator's signature; when the last of them
// is in, the agreement takes effect and the case moves mediating -> agreed by itself.
// Registered from AddAgreementRoutes (agreements_api.cpp).
#include <sodium.h>

#include <boost/asio/use_awaitable.hpp>
#include <cstdio>

#include "api/agreement_common.hpp"
#include "api/agreement_json.hpp"
#include "api/case_common.hpp"
#include "api/routes.hpp"
#include "api/routes_kit.hpp"
#include "api/schema.hpp"
#include "common/clock.hpp"
#include "common/error.hpp"
#include "http/json_body.hpp"
#include "store/agreement_repo.hpp"
#include "store/obligation_repo.hpp"
#include "store/sms_outbox.hpp"

namespace hejia::api {

namespace {

using namespace agreements;
using domain::AgreementForm;
using domain::AgreementStatus;
using domain::ConfirmationMethod;

/// When every signatory has confirmed and the mediator has signed, the agreement takes effect and
/// the case moves mediating -> agreed (-> performing when obligations were already set). Returns
/// whether it took effect now.
bool TakeEffectIfComplete(store::Connection& c, const Services& s, const http::Request& req,
                          int64_t case_id) {
  auto a = store::LoadAgreement(c, case_id);
  if (!a || a->status != AgreementStatus::kAwaitingConfirmation || !a->mediator_signed_at)
    return false;
  if (!store::AllConfirmed(store::Signatories(c, *a))) return false;
  const int64_t now = s.clock.NowMillis();
  if (!store::MakeAgreementEffective(c, *a, now))
    throw Conflict("协议正被修改，请重试 / the agreement is being changed: retry", "version");
  store::InsertEvent(c, s.cipher, case_id, AgreementEvent(req, "effective"), now);
  s.Audit(c, ActorOf(req), "case", Id(case_id), "agreement_effective", "ok",
          "agreement=" + Id(a->id));
  auto rec = Reloaded(store::LoadCaseAnywhere(c, case_id));
  if (rec.Status() != domain::CaseStatus::kAgreed)
    rec = AutoTransition(c, s, req, rec, domain::CaseAction::kAgree, "agreement_effective");
  if (rec.Status() == domain::CaseStatus::kAgreed && !store::LoadObligations(c, case_id).empty())
    AutoTransition(c, s, req, rec, domain::CaseAction::kPerform, "obligations");
  return true;
}

// ---- the mediator's signature ----

asio::awaitable<http::Response> SignRoute(Services& s, http::Request& req) {
  const int64_t id = PathId(req);
  const auto version = OptionalVersion(req);
  const int64_t now = s.clock.NowMillis();
  auto sign = [&](store::Connection& c, const store::CaseRecord&, const store::AgreementRecord& a) {
    RequireStatus(a, AgreementStatus::kAwaitingConfirmation,
                  "协议提交后才能签署 / the agreement is not awaiting signatures");
    if (a.mediator_signed_at)
      throw Conflict("调解员已签署 / the mediator has signed already", "mediator_signed_at");
    if (!store::SignAgreement(c, a, now)) throw cases::Stale(View(c, s, id));
    store::InsertEvent(c, s.cipher, id, AgreementEvent(req, "signed"), now);
    s.Audit(c, ActorOf(req), "case", Id(id), "agreement_sign", "ok", "agreement=" + Id(a.id));
    TakeEffectIfComplete(c, s, req, id);
  };
  co_return co_await ChangeAgreement(s, req, id, version, sign);
}

// ---- the parties' confirmations ----

store::Signatory SignatoryOr404(store::Connection& c, const store::AgreementRecord& a,
                                int64_t party_id) {
  for (auto& sg : store::Signatories(c, a))
    if (sg.party_id == party_id) return sg;
  if (store::FindParty(c, a.case_id, party_id))
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
    RequireStatus(a, AgreementStatus::kAwaitingConfirmation,
                  "协议提交后才能由当事人确认 / the agreement is not awaiting confirmation");
    if (a.form == AgreementForm::kOral)
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
    RequireStatus(a, AgreementStatus::kAwaitingConfirmation,
                  "协议不在待确认状态 / the agreement is not awaiting confirmation");
    const auto sg = SignatoryOr404(c, a, party_id);
    if (sg.confirmed_at) throw Conflict("该当事人已确认 / this party has confirmed", "party_id");
    const ConfirmationMethod method = !paper                           ? ConfirmationMethod::kOtp
                                      : a.form == AgreementForm::kOral ? ConfirmationMethod::kOral
                                                                       : ConfirmationMethod::kPaper;
    if (code) {
      if (a.form == AgreementForm::kOral)
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
        AgreementEvent(req, "confirmed",
                       json::object{{"party_id", party_id}, {"method", domain::ToString(method)}});
    e.text = note;  // what the paper or the recording says, encrypted like every event text
    store::InsertEvent(c, s.cipher, id, e, now);
    s.Audit(c, ActorOf(req), "case", Id(id), "agreement_confirm", "ok",
            "party=" + Id(party_id) + ";method=" + std::string(domain::ToString(method)));
    TakeEffectIfComplete(c, s, req, id);
    return Outcome{View(c, s, id), std::nullopt};
  });
  if (outcome.refused) throw *outcome.refused;
  co_return http::JsonResponse(200, outcome.view);
}

}  // namespace

void AddAgreementConfirmationRoutes(http::Router& router, Services& s) {
  const json::value agreement = agreements::AgreementSchema();
  AreaRoutes area(router, s, "/api/v1/cases/{id}/agreement", "agreements");
  area.Add(verb::post, "/sign", "case.write",
           "The mediator signs (the agreement takes effect once every party has confirmed)",
           SignRoute,
           {.body_schema = schema::Shape("version:integer"), .response_schema = agreement});
  area.Add(verb::post, "/confirmations/{pid}/code", "case.write",
           "Send the party a one-time confirmation code by SMS (once a minute)", SendCodeRoute,
           {.response_schema = schema::Shape(
                "party_id:integer phone:string expires_at:string resend_after:string")});
  area.Add(verb::post, "/confirmations/{pid}", "case.write",
           "Record a party's confirmation: the code they received, or a paper signature / oral "
           "agreement (paper: true)",
           ConfirmRoute,
           {.body_schema = schema::Shape("code:string paper:boolean note:string"),
            .response_schema = agreement});
}

}  // namespace hejia::api
