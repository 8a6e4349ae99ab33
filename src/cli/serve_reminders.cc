#include "cli/serve_reminders.h"

#include <unistd.h>

namespace opkomst {

std::vector<FlagSpec> ReminderFlags(const CliContext& c) {
  return {
      {"smtp-host", "ADRES",
       c.T("SMTP-server voor herinneringen per e-mail (leeg = geen e-mail)",
           "SMTP server for reminders by e-mail (empty = no e-mail)"),
       ""},
      {"smtp-port", "POORT", c.T("poort van de SMTP-server", "port of the SMTP server"), "25"},
      {"smtp-from", "ADRES", c.T("afzender van de herinneringen per e-mail", "sender of the e-mail reminders"),
       "groepswerking@opkomst.invalid"},
      {"sms-gateway", "URL",
       c.T("HTTP-gateway voor herinneringen per sms (POST to, text; leeg = geen sms)",
           "HTTP gateway for reminders by SMS (POST to, text; empty = no SMS)"),
       ""},
      {"sms-token", "TOKEN",
       c.T("token voor de sms-gateway (Authorization: Bearer); beter in het configuratiebestand",
           "token for the SMS gateway (Authorization: Bearer); better in the configuration file"),
       ""},
      {"reminder-interval", "SECONDEN",
       c.T("verstuur de herinneringen die aan de beurt zijn om de zoveel seconden (0 = niet)",
           "send the reminders that are due every this many seconds (0 = not)"),
       "60"},
  };
}

StatusOr<std::unique_ptr<app::ReminderScheduler>> NewReminderScheduler(const Flags& flags,
                                                                       const app::Services& services,
                                                                       const security::Sealer& sealer) {
  OPKOMST_ASSIGN_OR_RETURN(long long interval, flags.GetInt("reminder-interval", 0, 24 * 3600));
  OPKOMST_ASSIGN_OR_RETURN(long long smtp_port, flags.GetInt("smtp-port", 1, 65535));
  if (interval == 0) return std::unique_ptr<app::ReminderScheduler>();
  std::map<std::string, std::unique_ptr<app::Channel>> channels;
  if (std::string host = flags.Get("smtp-host"); !host.empty()) {
    std::string from = flags.Get("smtp-from");
    if (from.find('@') == std::string::npos || from.find_first_of(" \t\r\n<>") != std::string::npos)
      return InvalidInput(flags.Origin("smtp-from") + " has value '" + from + "'; expected an e-mail address");
    channels["email"] = app::NewSmtpChannel({host, static_cast<int>(smtp_port), from, 10});
  }
  if (std::string url = flags.Get("sms-gateway"); !url.empty()) {
    // The gateway sits beside the server (or behind a local TLS proxy): plain HTTP.
    if (url.rfind("http://", 0) != 0)
      return InvalidInput(flags.Origin("sms-gateway") + " has value '" + url + "'; expected an http:// URL");
    channels["sms"] = app::NewSmsGatewayChannel({url, flags.Get("sms-token"), 10});
  }
  app::SchedulerOptions options;
  options.interval_seconds = static_cast<int>(interval);
  // One line, written whole, as the request log (counts, never a contact).
  options.log = [](const std::string& line) {
    std::string out = "opkomst serve: " + line + "\n";
    ssize_t written = write(STDERR_FILENO, out.data(), out.size());
    (void)written;
  };
  const security::Sealer* key = &sealer;
  return std::make_unique<app::ReminderScheduler>(
      services, std::move(channels), [key](const std::string& sealed) { return key->Open(sealed); }, options);
}

}  // namespace opkomst
