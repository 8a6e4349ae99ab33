// The consent matrix (issue 12): partner x category x consent state ->
// visible or not, the Opkomst+ hint, and the referral validator.
#include <gtest/gtest.h>

#include <functional>

#include "domain/referral.h"

namespace opkomst::intake {
namespace {

Date D(const char* text) { return *Date::Parse(text); }

TEST(ConsentMatrix, PartnerTimesCategoryTimesState) {
  const Date today = D("2026-03-01");
  struct State {
    const char* name;
    SharingConsent consent;  // every category given; then changed per state
    bool visible;
  };
  SharingConsent given;
  for (ShareCategory c : AllShareCategories()) given.Add(c);
  given.until = D("2026-06-30");
  SharingConsent expired = given;
  expired.until = D("2026-02-28");
  SharingConsent last_day = given;
  last_day.until = today;
  SharingConsent withdrawn = given;
  withdrawn.withdrawn_on = D("2026-03-01");
  SharingConsent no_end = given;
  no_end.until.reset();
  const State states[] = {{"given", given, true},
                          {"last day", last_day, true},
                          {"expired", expired, false},
                          {"withdrawn today", withdrawn, false},
                          {"without end date", no_end, false}};
  const int64_t own = 7, other = 8;
  for (const State& state : states) {
    for (ShareCategory category : AllShareCategories()) {
      EXPECT_EQ(PartnerMaySee(own, own, state.consent, category, today), state.visible)
          << state.name << " " << ShareCategoryCode(category);
      // Another organisation, or an account without one: never.
      EXPECT_FALSE(PartnerMaySee(other, own, state.consent, category, today)) << state.name;
      EXPECT_FALSE(PartnerMaySee(0, 0, state.consent, category, today)) << state.name;
      EXPECT_FALSE(PartnerMaySee(0, own, state.consent, category, today)) << state.name;
    }
  }
}

TEST(ConsentMatrix, OnlyTheConsentedCategories) {
  const Date today = D("2026-03-01");
  SharingConsent status_only;
  status_only.Add(ShareCategory::kStatus);
  status_only.until = D("2026-12-31");
  EXPECT_TRUE(PartnerMaySee(3, 3, status_only, ShareCategory::kStatus, today));
  for (ShareCategory c : {ShareCategory::kWorkerName, ShareCategory::kFirstHomeVisit, ShareCategory::kEndOfGuidance}) {
    EXPECT_FALSE(PartnerMaySee(3, 3, status_only, c, today)) << ShareCategoryCode(c);
    EXPECT_EQ(StateOf(status_only, c, today), ConsentState::kNotGiven);
  }
  // A withdrawal registered for tomorrow does not yet hide today; from then on it does.
  status_only.withdrawn_on = D("2026-03-02");
  EXPECT_TRUE(PartnerMaySee(3, 3, status_only, ShareCategory::kStatus, today));
  EXPECT_EQ(StateOf(status_only, ShareCategory::kStatus, D("2026-03-02")), ConsentState::kWithdrawn);
}

TEST(OpkomstPlusHint, TargetGroup) {
  EXPECT_TRUE(OpkomstPlusHint({24, true, false, false}));
  EXPECT_FALSE(OpkomstPlusHint({25, true, false, false}));  // 25 is not under 25
  EXPECT_FALSE(OpkomstPlusHint({22, false, false, false}));
  EXPECT_FALSE(OpkomstPlusHint({std::nullopt, true, false, false}));
  EXPECT_TRUE(OpkomstPlusHint({40, false, true, false}));
  EXPECT_TRUE(OpkomstPlusHint({std::nullopt, false, false, true}));
}

Referral Valid() {
  Referral r;
  r.received_on = D("2026-03-01");
  r.due_date = D("2026-07-01");
  r.contact_consent_how = "schriftelijk";
  r.contact_consent_on = D("2026-02-27");
  r.contact_consent_by = "vroedvrouw";
  return r;
}

TEST(ReferralValidator, NamesFieldValueAndRule) {
  const Date today = D("2026-03-01");
  ReferralIdentity identity{"Sara Peeters", "0470", "", "nl", false};
  EXPECT_TRUE(ValidateReferral(Valid(), identity, today).empty());
  struct Case {
    const char* what;
    std::function<void(Referral&, ReferralIdentity&)> change;
    const char* field;
    const char* rule;
  };
  const Case cases[] = {
      {"no name", [](Referral&, ReferralIdentity& i) { i.name.clear(); }, "naam", "intake.regel.verplicht"},
      {"no contact consent", [](Referral& r, ReferralIdentity&) { r.contact_consent_how.clear(); },
       "toestemming_contact", "intake.regel.toestemming_contact"},
      {"sharing without end", [](Referral& r, ReferralIdentity&) { r.sharing.Add(ShareCategory::kStatus); },
       "delen_tot", "intake.regel.delen_tot"},
      {"pregnant without due date", [](Referral& r, ReferralIdentity&) { r.due_date.reset(); },
       "vermoedelijke_bevallingsdatum", "intake.regel.bevallingsdatum"},
      {"age", [](Referral& r, ReferralIdentity&) { r.mother_age = 9; }, "leeftijd", "intake.regel.leeftijd"},
      {"reason", [](Referral& r, ReferralIdentity&) { r.reasons = {"verzonnen"}; }, "redenen",
       "intake.regel.onbekende_code"},
      {"consent in the future", [](Referral& r, ReferralIdentity&) { r.contact_consent_on = D("2026-04-01"); },
       "toestemming_datum", "intake.regel.niet_in_toekomst"},
  };
  for (const Case& c : cases) {
    Referral r = Valid();
    ReferralIdentity i = identity;
    c.change(r, i);
    auto problems = ValidateReferral(r, i, today);
    ASSERT_EQ(problems.size(), 1u) << c.what;
    EXPECT_EQ(problems[0].field, c.field) << c.what;
    EXPECT_EQ(problems[0].rule, c.rule) << c.what;
  }
}

TEST(Referral, PregnancyMonthAndIdentityRoundTrip) {
  Referral r = Valid();
  r.received_on = D("2026-03-01");
  r.due_date = r.received_on.AddDays(140);  // half way: month 4.5
  EXPECT_NEAR(*PregnancyMonthAt(r), 4.5, 0.01);
  r.pregnant = false;
  EXPECT_FALSE(PregnancyMonthAt(r));
  ReferralIdentity id{"Anna\nB", "04", "Straat 1", "ar", true};
  ReferralIdentity back = DecodeIdentity(EncodeIdentity(id));
  EXPECT_EQ(back.name, "Anna B");  // a line break cannot shift the fields
  EXPECT_EQ(back.address, "Straat 1");
  EXPECT_TRUE(back.interpreter);
  EXPECT_EQ(NormaliseName("  sara   PEETERS "), NormaliseName("Sara Peeters"));
}

}  // namespace
}  // namespace opkomst::intake
