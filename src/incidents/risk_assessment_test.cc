// The 164.402 decision as an officer sees it: exceptions, secured PHI, the four factors.
#include "incidents/risk_assessment.h"

#include <gtest/gtest.h>

namespace ward::incidents {
namespace {

RiskAssessmentInput all_low() {
  return {"", false, {"limited", "names only"}, {"hipaa_obligated", "sent to another clinic"},
          {"not_viewed", "returned unopened"}, {"assured", "attestation of destruction"}};
}

TEST(RiskAssessment, AllFactorsLowIsLowProbability) {
  auto r = assess_breach_risk(all_low());
  ASSERT_TRUE(r) << r.error().describe();
  EXPECT_EQ(r->outcome, "low_probability");
  EXPECT_FALSE(r->notify);
  EXPECT_EQ(r->reasons.size(), 5u);
}

TEST(RiskAssessment, OneHighFactorIsAPresumedBreachWithItsReason) {
  RiskAssessmentInput in = all_low();
  in.acquired = {"unknown", ""};
  auto r = assess_breach_risk(in);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->outcome, "presumed_breach");
  EXPECT_TRUE(r->notify);
  EXPECT_NE(r->reasons[3].find("164.402(2)(iii) raises the risk"), std::string::npos) << r->reasons[3];
}

TEST(RiskAssessment, ExceptionsAndSecuredPhiNeedNoFactors) {
  RiskAssessmentInput in;
  in.exception = "inadvertent_authorized";
  auto r = assess_breach_risk(in);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->outcome, "exception");
  EXPECT_NE(r->reasons[0].find("164.402(1)(ii)"), std::string::npos);
  RiskAssessmentInput secured;
  secured.secured = true;
  EXPECT_EQ(assess_breach_risk(secured)->outcome, "secured");
}

TEST(RiskAssessment, RefusesMissingOrUnknownAnswersNamingTheField) {
  auto field_of = [](const RiskAssessmentInput& in) {
    auto r = assess_breach_risk(in);
    return r ? std::string("(accepted)") : r.error().field;
  };
  RiskAssessmentInput in = all_low();
  in.recipient = {};
  EXPECT_EQ(field_of(in), "recipient.answer");
  in = all_low();
  in.nature.answer = "medium";
  EXPECT_EQ(field_of(in), "nature.answer");
  in = all_low();
  in.mitigation.notes = "";
  EXPECT_EQ(field_of(in), "mitigation.notes");
  in = {};
  in.exception = "because";
  EXPECT_EQ(field_of(in), "exception");
}

}  // namespace
}  // namespace ward::incidents
