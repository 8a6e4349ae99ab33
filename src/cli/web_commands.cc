// serve, user add, audit verify, totp.
#include <termios.h>
#include <unistd.h>

#include <algorithm>
#include <ctime>
#include <iostream>

#include "app/accounts.h"
#include "app/audit.h"
#include "app/intake.h"
#include "cli/commands.h"
#include "cli/config_file.h"
#include "cli/demo_groups.h"
#include "cli/serve_reminders.h"
#include "security/crypto.h"
#include "storage/team.h"
#include "synthetic/generator.h"
#include "web/app.h"
#include "web/server.h"

namespace opkomst {

std::string DefaultKeyFile(const std::string& db) {
  if (const char* env = std::getenv("OPKOMST_KEY_FILE"); env && *env) return env;
  if (db.rfind("postgres", 0) == 0) return "opkomst.key";
  std::string path = db.rfind("sqlite:", 0) == 0 ? db.substr(7) : db;
  return path + ".key";
}

namespace {

FlagSpec KeyFlag(const CliContext& c) {
  return {"key-file", "BESTAND",
          c.T("sleutel voor namen, contactgegevens en notities (standaard: naast de SQLite-databank, of "
              "$OPKOMST_KEY_FILE)",
              "key for names, contact details and notes (default: beside the SQLite database, or $OPKOMST_KEY_FILE)"),
          ""};
}

StatusOr<security::Sealer> OpenSealer(const Flags& flags, bool create) {
  std::string path = flags.Has("key-file") ? flags.Get("key-file") : DefaultKeyFile(flags.Get("db"));
  return security::Sealer::FromKeyFile(path, create);
}

bool IsLoopback(const std::string& host) {
  return host == "127.0.0.1" || host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

// Demo accounts, one per role (and a second worker): new random passwords
// at every start in demo mode, printed once on the console. A TOTP secret
// is printed only when it is made: an existing one is never shown again.
// Each account change is audited as the operator's ("cli"), in its own
// transaction (app/accounts.h); the server chains the outbox when it starts.
Status CreateDemoAccounts(const CliContext& c, Store& store, const security::Sealer& sealer) {
  app::Services services{store, Codebook::Default()};
  struct Demo {
    const char* username;
    const char* name;
    const char* role;
    bool print;
  };
  const Demo demo[] = {{"mw01", "Maatschappelijk werker 1", "maatschappelijk_werker", true},
                       {"mw02", "Maatschappelijk werker 2", "maatschappelijk_werker", true},
                       {"mw03", "Maatschappelijk werker 3", "maatschappelijk_werker", true},
                       {"mw04", "Maatschappelijk werker 4", "maatschappelijk_werker", true},
                       {"mw05", "Maatschappelijk werker 5", "maatschappelijk_werker", true},
                       {"mw06", "Maatschappelijk werker 6", "maatschappelijk_werker", true},
                       {"mw07", "Maatschappelijk werker 7", "maatschappelijk_werker", true},
                       {"mw08", "Maatschappelijk werker 8", "maatschappelijk_werker", true},
                       {"teamlead", "Teamverantwoordelijke", "teamverantwoordelijke", true},
                       {"onderzoeker", "Onderzoeker", "onderzoeker", true},
                       {"beheerder", "Beheerder", "beheerder", true},
                       // A partner of the intake (issue 12), linked to AZ Sint-Maarten by CreateIntakeDemo.
                       {"azsm", "Sociale dienst AZ Sint-Maarten", "doorverwijzer", true},
                       {"gb01", "Groepsbegeleider 1", "groepsbegeleider", true},
                       {"gb02", "Groepsbegeleider 2", "groepsbegeleider", false}};
  std::cout << c.T("\nDemo-accounts (wachtwoorden gelden tot de volgende start met --demo):\n",
                   "\nDemo accounts (passwords valid until the next start with --demo):\n");
  for (const Demo& d : demo) {
    std::string password = "demo-" + security::RandomHex(8);
    auto existing = team::FindAccount(store, d.username);
    if (!existing.ok()) return existing.status();
    std::string totp;
    if (*existing) {
      OPKOMST_RETURN_IF_ERROR(
          app::ChangePassword(services, d.username, password,
                              {"cli", "", "account.wachtwoord", "", "ok", std::string("demo ") + d.username}));
      if (!(*existing)->totp_secret.empty()) totp = "-";
    } else {
      auto created = app::CreateAccount(
          services, sealer,
          {d.username, d.name, d.role, password,
           std::string(d.role) == "maatschappelijk_werker" ? std::optional<int>(12) : std::nullopt},
          {"cli", "", "account.aanmaken", "", "ok", "account=" + std::string(d.username) + " rol=" + d.role + " demo"});
      if (!created.ok()) return created.status();
      totp = created->totp_secret;
    }
    if (!d.print) continue;
    std::cout << "  " << d.role << std::string(24 - std::string(d.role).size(), ' ') << d.username
              << std::string(14 - std::string(d.username).size(), ' ') << password;
    if (totp == "-")
      std::cout << c.T("   TOTP-geheim ongewijzigd (enkel getoond toen het gemaakt werd)",
                       "   TOTP secret unchanged (shown only when it was made)");
    else if (!totp.empty())
      std::cout << c.T("   TOTP-geheim ", "   TOTP secret ") << totp << "  (opkomst totp " << totp << ")";
    std::cout << "\n";
  }
  return Status::Ok();
}

std::string ReadPassword(const CliContext& c) {
  bool tty = isatty(STDIN_FILENO);
  termios old{};
  if (tty) {
    std::cerr << c.T("Wachtwoord (minstens 12 tekens): ", "Password (at least 12 characters): ");
    tcgetattr(STDIN_FILENO, &old);
    termios quiet = old;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  }
  std::string line;
  std::getline(std::cin, line);
  if (tty) {
    tcsetattr(STDIN_FILENO, TCSANOW, &old);
    std::cerr << "\n";
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

// The front end's limits (web/server.h) and the Host check.
Status FrontEndOptions(const Flags& flags, web::ServerOptions* server) {
  auto per_client = flags.GetInt("max-connections-per-client", 1, 10000);
  if (!per_client.ok()) return per_client.status();
  auto head = flags.GetInt("head-timeout", 1, 600);
  if (!head.ok()) return head.status();
  auto request = flags.GetInt("request-timeout", 1, 3600);
  if (!request.ok()) return request.status();
  server->max_connections_per_client = static_cast<int>(*per_client);
  server->head_timeout_seconds = static_cast<int>(*head);
  server->request_timeout_seconds = static_cast<int>(std::max(*head, *request));
  server->hsts = flags.Has("behind-tls");
  std::string hosts = flags.Get("allowed-host");
  for (size_t pos = 0; pos < hosts.size();) {
    size_t comma = std::min(hosts.find(',', pos), hosts.size());
    std::string name = hosts.substr(pos, comma - pos);
    if (name.empty() || name.find_first_of(" \t/@") != std::string::npos)
      return InvalidInput("option --allowed-host has value '" + hosts +
                          "': expected host names, optionally with :port, separated by commas");
    server->allowed_hosts.push_back(name);
    pos = comma + 1;
  }
  return Status::Ok();
}

std::vector<FlagSpec> ServeFlags(const CliContext& c) {
  std::vector<FlagSpec> specs = {
      DbFlag(c),
      {"host", "ADRES", c.T("luister op dit adres", "listen on this address"), "127.0.0.1"},
      {"port", "POORT", c.T("luister op deze poort (0 = een vrije)", "listen on this port (0 = any free one)"), "8080"},
      {"threads", "N", c.T("gelijktijdige verzoeken", "concurrent requests"), "16"},
      KeyFlag(c),
      {"demo", "",
       c.T("maak een demoteam en demo-accounts (wachtwoorden op het scherm)",
           "create a demo team and demo accounts (passwords on the console)"),
       ""},
      {"demo-dossiers", "N", c.T("aantal demodossiers", "number of demo dossiers"), "300"},
      {"config", "BESTAND",
       c.T("configuratiebestand met 'sleutel = waarde'-regels; opties op de opdrachtregel gaan voor ('none' = geen)",
           "configuration file of 'key = value' lines; options on the command line win ('none' = none)"),
       kDefaultConfigPath},
      {"session-idle-minutes", "MINUTEN",
       c.T("sessie verloopt na zoveel minuten zonder activiteit", "session expires after this many idle minutes"),
       "15"},
      {"session-absolute-minutes", "MINUTEN",
       c.T("sessie verloopt zoveel minuten na het aanmelden, actief of niet",
           "session expires this many minutes after sign-in, active or not"),
       "720"},
      {"session-idle", "SECONDEN",
       c.T("als --session-idle-minutes, in seconden (om te testen)", "as --session-idle-minutes, in seconds (tests)"),
       ""},
      {"shutdown-grace", "SECONDEN",
       c.T("na SIGTERM krijgen lopende verzoeken zoveel seconden", "after SIGTERM, requests in flight get this long"),
       "10"},
      {"sign-in-limit", "N",
       c.T("aanmeldpogingen per minuut per clientadres (0 = geen rem; achter een proxy is dat het adres van de "
           "proxy)",
           "sign-in attempts per minute per client address (0 = no brake; behind a proxy that is the proxy's "
           "address)"),
       "10"},
      {"password-slots", "N",
       c.T("wachtwoordcontroles tegelijk; wie daarna komt, krijgt meteen 503 (zo blijft de rest van de site vlot)",
           "password checks at once; one more gets 503 at once (so the rest of the site stays fast)"),
       "2"},
      {"behind-tls", "",
       c.T("een TLS-proxy staat ervoor: Secure-cookies en Strict-Transport-Security",
           "a TLS proxy is in front: Secure cookies and Strict-Transport-Security"),
       ""},
      {"allowed-host", "NAAM[,NAAM]",
       c.T("aanvaarde Host-headers naast het eigen adres en localhost (bv. de naam achter de TLS-proxy)",
           "accepted Host headers besides the own address and localhost (e.g. the name behind the TLS proxy)"),
       ""},
      {"max-connections-per-client", "N",
       c.T("open verbindingen per clientadres", "open connections per client address"), "32"},
      {"head-timeout", "SECONDEN",
       c.T("de kopregels van een verzoek moeten binnen zoveel seconden binnen zijn",
           "a request's head must arrive within this many seconds"),
       "10"},
      {"request-timeout", "SECONDEN",
       c.T("een volledig verzoek moet binnen zoveel seconden binnen zijn",
           "a whole request must arrive within this many seconds"),
       "30"},
      {"retention-days", "DAGEN",
       c.T("identiteit van afgewezen of ingetrokken aanmeldingen wissen na zoveel dagen (zoals opkomst retention)",
           "erase the identity of declined or withdrawn referrals after this many days (as opkomst retention)"),
       std::to_string(app::kDefaultRetentionDays)},
      {"retention-every-minutes", "MINUTEN",
       c.T("die bewaartermijn toepassen bij de start en dan om de zoveel minuten (0 = nooit)",
           "apply that retention at the start and then every this many minutes (0 = never)"),
       "60"},
      {"insecure-http", "",
       c.T("sta HTTP zonder TLS toe op een niet-lokaal adres (enkel om te testen)",
           "allow plain HTTP on a non-local address (testing only)"),
       ""}};
  for (FlagSpec& spec : ReminderFlags(c)) specs.push_back(std::move(spec));
  specs.push_back(HelpFlag(c));
  return specs;
}

}  // namespace

int RunServe(const CliContext& c, int argc, char** argv) {
  Flags flags(ServeFlags(c));
  if (int e = ParseOrExit(c, &flags, argc, argv,
                          "opkomst serve [--db URL] [--host ADRES] [--port POORT] [--demo] [--key-file BESTAND]",
                          c.T("Start de webtoepassing.", "Starts the web application."), 0);
      e >= 0)
    return e;
  if (Status s = ApplyConfigFile(c, &flags); !s.ok()) return ReportStatus(c, s);
  auto port = flags.GetInt("port", 0, 65535);
  if (!port.ok()) return ReportStatus(c, port.status());
  auto threads = flags.GetInt("threads", 1, 256);
  if (!threads.ok()) return ReportStatus(c, threads.status());
  auto idle = flags.Has("session-idle") ? flags.GetInt("session-idle", 1, 24 * 3600)
                                        : flags.GetInt("session-idle-minutes", 1, 24 * 60);
  if (!idle.ok()) return ReportStatus(c, idle.status());
  auto absolute = flags.GetInt("session-absolute-minutes", 1, 7 * 24 * 60);
  if (!absolute.ok()) return ReportStatus(c, absolute.status());
  auto grace = flags.GetInt("shutdown-grace", 1, 600);
  if (!grace.ok()) return ReportStatus(c, grace.status());
  auto sign_in_limit = flags.GetInt("sign-in-limit", 0, 100000);
  if (!sign_in_limit.ok()) return ReportStatus(c, sign_in_limit.status());
  auto password_slots = flags.GetInt("password-slots", 1, 256);
  if (!password_slots.ok()) return ReportStatus(c, password_slots.status());
  auto retention_days = flags.GetInt("retention-days", 0, 3650);
  if (!retention_days.ok()) return ReportStatus(c, retention_days.status());
  auto retention_every = flags.GetInt("retention-every-minutes", 0, 7 * 24 * 60);
  if (!retention_every.ok()) return ReportStatus(c, retention_every.status());
  std::string host = flags.Get("host");
  if (!IsLoopback(host) && !flags.Has("behind-tls") && !flags.Has("insecure-http"))
    return ReportStatus(c, InvalidInput("option --host has value '" + host +
                                        "': outside loopback, serve behind a TLS proxy (--behind-tls); "
                                        "--insecure-http only for tests"));
  web::ServerOptions server;
  server.host = host;
  server.port = static_cast<uint16_t>(*port);
  server.threads = static_cast<int>(*threads);
  server.shutdown_grace_seconds = static_cast<int>(*grace);
  if (Status s = FrontEndOptions(flags, &server); !s.ok()) return ReportStatus(c, s);
  if (Status s = security::InitialiseCrypto(); !s.ok()) return ReportStatus(c, s);
  auto sealer = OpenSealer(flags, true);
  if (!sealer.ok()) return ReportStatus(c, sealer.status());
  // One reader connection per request thread on PostgreSQL (a thread waiting
  // for the server should not hold up the others); SQLite readers are cheap
  // but each keeps a page cache, so at most 8.
  bool postgres = flags.Get("db").rfind("postgres", 0) == 0;
  int readers = static_cast<int>(postgres ? *threads : std::min<long long>(*threads, 8));
  auto pool = web::StorePool::Open(flags.Get("db"), Codebook::Default(), readers);
  if (!pool.ok()) return ReportStatus(c, pool.status());
  if (flags.Has("demo")) {
    Store& store = (*pool)->Writer();
    auto counts = store.Counts();
    if (!counts.ok()) return ReportStatus(c, counts.status());
    if (counts->dossiers == 0) {
      auto dossiers = flags.GetInt("demo-dossiers", 1, 10000000);
      if (!dossiers.ok()) return ReportStatus(c, dossiers.status());
      GeneratorOptions options;
      options.dossiers = *dossiers;
      // The demo team runs until today, so caseloads have work that is due.
      options.as_of = Date::Today();
      options.last_start = Date::Today().AddDays(-7);
      options.first_start = options.last_start.AddMonths(-48);
      auto transaction = store.BeginImport();
      if (!transaction.ok()) return ReportStatus(c, transaction.status());
      Status s = GenerateTeam(Codebook::Default(), options, transaction->get());
      if (s.ok()) s = (*transaction)->Commit();
      if (!s.ok()) return ReportStatus(c, s);
      std::cout << c.T("Demoteam aangemaakt: ", "Demo team created: ") << *dossiers
                << c.T(" dossiers\n", " dossiers\n");
    }
    if (Status s = CreateDemoAccounts(c, store, *sealer); !s.ok()) return ReportStatus(c, s);
    if (Status s = CreateIntakeDemo(store, *sealer); !s.ok()) return ReportStatus(c, s);  // issue 12
    if (Status s = CreateDemoGroupWork(store, Codebook::Default(), *sealer, Date::Today()); !s.ok())
      return ReportStatus(c, s);
  }
  web::AppOptions options;
  options.sessions.idle_seconds = flags.Has("session-idle") ? *idle : *idle * 60;
  options.sessions.absolute_seconds = *absolute * 60;
  // One line per request, written whole (lines of parallel requests never mix).
  options.request_log = [](const std::string& line) {
    std::string out = line + "\n";
    ssize_t written = write(STDERR_FILENO, out.data(), out.size());
    (void)written;  // a log that cannot be written does not stop the answer
  };
  options.sign_in_per_minute = static_cast<int>(*sign_in_limit);
  options.password_work_slots = static_cast<int>(*password_slots);
  options.secure_cookie = !flags.Has("insecure-http");
  options.behind_tls = flags.Has("behind-tls");
  options.public_hosts = server.allowed_hosts;  // only the configured names: serve adds the defaults later
  web::BlockStopSignals();                      // before the audit log's writer thread starts
  options.referral_retention_days = static_cast<int>(*retention_days);
  options.retention_every_seconds = static_cast<int>(*retention_every) * 60;
  web::App app(Codebook::Default(), pool->get(), *sealer, options);
  // Reminders go out from here (issue 13); stopped before the last drain of
  // the audit outbox below.
  app::Services services{(*pool)->Writer(), Codebook::Default(), &app.audit()};
  auto scheduler = NewReminderScheduler(flags, services, *sealer);
  if (!scheduler.ok()) return ReportStatus(c, scheduler.status());
  if (*scheduler) (*scheduler)->Start();
  Status s = web::Serve(app, server, [&](uint16_t bound) {
    std::cout << c.T("\nopkomst luistert op ", "\nopkomst is listening on ") << "http://"
              << (host.find(':') != std::string::npos ? "[" + host + "]" : host) << ":" << bound << "/  ("
              << (*pool)->Writer().Describe() << c.T("; stoppen met Ctrl-C)\n", "; stop with Ctrl-C)\n");
    if (*scheduler)
      std::cout << c.T("herinneringen: WhatsApp-daglijst", "reminders: WhatsApp day list")
                << ((*scheduler)->ChannelNames().empty() ? "" : ", " + (*scheduler)->ChannelNames()) << "\n";
    std::cout << std::flush;
  });
  if (*scheduler) {
    (*scheduler)->Stop();
    Status drained = app.audit().Drain();  // what the last pass added
    if (s.ok()) s = drained;
  }
  return ReportStatus(c, s);
}

int RunUser(const CliContext& c, int argc, char** argv) {
  Flags flags({DbFlag(c),
               {"username", "NAAM", c.T("gebruikersnaam (a-z, 0-9, . _ -)", "user name (a-z, 0-9, . _ -)"), ""},
               {"name", "TEKST", c.T("volledige naam", "full name"), ""},
               {"role", "ROL", "maatschappelijk_werker | teamverantwoordelijke | onderzoeker | beheerder", ""},
               {"capacity", "N", c.T("gezinnen die een werker kan dragen", "families a worker can carry"), ""},
               KeyFlag(c),
               HelpFlag(c)});
  if (int e = ParseOrExit(c, &flags, argc, argv,
                          "opkomst user add --username NAAM --role ROL [--name TEKST] [--capacity N]  "
                          "(wachtwoord via stdin)",
                          c.T("Maakt een account aan. Het wachtwoord komt van de standaardinvoer (niet zichtbaar op "
                              "een terminal). Beheerders krijgen een TOTP-geheim voor de tweede factor.",
                              "Creates an account. The password is read from standard input (hidden on a "
                              "terminal). Administrators get a TOTP secret for the second factor."),
                          1);
      e >= 0)
    return e;
  if (flags.positional()[0] != "add")
    return ReportStatus(c, InvalidInput("unknown subcommand '" + flags.positional()[0] + "'; expected 'user add'"));
  for (const char* required : {"username", "role"})
    if (!flags.Has(required))
      return ReportStatus(c, InvalidInput(std::string("option --") + required + " is required"));
  app::NewAccount account{flags.Get("username"), flags.Get("name"), flags.Get("role"), "", std::nullopt};
  if (flags.Has("capacity")) {
    auto capacity = flags.GetInt("capacity", 0, 100);
    if (!capacity.ok()) return ReportStatus(c, capacity.status());
    account.capacity = static_cast<int>(*capacity);
  }
  if (Status s = security::InitialiseCrypto(); !s.ok()) return ReportStatus(c, s);
  account.password = ReadPassword(c);
  auto sealer = OpenSealer(flags, true);
  if (!sealer.ok()) return ReportStatus(c, sealer.status());
  auto store = Store::Open(flags.Get("db"), Codebook::Default());
  if (!store.ok()) return ReportStatus(c, store.status());
  auto created =
      app::CreateAccount({**store, Codebook::Default()}, *sealer, account,
                         {"cli", "", "account.aanmaken", "", "ok",
                          "account=" + account.username.substr(0, 32) + " rol=" + account.role.substr(0, 32)});
  if (!created.ok()) return ReportStatus(c, created.status());
  std::cout << c.T("Account aangemaakt: ", "Account created: ") << account.username << " (" << account.role << ")\n";
  if (!created->totp_secret.empty())
    std::cout << c.T("TOTP-geheim (eenmalig getoond, zet het in een authenticator-app): ",
                     "TOTP secret (shown once; put it in an authenticator app): ")
              << created->totp_secret << "\n"
              << security::TotpUri("opkomst", account.username, created->totp_secret) << "\n";
  return kExitOk;
}

int RunAudit(const CliContext& c, int argc, char** argv) {
  Flags flags({DbFlag(c), HelpFlag(c)});
  if (int e =
          ParseOrExit(c, &flags, argc, argv, "opkomst audit verify [--db URL]",
                      c.T("Controleert de hashketen van het auditlogboek.", "Checks the audit log's hash chain."), 1);
      e >= 0)
    return e;
  if (flags.positional()[0] != "verify")
    return ReportStatus(c, InvalidInput("unknown subcommand '" + flags.positional()[0] + "'; expected 'audit verify'"));
  if (Status s = security::InitialiseCrypto(); !s.ok()) return ReportStatus(c, s);
  auto store = Store::Open(app::AuditUrl(flags.Get("db")), Codebook::Default());
  if (!store.ok()) return ReportStatus(c, store.status());
  auto result = app::VerifyAudit(**store);
  if (!result.ok()) return ReportStatus(c, result.status());
  if (!result->problem.empty()) {
    std::cerr << c.T("auditketen GEBROKEN: ", "audit chain BROKEN: ") << result->problem << "\n";
    return kExitDataErrors;
  }
  std::vector<team::AuditRow> last;
  if (result->rows > 0) (void)team::ScanAudit(**store, "", result->rows - 1, 1, &last);
  std::cout << c.T("auditketen in orde: ", "audit chain intact: ") << result->rows << c.T(" rijen", " rows");
  if (!last.empty()) std::cout << c.T(", laatste hash ", ", last hash ") << last[0].hash;
  std::cout << "\n";
  return kExitOk;
}

int RunTotp(const CliContext& c, int argc, char** argv) {
  Flags flags({HelpFlag(c)});
  if (int e = ParseOrExit(c, &flags, argc, argv, "opkomst totp GEHEIM",
                          c.T("Toont de huidige zescijferige code van een TOTP-geheim (zoals een authenticator-app).",
                              "Prints the current six-digit code of a TOTP secret (as an authenticator app does)."),
                          1);
      e >= 0)
    return e;
  auto code = security::TotpCode(flags.positional()[0], static_cast<int64_t>(std::time(nullptr)));
  if (!code.ok()) return ReportStatus(c, code.status());
  std::cout << *code << "\n";
  return kExitOk;
}

}  // namespace opkomst
