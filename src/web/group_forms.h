// Shared by the two enrolment pages (pages_groups.cc: from a dossier;
// pages_light_enrol.cc: a mother without dossier).
#ifndef OPKOMST_WEB_GROUP_FORMS_H_
#define OPKOMST_WEB_GROUP_FORMS_H_

#include <cstdint>
#include <string>

#include "storage/groups.h"
#include "web/app_internal.h"

namespace opkomst::web {

// A participant from the enrolment form's common fields (due date,
// language, consents) and who enrols her, now.
storage::Participant ParticipantFromForm(Context& ctx, int64_t group_id, std::string sealed_contact,
                                         const std::string& channel);

}  // namespace opkomst::web

#endif  // OPKOMST_WEB_GROUP_FORMS_H_
