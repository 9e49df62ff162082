#include "domain/case_flow.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <utility>

#include "common/error.hpp"

namespace hejia::domain {
namespace {

// The status table of docs/design/cases.md, written out again by hand as codes, so that a slip
// in the implementation's table cannot hide behind itself.
const std::map<std::pair<std::string, std::string>, std::string>& DesignTable() {
  static const std::map<std::pair<std::string, std::string>, std::string> kTable = {
      {{"registered", "accept"}, "accepted"},    {{"registered", "reject"}, "rejected"},
      {{"registered", "withdraw"}, "withdrawn"}, {{"accepted", "screen"}, "screened"},
      {{"accepted", "refer"}, "referred"},       {{"accepted", "withdraw"}, "withdrawn"},
      {{"screened", "assign"}, "assigned"},      {{"screened", "refer"}, "referred"},
      {{"screened", "withdraw"}, "withdrawn"},   {{"assigned", "start"}, "mediating"},
      {{"assigned", "assign"}, "assigned"},      {{"assigned", "withdraw"}, "withdrawn"},
      {{"mediating", "agree"}, "agreed"},        {{"mediating", "terminate"}, "terminated"},
      {{"mediating", "extend"}, "mediating"},    {{"mediating", "withdraw"}, "withdrawn"},
      {{"agreed", "perform"}, "performing"},     {{"agreed", "fulfil"}, "fulfilled"},
      {{"performing", "fulfil"}, "fulfilled"},   {{"performing", "breach"}, "breached"},
      {{"breached", "refer"}, "referred"},       {{"breached", "resume"}, "performing"},
      {{"fulfilled", "close"}, "closed"},        {{"terminated", "close"}, "closed"},
  };
  return kTable;
}

const std::vector<std::string> kStatusCodes = {
    "registered", "accepted",  "screened",   "assigned", "mediating", "agreed",   "performing",
    "breached",   "fulfilled", "terminated", "rejected", "withdrawn", "referred", "closed"};
const std::vector<std::string> kActionCodes = {
    "accept",    "reject", "withdraw", "screen", "refer",  "assign", "start", "agree",
    "terminate", "extend", "perform",  "fulfil", "breach", "resume", "close"};

TEST(CaseFlow, StatusCodesRoundTripAndUnknownCodesAreRefused) {
  ASSERT_EQ(AllCaseStatuses().size(), kStatusCodes.size());
  for (size_t i = 0; i < kStatusCodes.size(); ++i) {
    EXPECT_EQ(ToString(AllCaseStatuses()[i]), kStatusCodes[i]);
    EXPECT_EQ(ParseCaseStatus(kStatusCodes[i]), AllCaseStatuses()[i]);
    EXPECT_FALSE(Label(AllCaseStatuses()[i]).empty());
  }
  EXPECT_EQ(ParseCaseStatus("Registered"), std::nullopt);
  EXPECT_EQ(ParseCaseStatus(""), std::nullopt);
  EXPECT_EQ(ParseCaseStatus("open"), std::nullopt);
}

TEST(CaseFlow, ActionCodesRoundTripAndUnknownCodesAreRefused) {
  ASSERT_EQ(AllCaseActions().size(), kActionCodes.size());
  for (size_t i = 0; i < kActionCodes.size(); ++i) {
    EXPECT_EQ(ToString(AllCaseActions()[i]), kActionCodes[i]);
    EXPECT_EQ(ParseCaseAction(kActionCodes[i]), AllCaseActions()[i]);
    EXPECT_FALSE(Label(AllCaseActions()[i]).empty());
  }
  EXPECT_EQ(ParseCaseAction("fulfill"), std::nullopt);
  EXPECT_EQ(ParseCaseAction("ACCEPT"), std::nullopt);
  EXPECT_EQ(ParseCaseAction(""), std::nullopt);
}

TEST(CaseFlow, EveryStatusAndActionPairFollowsTheDesignTable) {
  int legal = 0, illegal = 0;
  for (const auto& s : kStatusCodes) {
    for (const auto& a : kActionCodes) {
      const auto status = *ParseCaseStatus(s);
      const auto action = *ParseCaseAction(a);
      const auto it = DesignTable().find({s, a});
      const auto next = NextStatus(status, action);
      if (it == DesignTable().end()) {
        ++illegal;
        EXPECT_EQ(next, std::nullopt) << s << " + " << a;
        EXPECT_THROW(CheckTransition(status, action), ApiError) << s << " + " << a;
      } else {
        ++legal;
        ASSERT_TRUE(next.has_value()) << s << " + " << a;
        EXPECT_EQ(ToString(*next), it->second) << s << " + " << a;
        EXPECT_NO_THROW(CheckTransition(status, action)) << s << " + " << a;
      }
    }
  }
  EXPECT_EQ(legal, 24);
  EXPECT_EQ(illegal, 14 * 15 - 24);
}

TEST(CaseFlow, AllowedActionsAreExactlyTheTableRow) {
  for (const auto& s : kStatusCodes) {
    std::set<std::string> expected;
    for (const auto& [key, to] : DesignTable())
      if (key.first == s) expected.insert(key.second);
    std::set<std::string> got;
    for (CaseAction a : AllowedActions(*ParseCaseStatus(s))) got.insert(std::string(ToString(a)));
    EXPECT_EQ(got, expected) << s;
  }
}

TEST(CaseFlow, AMediatingCaseMayAgreeTerminateExtendOrBeWithdrawn) {
  EXPECT_EQ(AllowedActions(CaseStatus::kMediating),
            (std::vector<CaseAction>{CaseAction::kAgree, CaseAction::kTerminate,
                                     CaseAction::kExtend, CaseAction::kWithdraw}));
}

TEST(CaseFlow, RejectedWithdrawnReferredAndClosedAreFinal) {
  const std::set<std::string> finals = {"rejected", "withdrawn", "referred", "closed"};
  for (const auto& s : kStatusCodes) {
    const auto status = *ParseCaseStatus(s);
    EXPECT_EQ(IsFinal(status), finals.count(s) == 1) << s;
    EXPECT_EQ(IsOpen(status), finals.count(s) == 0) << s;
    EXPECT_EQ(AllowedActions(status).empty(), IsFinal(status)) << s;
  }
}

TEST(CaseFlow, ACaseCountsAsResolvedOnceItReachedAnAgreement) {
  for (auto s : {CaseStatus::kAgreed, CaseStatus::kPerforming, CaseStatus::kBreached,
                 CaseStatus::kFulfilled}) {
    EXPECT_TRUE(IsResolved(s)) << ToString(s);
    EXPECT_TRUE(CountsAsResolved(s, false)) << ToString(s);
  }
  for (auto s : {CaseStatus::kRegistered, CaseStatus::kAccepted, CaseStatus::kScreened,
                 CaseStatus::kAssigned, CaseStatus::kMediating, CaseStatus::kTerminated,
                 CaseStatus::kRejected, CaseStatus::kWithdrawn, CaseStatus::kReferred,
                 CaseStatus::kClosed}) {
    EXPECT_FALSE(IsResolved(s)) << ToString(s);
  }
  // Closed after fulfilment counts; closed after a failed mediation does not.
  EXPECT_TRUE(CountsAsResolved(CaseStatus::kClosed, true));
  EXPECT_FALSE(CountsAsResolved(CaseStatus::kClosed, false));
  // Referred to court after a breach: the agreement was reached, so it still counts.
  EXPECT_TRUE(CountsAsResolved(CaseStatus::kReferred, true));
  EXPECT_FALSE(CountsAsResolved(CaseStatus::kReferred, false));
  EXPECT_FALSE(CountsAsResolved(CaseStatus::kTerminated, false));
  EXPECT_FALSE(CountsAsResolved(CaseStatus::kWithdrawn, false));
  EXPECT_FALSE(CountsAsResolved(CaseStatus::kMediating, false));
}

TEST(CaseFlow, AnIllegalActionIs409NamingTheStatusAndTheAllowedActions) {
  try {
    CheckTransition(CaseStatus::kAccepted, CaseAction::kStart);
    FAIL() << "start on an accepted case must be refused";
  } catch (const ApiError& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kConflict);
    EXPECT_EQ(e.code(), "illegal_transition");
    const std::string& m = e.message();
    EXPECT_NE(m.find("已受理"), std::string::npos) << m;
    EXPECT_NE(m.find("accepted"), std::string::npos) << m;
    EXPECT_NE(m.find("start"), std::string::npos) << m;
    EXPECT_NE(m.find("screen, refer, withdraw"), std::string::npos) << m;
    EXPECT_NE(m.find("安全评估"), std::string::npos) << m;
    const auto& d = e.details().as_object();
    EXPECT_EQ(d.at("status"), "accepted");
    EXPECT_EQ(d.at("action"), "start");
    EXPECT_EQ(d.at("allowed"), (boost::json::array{"screen", "refer", "withdraw"}));
  }
}

TEST(CaseFlow, AnActionOnAFinalCaseSaysItIsFinal) {
  try {
    CheckTransition(CaseStatus::kClosed, CaseAction::kAccept);
    FAIL();
  } catch (const ApiError& e) {
    EXPECT_EQ(e.code(), "illegal_transition");
    EXPECT_NE(e.message().find("final"), std::string::npos) << e.message();
    EXPECT_NE(e.message().find("已结案"), std::string::npos) << e.message();
    EXPECT_TRUE(e.details().as_object().at("allowed").as_array().empty());
  }
}

std::string ProblemField(CaseAction action, const TransitionInput& in,
                         std::optional<CaseStatus> from = std::nullopt) {
  try {
    ValidateTransitionInput(action, in, from);
  } catch (const ApiError& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kBadRequest);
    EXPECT_EQ(e.code(), "validation_failed");
    return e.field();
  }
  return "";
}

