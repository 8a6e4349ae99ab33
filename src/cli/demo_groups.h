// The demo team's group work and support money (issue 13): groups,
// sessions, participants, attendance, reminders, the framework list and
// grants, made once through the use cases of app/ (see demo_groups.cc).
#ifndef OPKOMST_CLI_DEMO_GROUPS_H_
#define OPKOMST_CLI_DEMO_GROUPS_H_

#include "base/status.h"
#include "domain/codebook.h"
#include "domain/date.h"
#include "security/crypto.h"
#include "storage/store.h"

namespace opkomst {

// Nothing if the store has groups already.
Status CreateDemoGroupWork(Store& store, const Codebook& codebook, const security::Sealer& sealer, Date today);

}  // namespace opkomst

#endif  // OPKOMST_CLI_DEMO_GROUPS_H_
