// Group work and support money as the report engine reads them (issue 13):
// pseudonymous rows, no names, contacts or reasons. Filled by the
// application layer (app/report_loading.cc) from the store, or by a test
// from memory; read by the tables T35-T39 and figures F23-F24
// (engine_groups.cc, docs/groups.md "Participation and support money in the
// report").
#ifndef OPKOMST_REPORT_GROUP_WORK_H_
#define OPKOMST_REPORT_GROUP_WORK_H_

#include <cstdint>
#include <string>
#include <vector>

namespace opkomst::report {

struct GroupWork {
  struct Group {
    int64_t id = 0;
    std::string name;
  };
  struct Session {
    int64_t id = 0, group_id = 0;
    int32_t date = 0;  // days since 1970-01-01, Brussels date
    bool cancelled = false;
  };
  struct Participant {
    int64_t id = 0, group_id = 0;
    std::string dossier_id;  // empty: a light registration
    int32_t enrolled = 0;    // days since 1970-01-01
  };
  enum class Mark : int8_t { kPresent, kExcused, kAbsent };
  struct Attendance {
    int64_t participant_id = 0, session_id = 0;
    Mark mark = Mark::kAbsent;
  };
  struct Grant {
    std::string dossier_id;
    int32_t date = 0;  // granted on
    std::string category;
    int64_t amount_cents = 0;
    std::string status;  // toegekend, aangevraagd, goedgekeurd, geweigerd
  };
  std::vector<Group> groups;
  std::vector<Session> sessions;
  std::vector<Participant> participants;
  std::vector<Attendance> attendance;
  std::vector<Grant> grants;
};

}  // namespace opkomst::report

#endif  // OPKOMST_REPORT_GROUP_WORK_H_