TEST(CaseFlowInput, RejectReferTerminateAndWithdrawNeedAReason) {
  for (auto action :
       {CaseAction::kReject, CaseAction::kRefer, CaseAction::kTerminate, CaseAction::kWithdraw}) {
    TransitionInput in;
    EXPECT_EQ(ProblemField(action, in), "reason") << ToString(action);
    in.reason = "  \n";
    EXPECT_EQ(ProblemField(action, in), "reason") << ToString(action);
    in.reason = "当事人一方明确拒绝调解";
    EXPECT_EQ(ProblemField(action, in), "") << ToString(action);
  }
  // Other actions do not need one.
  EXPECT_EQ(ProblemField(CaseAction::kAccept, {}), "");
  EXPECT_EQ(ProblemField(CaseAction::kStart, {}), "");
  EXPECT_EQ(ProblemField(CaseAction::kAgree, {}), "");
}

TEST(CaseFlowInput, AReasonIsAtMostFiveHundredCharactersOfText) {
  TransitionInput in;
  for (int i = 0; i < 500; ++i) in.reason += "理";
  EXPECT_EQ(ProblemField(CaseAction::kReject, in), "");
  in.reason += "由";
  EXPECT_EQ(ProblemField(CaseAction::kReject, in), "reason");
  in.reason = "拒绝\x01调解";
  EXPECT_EQ(ProblemField(CaseAction::kReject, in), "reason");
  in.reason = "\xff\xfe";
  EXPECT_EQ(ProblemField(CaseAction::kReject, in), "reason");
  in.reason = "第一行\n第二行";
  EXPECT_EQ(ProblemField(CaseAction::kReject, in), "");
}

