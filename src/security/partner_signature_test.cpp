#include "security/partner_signature.hpp"

#include <gtest/gtest.h>

#include <string>

namespace hejia::security {
namespace {

const std::string kKey(32, 'k');
const std::string kBody = R"({"incident_no":"J3307842026120100001"})";
constexpr int64_t kNow = 1796000000;

SignedRequest Request(const std::string& signature = "") {
  return SignedRequest{
      "POST", "/api/v1/police/incidents", "1796000000", "n0nce-0123456789ab", kBody, signature};
}

TEST(PartnerSignature, MatchesAnIndependentHmacSha256) {
  // Python: hmac.new(b"k" * 32, canonical, hashlib.sha256).hexdigest()
  EXPECT_EQ(SignRequest(kKey, Request()),
            "1db0fd037b442e9c3d5bb88cf0b14ccb77ac31f3f7e3bd0a3165df018c10760d");
  const std::string head = "POST\n/api/v1/police/incidents\n1796000000\nn0nce-0123456789ab\n";
  const std::string canonical = CanonicalRequest(Request());
  EXPECT_EQ(canonical.substr(0, head.size()), head);
  EXPECT_EQ(canonical.size(), head.size() + 64);  // the body's SHA-256, hex
}

TEST(PartnerSignature, ARightlySignedRequestIsValidWithinFiveMinutes) {
  const std::string sig = SignRequest(kKey, Request());
  EXPECT_EQ(CheckSignature(kKey, Request(sig), kNow), SignatureCheck::kValid);
  EXPECT_EQ(CheckSignature(kKey, Request(sig), kNow + kSignatureWindowSeconds),
            SignatureCheck::kValid);
  EXPECT_EQ(CheckSignature(kKey, Request(sig), kNow - kSignatureWindowSeconds),
            SignatureCheck::kValid);
  EXPECT_EQ(CheckSignature(kKey, Request(sig), kNow + kSignatureWindowSeconds + 1),
            SignatureCheck::kStale);
  EXPECT_EQ(CheckSignature(kKey, Request(sig), kNow - kSignatureWindowSeconds - 1),
            SignatureCheck::kStale);
}

TEST(PartnerSignature, AnyChangeOrAnotherKeyBreaksIt) {
  const std::string sig = SignRequest(kKey, Request());
  EXPECT_EQ(CheckSignature(std::string(32, 'x'), Request(sig), kNow),
            SignatureCheck::kBadSignature);
  auto changed = [&](auto edit) {
    SignedRequest r = Request(sig);
    std::string keep;
    edit(r, keep);
    return CheckSignature(kKey, r, kNow);
  };
  EXPECT_EQ(changed([](SignedRequest& r, std::string&) { r.method = "PUT"; }),
            SignatureCheck::kBadSignature);
  EXPECT_EQ(changed([](SignedRequest& r, std::string&) { r.path = "/api/v1/police/incidentz"; }),
            SignatureCheck::kBadSignature);
  EXPECT_EQ(changed([](SignedRequest& r, std::string&) { r.timestamp = "1796000001"; }),
            SignatureCheck::kBadSignature);
  EXPECT_EQ(changed([](SignedRequest& r, std::string&) { r.nonce = "n0nce-0123456789ac"; }),
            SignatureCheck::kBadSignature);
  EXPECT_EQ(changed([](SignedRequest& r, std::string& keep) {
              keep = kBody + " ";
              r.body = keep;
            }),
            SignatureCheck::kBadSignature);
  // a key shorter than 32 bytes is never accepted, even by a signature made with it
  const std::string short_key = "short";
  EXPECT_EQ(CheckSignature(short_key, Request(SignRequest(short_key, Request())), kNow),
            SignatureCheck::kBadSignature);
}

TEST(PartnerSignature, MalformedPartsAreRefusedBeforeAnyHmac) {
  const std::string sig = SignRequest(kKey, Request());
  for (const char* ts : {"", "-5", "17960000x0", "1796000000000", " 1796000000"}) {
    SignedRequest r = Request(sig);
    r.timestamp = ts;
    EXPECT_EQ(CheckSignature(kKey, r, kNow), SignatureCheck::kMalformed) << ts;
  }
  for (const char* nonce : {"short", "has space 0123456789", "ünïcode-0123456789"}) {
    SignedRequest r = Request(sig);
    r.nonce = nonce;
    EXPECT_EQ(CheckSignature(kKey, r, kNow), SignatureCheck::kMalformed) << nonce;
  }
  std::string upper = sig;
  for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  EXPECT_EQ(CheckSignature(kKey, Request(upper), kNow), SignatureCheck::kMalformed);
  EXPECT_EQ(CheckSignature(kKey, Request(sig.substr(2)), kNow), SignatureCheck::kMalformed);
}

}  // namespace
}  // namespace hejia::security
