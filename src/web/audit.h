// The audit trail lives in the application layer (app/audit.h); the web
// pages use it under their own namespace.
#ifndef OPKOMST_WEB_AUDIT_H_
#define OPKOMST_WEB_AUDIT_H_

#include "app/audit.h"

namespace opkomst::web {

using app::AuditEvent;
using app::AuditHash;
using app::AuditLog;
using app::AuditSafe;
using app::AuditUrl;
using app::AuditVerification;
using app::kAuditFieldMax;
using app::VerifyAudit;

}  // namespace opkomst::web

#endif  // OPKOMST_WEB_AUDIT_H_