TEST(CaseFlowInput, ScreeningAcceptsNoneLowOrMediumRisk) {
  TransitionInput in;
  EXPECT_EQ(ProblemField(CaseAction::kScreen, in), "risk_level");
  for (const char* level : {"none", "low", "medium"}) {
    in.risk_level = level;
    EXPECT_EQ(ProblemField(CaseAction::kScreen, in), "") << level;
  }
  for (const char* level : {"HIGH", "severe", "中"}) {
    in.risk_level = level;
    EXPECT_EQ(ProblemField(CaseAction::kScreen, in), "risk_level") << level;
  }
}

TEST(CaseFlowInput, HighRiskIsNotSuitableForMediationAndMustBeReferred) {
  TransitionInput in;
  in.risk_level = "high";
  try {
    ValidateTransitionInput(CaseAction::kScreen, in);
    FAIL();
  } catch (const ApiError& e) {
    EXPECT_EQ(e.field(), "risk_level");
    EXPECT_NE(e.message().find("refer"), std::string::npos) << e.message();
    EXPECT_NE(e.message().find("不适合调解"), std::string::npos) << e.message();
  }
}

TEST(CaseFlowInput, ExtendingNeedsThePartiesConsentRecorded) {
  TransitionInput in;
  EXPECT_EQ(ProblemField(CaseAction::kExtend, in), "consent_recorded");
  in.consent_recorded = true;
  EXPECT_EQ(ProblemField(CaseAction::kExtend, in), "");
}

