// The one way a use case writes: its writes and its audit record in one
// store transaction (storage::Atomically), then the record chained.
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
