// Internal to src/app/: runs a use case's writes and its audit record in
// one transaction (storage::Atomically), then chains the record.
#ifndef OPKOMST_APP_CHANGE_H_
#define OPKOMST_APP_CHANGE_H_

#include <functional>

#include "app/registration.h"
#include "storage/unit_of_work.h"

namespace opkomst::app {

Status Change(const Services& services, const AuditEvent& audit,
              const std::function<Status(storage::UnitOfWork&)>& body);

}  // namespace opkomst::app

#endif  // OPKOMST_APP_CHANGE_H_
