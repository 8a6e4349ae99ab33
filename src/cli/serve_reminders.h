// The reminder delivery of `opkomst serve` (issue 13): its flags (also keys
// of the configuration file: smtp_host, smtp_port, smtp_from, sms_gateway,
// sms_token, reminder_interval) and the scheduler they set up
// (app/reminder_scheduler.h). Without smtp_host and sms_gateway only the
// default channel works, WhatsApp, which needs no outside service; e-mail
// and SMS reminders then fail visibly on the group's page.
#ifndef OPKOMST_CLI_SERVE_REMINDERS_H_
#define OPKOMST_CLI_SERVE_REMINDERS_H_

#include <memory>
#include <vector>

#include "app/reminder_scheduler.h"
#include "cli/commands.h"
#include "cli/flags.h"
#include "security/crypto.h"

namespace opkomst {

std::vector<FlagSpec> ReminderFlags(const CliContext& c);

// nullptr when --reminder-interval is 0 (no delivery by this server).
// `services` and `sealer` must outlive the scheduler. Not started yet.
StatusOr<std::unique_ptr<app::ReminderScheduler>> NewReminderScheduler(const Flags& flags,
                                                                       const app::Services& services,
                                                                       const security::Sealer& sealer);

}  // namespace opkomst

#endif  // OPKOMST_CLI_SERVE_REMINDERS_H_
