// Group use cases on both backends (issue 13): enrolment once per dossier,
// attendance only for the group's own sessions and participants, a concern
// becomes a note on the dossier for the assigned worker, a moved session
// cancels its reminders.
#include "app/groups.h"

#include <gtest/gtest.h>

#include <memory>

#include "app/one_dossier_fixture.h"
#include "app/reminders.h"
#include "storage/audit_store.h"
#include "storage/team.h"
#include "support/test_support.h"

namespace opkomst::app {
namespace {

class GroupsTest : public OneDossierTest {
 protected:
  void SetUp() override {
    if (!OpenWithOneDossier("opkomst")) return;
    for (const char* name : {"A", "B"}) {
      CreateGroupCommand create;
      create.group = {0, name, "gb1", "Huis van het Kind", "2026-04-08", "2026-04-22", "lead"};
      create.audit = Audit("groep.aanmaken");
      auto group = CreateGroup(services(), create);
      ASSERT_TRUE(group.ok()) << group.status().ToString();
      groups_.push_back(group->id);
    }
  }
  AuditEvent Audit(const char* action) { return {"gb1", "groepsbegeleider", action, "", "ok", ""}; }
  StatusOr<int64_t> Enrol(int64_t group, const std::string& dossier, const std::string& channel = "whatsapp") {
    storage::Participant p;
    p.group_id = group;
    p.dossier_id = dossier;
    p.sealed_contact = "sealed";
    p.due_date = "2026-04-15";
    p.language = "nl";
    p.channel = channel;
    p.consent_contact = p.consent_reminders = true;
    p.enrolled_by = "mwa";
    p.enrolled_at = "2026-01-05T10:00:00Z";
    return app::Enrol(services(), {p, Audit("groep.inschrijven")});
  }
  std::vector<int64_t> groups_;
};

TEST_P(GroupsTest, EnrolOnceAttendanceOnlyInTheOwnGroup) {
  auto mother = Enrol(groups_[0], "D-1");
  ASSERT_TRUE(mother.ok()) << mother.status().ToString();
  EXPECT_EQ(Enrol(groups_[0], "D-1").status().code(), StatusCode::kAlreadyExists);
  auto light = Enrol(groups_[1], "");
  ASSERT_TRUE(light.ok());
  EXPECT_EQ(Enrol(groups_[0], "", "fax").status().code(), StatusCode::kInvalidInput);

  auto sessions = storage::ListSessions(*store_, groups_[0]);
  ASSERT_TRUE(sessions.ok());
  int64_t session = (*sessions)[0].id;
  AttendanceCommand mark{groups_[0], session, {{*mother, groups::Attendance::kPresent}}, "gb1", "t", Audit("x")};
  ASSERT_TRUE(RecordAttendance(services(), mark).ok());
  mark.marks[0].second = groups::Attendance::kExcused;  // corrected in one more tap
  ASSERT_TRUE(RecordAttendance(services(), mark).ok());
  auto rows = storage::ListAttendance(*store_, groups_[0]);
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].attendance, "verontschuldigd");
  // A participant of the other group, or a session of the other group: refused, nothing written.
  AttendanceCommand foreign_participant{groups_[0], session, {{*light, groups::Attendance::kAbsent}},
                                        "gb1",      "t",     Audit("x")};
  EXPECT_EQ(RecordAttendance(services(), foreign_participant).code(), StatusCode::kNotFound);
  auto other_sessions = storage::ListSessions(*store_, groups_[1]);
  AttendanceCommand foreign_session{
      groups_[0], (*other_sessions)[0].id, {{*mother, groups::Attendance::kAbsent}}, "gb1", "t", Audit("x")};
  EXPECT_EQ(RecordAttendance(services(), foreign_session).code(), StatusCode::kNotFound);
  auto other_attendance = storage::ListAttendance(*store_, groups_[1]);
  ASSERT_TRUE(other_attendance.ok());
  EXPECT_EQ(other_attendance->size(), 0u);
}

TEST_P(GroupsTest, AConcernIsANoteOnTheDossierForItsWorker) {
  auto mother = Enrol(groups_[0], "D-1");
  auto light = Enrol(groups_[1], "");
  ASSERT_TRUE(mother.ok() && light.ok());
  ConcernCommand concern{groups_[0], *mother, "2026-02-01", "sealed-note", "gb1", Audit("groep.zorg")};
  ASSERT_TRUE(PassOnConcern(services(), concern).ok());
  auto contacts = team::ListContacts(*store_, "D-1");
  ASSERT_TRUE(contacts.ok());
  ASSERT_EQ(contacts->size(), 1u);
  EXPECT_EQ((*contacts)[0].author, "gb1");
  EXPECT_EQ((*contacts)[0].note, "sealed-note");
  // Of another group's participant: refused; of a light registration: no dossier.
  ConcernCommand wrong_group{groups_[0], *light, "2026-02-01", "n", "gb1", Audit("groep.zorg")};
  EXPECT_EQ(PassOnConcern(services(), wrong_group).code(), StatusCode::kNotFound);
  ConcernCommand no_dossier{groups_[1], *light, "2026-02-01", "n", "gb1", Audit("groep.zorg")};
  EXPECT_EQ(PassOnConcern(services(), no_dossier).code(), StatusCode::kInvalidInput);
  auto outbox = storage::ReadOutbox(*store_, 100);
  ASSERT_TRUE(outbox.ok());
  bool found = false;
  for (const auto& e : *outbox) found |= e.action == "groep.zorg" && e.dossier_id == "D-1";
  EXPECT_TRUE(found);
}

TEST_P(GroupsTest, AMovedSessionCancelsItsReminders) {
  auto mother = Enrol(groups_[0], "D-1", "sms");
  ASSERT_TRUE(mother.ok());
  ASSERT_TRUE(PlanReminders(services(), {groups_[0], 0, 540, Audit("herinneringen.plannen")}).ok());
  auto sessions = storage::ListSessions(*store_, groups_[0]);
  storage::GroupSession moved = (*sessions)[2];
  moved.start_minute += 60;
  moved.date = Date::Parse(moved.date)->AddDays(1).ToString();
  ASSERT_TRUE(EditSession(services(), {moved, Audit("sessie.wijzigen")}).ok());
  moved.topic = "geen-thema";
  EXPECT_EQ(EditSession(services(), {moved, Audit("sessie.wijzigen")}).code(), StatusCode::kInvalidInput);
  auto cancelled = storage::ListReminders(*store_, groups_[0]);
  ASSERT_TRUE(cancelled.ok());
  for (const auto& r : *cancelled) EXPECT_EQ(r.status, r.session_id == moved.id ? "geannuleerd" : "gepland");
  // Planning again gives the moved session its reminders back at the new
  // time, and does not double the others.
  auto again = PlanReminders(services(), {groups_[0], 0, 540, Audit("herinneringen.plannen")});
  ASSERT_TRUE(again.ok());
  int planned = 0;
  auto replanned = storage::ListReminders(*store_, groups_[0]);
  ASSERT_TRUE(replanned.ok());
  for (const auto& r : *replanned) {
    planned += r.status == "gepland";
    if (r.session_id == moved.id && r.kind == "week") {
      EXPECT_EQ(r.due_at, groups::RemindersFor({*Date::Parse(moved.date), moved.start_minute})[0].due_utc);
    }
  }
  EXPECT_EQ(planned, 12 * 3);
}

INSTANTIATE_TEST_SUITE_P(Backends, GroupsTest, ::testing::ValuesIn(testing::Backends()));

}  // namespace
}  // namespace opkomst::app
