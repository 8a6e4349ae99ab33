// Issue 11, the worker's forms, through App::Handle on both backends:
// contacts corrected and removed (and another caseload's contact out of
// reach), the birth and end forms with their dates and warnings, required
// fields and errors that keep what was typed, and the printable family
// summary.
#include "web_app_fixture.h"

namespace opkomst::web {
namespace {

class FormsTest : public WebAppTest {
 protected:
  static bool Has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

  std::vector<team::AuditRow> Audit(const std::string& dossier_id) {
    std::vector<team::AuditRow> rows;
    EXPECT_TRUE(team::ScanAudit(pool_->Auditor(), dossier_id, 0, 100000, &rows).ok());
    return rows;
  }
  int Count(const std::string& dossier_id, const std::string& action, const std::string& outcome) {
    int n = 0;
    for (const auto& row : Audit(dossier_id)) n += row.action == action && row.outcome == outcome;
    return n;
  }

  // Adds a contact to `dossier_id` through the form; its id.
  int64_t AddContact(const std::string& token, const std::string& dossier_id, const std::string& note) {
    WebResponse r = Post("/dossiers/" + dossier_id + "/contacten", token,
                         {{"contact_date", "2025-02-03"}, {"kind", "huisbezoek"}, {"note", note}});
    EXPECT_EQ(r.status, 303) << r.body;
    auto contacts = team::ListContacts(pool_->Reader(), dossier_id);
    EXPECT_TRUE(contacts.ok() && !contacts->empty());
    return contacts.ok() && !contacts->empty() ? contacts->front().id : 0;
  }

  std::string Note(const team::Contact& c) {
    auto sealer = security::Sealer::FromKeyFile(dir_.File("key"), false);
    auto plain = sealer->Open(c.note);
    return plain.ok() ? *plain : "?";
  }

  int64_t Version(const std::string& id) { return pool_->Writer().GetDossier(id)->version; }