TEST(CaseFlowInput, ClosingAFulfilledCaseNeedsOutcomeAndSatisfactionOneToFive) {
  TransitionInput in;
  EXPECT_EQ(ProblemField(CaseAction::kClose, in, CaseStatus::kFulfilled), "outcome");
  in.outcome = "协议已履行完毕，回访满意";
  EXPECT_EQ(ProblemField(CaseAction::kClose, in, CaseStatus::kFulfilled), "satisfaction");
  EXPECT_EQ(ProblemField(CaseAction::kClose, in), "satisfaction");  // unknown status: strict
  for (int bad : {0, 6, -1}) {
    in.satisfaction = bad;
    EXPECT_EQ(ProblemField(CaseAction::kClose, in, CaseStatus::kFulfilled), "satisfaction") << bad;
  }
  for (int good : {1, 3, 5}) {
    in.satisfaction = good;
    EXPECT_EQ(ProblemField(CaseAction::kClose, in, CaseStatus::kFulfilled), "") << good;
  }
}

TEST(CaseFlowInput, ClosingATerminatedCaseNeedsAnOutcomeButSatisfactionIsOptional) {
  TransitionInput in;
  EXPECT_EQ(ProblemField(CaseAction::kClose, in, CaseStatus::kTerminated), "outcome");
  in.outcome = "调解不成，已告知诉讼途径";
  EXPECT_EQ(ProblemField(CaseAction::kClose, in, CaseStatus::kTerminated), "");
  in.satisfaction = 9;
  EXPECT_EQ(ProblemField(CaseAction::kClose, in, CaseStatus::kTerminated), "satisfaction");
  in.satisfaction = 2;
  EXPECT_EQ(ProblemField(CaseAction::kClose, in, CaseStatus::kTerminated), "");
}

}  // namespace
}  // namespace hejia::domain

namespace hejia::domain {
namespace {

// What each action asks for, written out by hand (docs/design/cases.md): the console's dialog
// asks for exactly this, and the transition rule refuses what lacks it.
TEST(CaseFlow, EachActionNeedsWhatTheDesignSays) {
  std::map<std::string_view, std::string> expected = {{"accept", "none"},
                                                      {"reject", "required!"},
                                                      {"withdraw", "required!"},
                                                      {"screen", "none risk:3"},
                                                      {"refer", "required risk:4!"},
                                                      {"assign", "none mediator"},
                                                      {"start", "none"},
                                                      {"agree", "none"},
                                                      {"terminate", "required routes!"},
                                                      {"extend", "optional consent"},
                                                      {"perform", "none"},
                                                      {"fulfil", "none"},
                                                      {"breach", "optional"},
                                                      {"resume", "optional"},
                                                      {"close", "none outcome!"}};
  for (auto a : AllCaseActions()) {
    const auto n = NeedsOf(a);
    std::string got(ToString(n.reason));
    if (!n.risk_levels.empty()) got += " risk:" + std::to_string(n.risk_levels.size());
    if (n.mediator) got += " mediator";
    if (n.advised_routes) got += " routes";
    if (n.consent) got += " consent";
    if (n.outcome) got += " outcome";
    if (n.weighty) got += "!";
    EXPECT_EQ(got, expected.at(ToString(a))) << ToString(a);
  }
}

TEST(CaseFlow, AnActionThatNeedsAReasonIsRefusedWithoutOne) {
  for (auto a : AllCaseActions()) {
    if (NeedsOf(a).reason != Need::kRequired) continue;
    try {
      ValidateTransitionInput(a, TransitionInput{.reason = "  "});
      ADD_FAILURE() << ToString(a);
    } catch (const ApiError& e) {
      EXPECT_EQ(e.field(), "reason");
    }
  }
}

}  // namespace
}  // namespace hejia::domain