  // The birth or end form as the browser posts it: the registration date and
  // the dossier's date of that moment.
  WebResponse PostMoment(const std::string& token, const std::string& moment, const std::string& date_field,
                         const std::string& date, bool confirmed = false) {
    std::map<std::string, std::string> form = {
        {"version", std::to_string(Version("D-mwa"))}, {"measured_on", "2025-06-01"}, {date_field, date}};
    if (confirmed) form["bevestigd"] = "1";
    return Post("/dossiers/D-mwa/moment/" + moment, token, form);
  }
};

// ---- contacts: corrected, removed after a confirmation, audited by name ----

TEST_P(FormsTest, TheWorkerCorrectsAContactAndTheAuditNamesTheChangeNotTheNote) {
  std::string worker = SignIn("mwa");
  int64_t id = AddContact(worker, "D-mwa", "belde over de huur");
  std::string url = "/dossiers/D-mwa/contacten/" + std::to_string(id);
  EXPECT_TRUE(Has(Get("/dossiers/D-mwa", worker).body, "href=\"" + url + "\"")) << "an edit link per contact";
  WebResponse page = Get(url, worker);
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(Has(page.body, "belde over de huur"));
  WebResponse saved =
      Post(url, worker, {{"contact_date", "2025-02-04"}, {"kind", "telefoon"}, {"note", "sms gestuurd"}});
  ASSERT_EQ(saved.status, 303) << saved.body;
  auto contacts = team::ListContacts(pool_->Reader(), "D-mwa");
  ASSERT_EQ(contacts->size(), 1u);
  EXPECT_EQ((*contacts)[0].date, "2025-02-04");
  EXPECT_EQ((*contacts)[0].kind, "telefoon");
  EXPECT_EQ(Note((*contacts)[0]), "sms gestuurd");
  bool audited = false;
  for (const auto& row : Audit("D-mwa")) {
    EXPECT_FALSE(Has(row.detail, "sms")) << row.detail;
    EXPECT_FALSE(Has(row.detail, "huur")) << row.detail;
    if (row.action == "contact.wijzigen" && row.outcome == "ok" && Has(row.detail, "contact=" + std::to_string(id)) &&
        Has(row.detail, "datum,soort,notitie"))
      audited = true;
  }
  EXPECT_TRUE(audited);
}

TEST_P(FormsTest, ATooLongNoteIsRefusedNextToItsFieldAndNothingChanges) {
  std::string worker = SignIn("mwa");
  int64_t id = AddContact(worker, "D-mwa", "kort");
  std::string url = "/dossiers/D-mwa/contacten/" + std::to_string(id);
  std::string long_note(kMaxNoteLength + 1, 'n');
  WebResponse r = Post(url, worker, {{"contact_date", "2025-02-04"}, {"kind", "telefoon"}, {"note", long_note}});
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(Has(r.body, "id=\"fout-note\""));
  EXPECT_TRUE(Has(r.body, std::to_string(kMaxNoteLength)));
  EXPECT_TRUE(Has(r.body, long_note)) << "the typed note is kept, not cut";
  EXPECT_EQ(Note(team::ListContacts(pool_->Reader(), "D-mwa")->front()), "kort");
  // Adding: the error beside the contact form on the dossier page.
  WebResponse added =
      Post("/dossiers/D-mwa/contacten", worker, {{"contact_date", ""}, {"kind", "huisbezoek"}, {"note", "x"}});
  EXPECT_EQ(added.status, 422);
  EXPECT_TRUE(Has(added.body, "id=\"fout-contact_date\""));
  EXPECT_TRUE(Has(added.body, "id=\"contacten\""));
}

TEST_P(FormsTest, RemovingAContactAsksFirstThenRemovesItAudited) {
  std::string worker = SignIn("mwa");
  int64_t id = AddContact(worker, "D-mwa", "vertrouwelijk");
  std::string url = "/dossiers/D-mwa/contacten/" + std::to_string(id) + "/verwijderen";
  WebResponse ask = Get(url, worker);
  ASSERT_EQ(ask.status, 200);
  EXPECT_TRUE(Has(ask.body, "name=\"bevestigd\" value=\"1\""));
  // A post without the confirmation only asks again.
  EXPECT_EQ(Post(url, worker, {}).status, 200);
  EXPECT_EQ(team::ListContacts(pool_->Reader(), "D-mwa")->size(), 1u);
  WebResponse removed = Post(url, worker, {{"bevestigd", "1"}});
  EXPECT_EQ(removed.status, 303);
  EXPECT_TRUE(team::ListContacts(pool_->Reader(), "D-mwa")->empty());
  EXPECT_EQ(Count("D-mwa", "contact.verwijderen", "ok"), 1);
  for (const auto& row : Audit("D-mwa")) EXPECT_FALSE(Has(row.detail, "vertrouwelijk"));
  // Gone: the same address is now a missing contact.
  EXPECT_EQ(Post(url, worker, {{"bevestigd", "1"}}).status, 404);
}

TEST_P(FormsTest, TheTeamLeadMayCorrectAContactAsAccessDecides) {
  int64_t id = AddContact(SignIn("mwa"), "D-mwa", "eerste");
  std::string lead = SignIn("teamverantwoordelijke");
  WebResponse r = Post("/dossiers/D-mwa/contacten/" + std::to_string(id), lead,
                       {{"contact_date", "2025-02-03"}, {"kind", "huisbezoek"}, {"note", "aangevuld"}});
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(Note(team::ListContacts(pool_->Reader(), "D-mwa")->front()), "aangevuld");
}

TEST_P(FormsTest, AnotherCaseloadsContactCannotBeEditedOrRemoved) {
  int64_t theirs = AddContact(SignIn("mwb"), "D-mwb", "van mwb");
  std::string worker = SignIn("mwa");
  std::string other = "/dossiers/D-mwb/contacten/" + std::to_string(theirs);
  // Through the other dossier: refused by the central check (as missing).
  EXPECT_EQ(Get(other, worker).status, 404);
  EXPECT_EQ(Post(other, worker, {{"contact_date", "2025-02-03"}, {"kind", "telefoon"}, {"note", "x"}}).status, 404);
  EXPECT_EQ(Post(other + "/verwijderen", worker, {{"bevestigd", "1"}}).status, 404);
  // Through her own dossier with the other's contact number: not found there.
  std::string own = "/dossiers/D-mwa/contacten/" + std::to_string(theirs);
  EXPECT_EQ(Get(own, worker).status, 404);
  EXPECT_EQ(Post(own, worker, {{"contact_date", "2025-02-03"}, {"kind", "telefoon"}, {"note", "x"}}).status, 404);
  EXPECT_EQ(Post(own + "/verwijderen", worker, {{"bevestigd", "1"}}).status, 404);
  EXPECT_EQ(Get("/dossiers/D-mwa/contacten/abc", worker).status, 404);
  auto contacts = team::ListContacts(pool_->Reader(), "D-mwb");
  ASSERT_EQ(contacts->size(), 1u);
  EXPECT_EQ(Note((*contacts)[0]), "van mwb");
  EXPECT_EQ(Count("D-mwb", "contact.wijzigen", "geweigerd"), 1);
  EXPECT_EQ(Count("D-mwb", "contact.verwijderen", "geweigerd"), 1);
}

TEST_P(FormsTest, TheUseCaseItselfNeverTouchesAnotherDossiersContact) {
  int64_t theirs = AddContact(SignIn("mwb"), "D-mwb", "van mwb");
  team::Contact forged{theirs, "D-mwa", "2025-02-03", "telefoon", "x", "mwa", ""};
  EXPECT_EQ(app::EditContact(Services(), {forged, By("mwa", "contact.wijzigen")}).code(), StatusCode::kNotFound);
  EXPECT_EQ(app::RemoveContact(Services(), {"D-mwa", theirs, By("mwa", "contact.verwijderen")}).code(),
            StatusCode::kNotFound);
  EXPECT_EQ(team::ListContacts(pool_->Reader(), "D-mwb")->size(), 1u);
}

// ---- the birth and end forms ------------------------------------------------

TEST_P(FormsTest, TheBirthFormStoresTheBirthDateAndLinksOnlyItsOwnSections) {
  std::string worker = SignIn("mwa");
  std::string page = Get("/dossiers/D-mwa/moment/birth", worker).body;
  EXPECT_TRUE(Has(page, "id=\"child_birth_date\""));
  // Every section link leads to a section of this form.
  size_t at = 0;
  int links = 0;
  while ((at = page.find("href=\"#groep-", at)) != std::string::npos) {
    size_t end = page.find('"', at + 7);
    std::string target = page.substr(at + 7, end - at - 7);
    EXPECT_TRUE(Has(page, "id=\"" + target + "\"")) << target;
    ++links;
    at = end;
  }
  EXPECT_GT(links, 0);
  WebResponse r = PostMoment(worker, "birth", "child_birth_date", "2025-04-28");
  ASSERT_EQ(r.status, 303) << r.body;
  EXPECT_EQ(pool_->Writer().GetDossier("D-mwa")->child_birth_date, Date::Parse("2025-04-28"));
  bool audited = false;
  for (const auto& row : Audit("D-mwa"))
    audited = audited || (row.action == "moment.registreren" && Has(row.detail, "child_birth_date"));
  EXPECT_TRUE(audited);
}

TEST_P(FormsTest, APrematureBirthIsAWarningTheWorkerConfirms) {
  std::string worker = SignIn("mwa");
  // Due 2025-05-01: a birth on 2025-03-20 is six weeks early.
  WebResponse warned = PostMoment(worker, "birth", "child_birth_date", "2025-03-20");
  EXPECT_EQ(warned.status, 200);
  EXPECT_TRUE(Has(warned.body, "id=\"waarschuwingen\""));
  EXPECT_TRUE(Has(warned.body, "vroeggeboorte"));
  EXPECT_TRUE(Has(warned.body, "value=\"2025-03-20\"")) << "the typed date is kept";
  EXPECT_FALSE(pool_->Writer().GetDossier("D-mwa")->child_birth_date.has_value()) << "nothing saved yet";
  WebResponse confirmed = PostMoment(worker, "birth", "child_birth_date", "2025-03-20", true);
  EXPECT_EQ(confirmed.status, 303) << confirmed.body;
  EXPECT_EQ(pool_->Writer().GetDossier("D-mwa")->child_birth_date, Date::Parse("2025-03-20"));
  // A date in the future is an error, not a warning.
  EXPECT_EQ(PostMoment(worker, "birth", "child_birth_date", "2026-03-20", true).status, 422);
}

TEST_P(FormsTest, RegisteringTheEndClosesTheDossierInTheSameChange) {
  std::string worker = SignIn("mwa");
  int64_t before = Version("D-mwa");
  WebResponse r = PostMoment(worker, "end", "end_date", "2025-09-30");
  ASSERT_EQ(r.status, 303) << r.body;
  auto d = pool_->Writer().GetDossier("D-mwa");
  EXPECT_EQ(d->end_date, Date::Parse("2025-09-30"));
  EXPECT_EQ(d->version, before + 2) << "the dossier and the measurement, one transaction";
  auto measurements = pool_->Writer().GetMeasurements("D-mwa");
  ASSERT_EQ(measurements->size(), 1u);
  EXPECT_EQ((*measurements)[0].moment, Moment::kEnd);
  EXPECT_EQ(Count("D-mwa", "moment.registreren", "ok"), 1);
  // Closed: off the caseload's running dossiers, "afgesloten" on the summary.
  EXPECT_TRUE(Has(Get("/dossiers/D-mwa/overzicht", worker).body, "afgesloten op 2025-09-30"));
}

TEST_P(FormsTest, AnEndSoonAfterTheStartIsAWarningAndAnEndBeforeItAnError) {
  std::string worker = SignIn("mwa");
  // Start 2025-01-10: an end on 2025-02-20 is six weeks later.
  WebResponse warned = PostMoment(worker, "end", "end_date", "2025-02-20");
  EXPECT_EQ(warned.status, 200);
  EXPECT_TRUE(Has(warned.body, "8 weken"));
  EXPECT_FALSE(pool_->Writer().GetDossier("D-mwa")->end_date.has_value());
  EXPECT_EQ(PostMoment(worker, "end", "end_date", "2025-02-20", true).status, 303);
  EXPECT_EQ(pool_->Writer().GetDossier("D-mwa")->end_date, Date::Parse("2025-02-20"));
  WebResponse before_start = PostMoment(worker, "end", "end_date", "2025-01-01", true);
  EXPECT_EQ(before_start.status, 422);
  EXPECT_TRUE(Has(before_start.body, "id=\"fout-end_date\""));
}

TEST_P(FormsTest, TheEndConflictsWithAChangeMadeMeanwhile) {
  std::string worker = SignIn("mwa");
  int64_t stale = Version("D-mwa");
  std::string lead = SignIn("teamverantwoordelijke");
  ASSERT_EQ(Post("/dossiers/D-mwa", lead, {{"version", std::to_string(stale)}, {"referrer", "Huisarts"}}).status, 303);
  WebResponse r = Post("/dossiers/D-mwa/moment/end", worker,
                       {{"version", std::to_string(stale)}, {"measured_on", "2025-09-30"}, {"end_date", "2025-09-30"}});
  EXPECT_EQ(r.status, 409);
  EXPECT_FALSE(pool_->Writer().GetDossier("D-mwa")->end_date.has_value());
  EXPECT_EQ(pool_->Writer().GetDossier("D-mwa")->referrer, "Huisarts");
}

// ---- errors and input ---------------------------------------------------------

TEST_P(FormsTest, RequiredFieldsAreMarkedAndNumbersAcceptLettersToRefuseThem) {
  std::string worker = SignIn("mwa");
  std::string form = Get("/dossiers/nieuw", worker).body;
  EXPECT_TRUE(Has(form, "role=\"radiogroup\" aria-required=\"true\""));
  EXPECT_TRUE(Has(form, "class=\"required\""));
  EXPECT_TRUE(Has(form, "id=\"start_date\" name=\"start_date\" type=\"date\""));
  EXPECT_FALSE(Has(form, "type=\"number\"")) << "a number input drops letters in the browser";
  EXPECT_TRUE(Has(form, "inputmode=\"numeric\""));
  EXPECT_FALSE(Has(form, "maxlength")) << "a limit cuts silently";
  WebResponse r = Post("/dossiers/nieuw", worker,
                       {{"traject", "opkomst"}, {"start_date", "2025-06-01"}, {"mother_age", "twintig"}});
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(Has(r.body, "value=\"twintig\"")) << "kept";
  EXPECT_TRUE(Has(r.body, "geen geheel getal")) << "the rule";
  // A count on the start form likewise.
  WebResponse count = Post("/dossiers/D-mwa/moment/start", worker,
                           {{"version", std::to_string(Version("D-mwa"))},
                            {"measured_on", "2025-02-01"},
                            {"v_children_in_household", "twee"}});
  EXPECT_EQ(count.status, 422);
  EXPECT_TRUE(Has(count.body, "value=\"twee\""));
  EXPECT_TRUE(Has(count.body, "twee&#39; is geen geheel getal; verwacht 0..30")) << "value and rule";
}

TEST_P(FormsTest, ATooLongNameIsRefusedWithItsLengthNotCut) {
  std::string worker = SignIn("mwa");
  std::string name(kMaxTextLength + 5, 'a');
  WebResponse r =
      Post("/dossiers/nieuw", worker, {{"traject", "opkomst"}, {"start_date", "2025-06-01"}, {"naam", name}});
  EXPECT_EQ(r.status, 422);
  EXPECT_TRUE(Has(r.body, "id=\"fout-naam\""));
  EXPECT_TRUE(Has(r.body, "(" + std::to_string(name.size()) + ")"));
  EXPECT_TRUE(Has(r.body, "value=\"" + name + "\""));
}

TEST_P(FormsTest, ImplausibleDatesOnTheDossierFormsAreWarnings) {
  std::string worker = SignIn("mwa");
  // A due date two years before the start.
  std::map<std::string, std::string> form = {
      {"traject", "opkomst"}, {"start_date", "2025-06-01"}, {"due_date", "2023-06-01"}};
  WebResponse warned = Post("/dossiers/nieuw", worker, form);
  EXPECT_EQ(warned.status, 200);
  EXPECT_TRUE(Has(warned.body, "id=\"waarschuwingen\""));
  EXPECT_TRUE(Has(warned.body, "href=\"#due_date\""));
  form["bevestigd"] = "1";
  EXPECT_EQ(Post("/dossiers/nieuw", worker, form).status, 303);
  // A correction: warned for the date it changes, not for one left alone.
  WebResponse end_soon =
      Post("/dossiers/D-mwa", worker, {{"version", std::to_string(Version("D-mwa"))}, {"end_date", "2025-02-01"}});
  EXPECT_EQ(end_soon.status, 200);
  EXPECT_TRUE(Has(end_soon.body, "id=\"waarschuwingen\""));
  ASSERT_EQ(Post("/dossiers/D-mwa", worker,
                 {{"version", std::to_string(Version("D-mwa"))}, {"end_date", "2025-02-01"}, {"bevestigd", "1"}})
                .status,
            303);
  EXPECT_EQ(Post("/dossiers/D-mwa", worker,
                 {{"version", std::to_string(Version("D-mwa"))}, {"end_date", "2025-02-01"}, {"referrer", "X"}})
                .status,
            303);
  EXPECT_GE(Count("D-mwa", "dossier.wijzigen", "waarschuwing"), 1);
}

// ---- the printable family summary -------------------------------------------

TEST_P(FormsTest, TheFamilySummaryShowsWhatTheMeetingNeedsAsTheRoleMaySee) {
  std::string worker = SignIn("mwa");
  auto d = pool_->Writer().GetDossier("D-mwa");
  ASSERT_TRUE(
      Post("/dossiers/D-mwa", worker, {{"version", std::to_string(d->version)}, {"naam", "Sara El Amrani"}}).status ==
      303);
  AddContact(worker, "D-mwa", "geheim");
  AddContact(worker, "D-mwa", "nog geheimer");
  ASSERT_EQ(Post("/dossiers/D-mwa/indicatoren/1", worker,
                 {{"version", std::to_string(Version("D-mwa"))}, {"measured_on", "2025-02-01"}, {"i_income", "3"}})
                .status,
            303);
  WebResponse own = Get("/dossiers/D-mwa/overzicht", worker);
  ASSERT_EQ(own.status, 200);
  EXPECT_TRUE(Has(own.body, "Sara El Amrani"));
  EXPECT_TRUE(Has(own.body, "M-mwa"));
  EXPECT_TRUE(Has(own.body, "<dd>2 (")) << "the contacts counted";
  EXPECT_FALSE(Has(own.body, "geheim")) << "never the notes";
  EXPECT_TRUE(Has(own.body, "Startregistratie")) << "the start is due";
  EXPECT_TRUE(Has(own.body, "data-print"));
  EXPECT_TRUE(Has(Get("/dossiers/D-mwa", worker).body, "/dossiers/D-mwa/overzicht"));
  // The team lead: pseudonymous; another worker: as a missing dossier.
  WebResponse lead = Get("/dossiers/D-mwa/overzicht", SignIn("teamverantwoordelijke"));
  EXPECT_EQ(lead.status, 200);
  EXPECT_FALSE(Has(lead.body, "Sara"));
  EXPECT_TRUE(Has(lead.body, "M-mwa"));
  EXPECT_EQ(Get("/dossiers/D-mwa/overzicht", SignIn("mwb")).status, 404);
  bool named = false;
  for (const auto& row : Audit("D-mwa"))
    named = named || (row.action == "dossier.afdrukken" && row.account == "mwa" && row.detail == "identiteit");
  EXPECT_TRUE(named) << "the read that showed her name is audited as such";
  EXPECT_EQ(Count("D-mwa", "dossier.afdrukken", "geweigerd"), 1);
}

}  // namespace

INSTANTIATE_TEST_SUITE_P(Backends, FormsTest, ::testing::ValuesIn(testing::Backends()));

}  // namespace opkomst::web
