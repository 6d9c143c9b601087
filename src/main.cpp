// clientele: the customer-management server of an online store, and its command-line tools.
// The composition root: reads configuration, opens the App, and runs one subcommand.
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <optional>
#include <string>
#include <thread>

#include "app/app.hpp"
#include "core/time.hpp"
#include "flows/demo/demo.hpp"
#include "http/server.hpp"
#include "modules/jobs/runner.hpp"

namespace {

using clientele::App;
using clientele::AppOptions;
using clientele::Error;

std::string EnvOr(const char* name, std::string fallback) {
  const char* v = std::getenv(name);
  return v && *v ? v : fallback;
}

int Fail(const Error& e) {
  std::cerr << "error: " << e.message << "\n";
  for (const auto& f : e.fields) std::cerr << "  " << f.field << ": " << f.message << "\n";
  return 1;
}

// "12000 / 100000 customers · 35000/s · 3 s left", rewritten in place on a terminal.
void PrintProgress(int64_t done, int64_t total, double seconds, const char* unit) {
  if (!isatty(STDERR_FILENO)) return;
  const double rate = seconds > 0 ? done / seconds : 0;
  std::cerr << "\r" << done << " / " << total << " " << unit;
  if (rate > 0) {
    std::cerr << " · " << static_cast<int64_t>(rate) << "/s";
    if (total > done)
      std::cerr << " · " << static_cast<int64_t>((total - done) / rate) << " s left";
  }
  std::cerr << "   " << std::flush;
}

// Sends the file at `path` to the import uploads, as the admin's upload does, in parts.
clientele::Result<clientele::flows::ImportFile> UploadFile(clientele::flows::ImportFiles& uploads,
                                                           const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return clientele::Error::Invalid(path + " cannot be read.");
  std::string part(8 << 20, '\0');
  std::optional<clientele::flows::ImportFile> file;
  for (;;) {
    in.read(part.data(), static_cast<std::streamsize>(part.size()));
    const std::string_view bytes(part.data(), static_cast<size_t>(in.gcount()));
    const bool last = in.eof();
    auto sent =
        file ? uploads.Append(file->id, file->size, bytes, last) : uploads.Create(bytes, last);
    if (!sent.ok()) return sent;
    file = std::move(*sent);
    if (last) return *file;
  }
}

int RunImport(App& app, const clientele::audit::Actor& actor, const std::string& path,
              const std::vector<std::string>& maps, const std::string& errors_path,
              clientele::flows::ImportRequest request, int64_t lease_seconds) {
  auto file = UploadFile(app.uploads(), path);
  if (!file.ok()) return Fail(file.error());
  std::cerr << path << ": " << file->plan.format_name << "\n";
  for (const auto& c : file->plan.columns) request.mapping.push_back(c.target);
  for (const auto& m : maps) {
    const size_t eq = m.find('=');
    size_t i = 0;
    while (eq != std::string::npos && i < file->plan.columns.size() &&
           file->plan.columns[i].header != m.substr(0, eq)) {
      ++i;
    }
    if (eq == std::string::npos || i == file->plan.columns.size()) {
      std::cerr << "error: --map takes HEADER=TARGET with a header of the file (got " << m << ")\n";
      return 2;
    }
    request.mapping[i] = m.substr(eq + 1);
  }
  request.file_id = file->id;
  auto job = app.imports().Start(actor, "command line", request);
  if (!job.ok()) return Fail(job.error());
  const auto started = std::chrono::steady_clock::now();
  auto ended = clientele::jobs::RunHere(app.jobs(), *job, lease_seconds, [&](const auto& j) {
    const std::chrono::duration<double> seconds = std::chrono::steady_clock::now() - started;
    PrintProgress(j.done, j.total, seconds.count(), "rows");
  });
  if (isatty(STDERR_FILENO)) std::cerr << "\n";
  if (!ended.ok()) return Fail(ended.error());
  const nlohmann::json& r = ended->result;
  std::cout << (request.dry_run ? "dry run: " : "imported: ") << r.value("created", 0) << " new, "
            << r.value("updated", 0) << " updated, " << r.value("unchanged", 0) << " unchanged, "
            << r.value("skipped", 0) << " skipped\n";
  if (r.value("errors", 0) > 0) {
    auto report = app.imports().ErrorsOf(ended->public_id);
    if (!report.ok()) return Fail(report.error());
    const std::string target = errors_path.empty() ? report->name : errors_path;
    std::error_code error;
    std::filesystem::copy_file(report->path, target,
                               std::filesystem::copy_options::overwrite_existing, error);
    if (error) {
      std::cerr << "error: " << target << " cannot be written: " << error.message() << "\n";
      return 1;
    }
    std::cout << r.value("errors", 0) << " mistakes, listed in " << target << "\n";
  }
  if (ended->state != clientele::jobs::JobState::kSucceeded) {
    std::cerr << "error: the import " << clientele::jobs::ToString(ended->state) << ": "
              << ended->error << "\n";
    return 1;
  }
  return 0;
}

std::unique_ptr<App> OpenOrExit(const AppOptions& options) {
  auto app = App::Open(options);
  if (!app.ok()) {
    Fail(app.error());
    std::exit(1);
  }
  return std::move(app).value();
}

// "127.0.0.1:8080", "[::1]:8080" or ":8080".
bool ParseListen(const std::string& text, clientele::http::ServerOptions& out) {
  auto colon = text.rfind(':');
  if (colon == std::string::npos) return false;
  std::string host = text.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  try {
    int port = std::stoi(text.substr(colon + 1));
    if (port < 0 || port > 65535) return false;
    out.port = static_cast<uint16_t>(port);
  } catch (...) {
    return false;
  }
  out.host = host.empty() ? "127.0.0.1" : host;
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"Clientele: the customer-management system of an online store."};
  cli.require_subcommand(1);
  // Options of the whole program (--db, --log-level) may also follow the subcommand, as in
  // `clientele demo --db sqlite:try.db`: subcommands created below pass them up to here.
  cli.fallthrough();
  AppOptions options;
  options.db_url = EnvOr("CLIENTELE_DB", options.db_url);
  std::string log_level = EnvOr("CLIENTELE_LOG_LEVEL", "info");
  cli.add_option("--db", options.db_url,
                 "Database URL: sqlite:PATH or postgres://USER@HOST:PORT/DB (env CLIENTELE_DB)")
      ->capture_default_str();
  cli.add_option("--log-level", log_level, "trace, debug, info, warn, error or off")
      ->capture_default_str();
  options.secret_key_file = EnvOr("CLIENTELE_SECRET_KEY_FILE", "");
  cli.add_option("--secret-key-file", options.secret_key_file,
                 "The store's secret key, which seals two-factor secrets (env "
                 "CLIENTELE_SECRET_KEY_FILE; default: secret.key beside the SQLite file, or "
                 "./data/secret.key); created when missing, and the same file on every node");

  // serve
  auto* serve = cli.add_subcommand("serve", "Run the HTTP server (admin API, health, docs).");
  std::string listen = EnvOr("CLIENTELE_LISTEN", "127.0.0.1:8080");
  int threads = 0;
  serve->add_option("--listen", listen, "Address to listen on, HOST:PORT (env CLIENTELE_LISTEN)")
      ->capture_default_str();
  serve->add_option("--threads", threads, "Server threads (0: one per core, at least 2)");
  options.web_root = EnvOr("CLIENTELE_WEB_ROOT", CLIENTELE_DEFAULT_WEB_ROOT);
  serve
      ->add_option("--web-root", options.web_root,
                   "Folder of the built admin UI, served at /admin/ (env CLIENTELE_WEB_ROOT)")
      ->capture_default_str();
  options.account_root = EnvOr("CLIENTELE_ACCOUNT_ROOT", CLIENTELE_DEFAULT_ACCOUNT_ROOT);
  serve
      ->add_option("--account-root", options.account_root,
                   "Folder of the built customer area, served at /account/ (env "
                   "CLIENTELE_ACCOUNT_ROOT)")
      ->capture_default_str();
  options.public_url = EnvOr("CLIENTELE_PUBLIC_URL", "");
  serve->add_option("--public-url", options.public_url,
                    "Where shoppers reach this server, for the links in e-mails, such as "
                    "https://shop.example.com (env CLIENTELE_PUBLIC_URL; default: the listen "
                    "address)");
  serve->add_flag("--secure-cookies", options.secure_cookies,
                  "Mark session cookies Secure (when clients reach the server over HTTPS)");
  // Outgoing e-mail. Without --smtp-host every message stays queued (and the UI says so).
  clientele::mail::SmtpConfig& smtp = options.smtp;
  smtp.host = EnvOr("CLIENTELE_SMTP_HOST", "");
  smtp.port = std::atoi(EnvOr("CLIENTELE_SMTP_PORT", "587").c_str());
  std::string smtp_tls = EnvOr("CLIENTELE_SMTP_TLS", "starttls");
  smtp.user = EnvOr("CLIENTELE_SMTP_USER", "");
  smtp.password = EnvOr("CLIENTELE_SMTP_PASSWORD", "");
  smtp.from_address = EnvOr("CLIENTELE_MAIL_FROM", smtp.from_address);
  smtp.from_name = EnvOr("CLIENTELE_MAIL_FROM_NAME", "");
  serve->add_option("--smtp-host", smtp.host,
                    "SMTP server for outgoing e-mail (env CLIENTELE_SMTP_HOST)");
  serve->add_option("--smtp-port", smtp.port, "SMTP port (env CLIENTELE_SMTP_PORT)")
      ->capture_default_str()
      ->check(CLI::Range(1, 65535));
  serve
      ->add_option("--smtp-tls", smtp_tls,
                   "none, starttls (required STARTTLS) or tls (implicit TLS, usually port 465) "
                   "(env CLIENTELE_SMTP_TLS)")
      ->capture_default_str()
      ->check(CLI::IsMember({"none", "starttls", "tls"}));
  serve->add_option("--smtp-user", smtp.user, "SMTP user name (env CLIENTELE_SMTP_USER)");
  serve->add_option("--smtp-password", smtp.password,
                    "SMTP password; prefer the environment variable CLIENTELE_SMTP_PASSWORD, "
                    "which other users cannot see in the process list");
  serve->add_option("--mail-from", smtp.from_address, "Sender address (env CLIENTELE_MAIL_FROM)")
      ->capture_default_str();
  serve->add_option("--mail-from-name", smtp.from_name,
                    "Sender name, such as the store's name (env CLIENTELE_MAIL_FROM_NAME)");
  serve
      ->add_option("--mail-retry-seconds", options.delivery.retry_base_seconds,
                   "Wait before the first retry of a failed delivery; each next wait is 4 times "
                   "longer, at most 6 hours")
      ->capture_default_str()
      ->check(CLI::Range(int64_t{1}, int64_t{86400}));
  serve
      ->add_option("--mail-max-attempts", options.delivery.max_attempts,
                   "Delivery attempts before a message is marked failed")
      ->capture_default_str()
      ->check(CLI::Range(1, 100));

  // Digital goods and background jobs.
  options.files_root = EnvOr("CLIENTELE_FILES", "");
  serve->add_option("--files", options.files_root,
                    "Folder of the product files customers download; storage paths are relative "
                    "to it (env CLIENTELE_FILES; default: files beside the SQLite file, or "
                    "./data/files)");
  options.exports_root = EnvOr("CLIENTELE_EXPORTS", "");
  serve->add_option("--exports", options.exports_root,
                    "Folder where export files wait to be downloaded, 7 days (env "
                    "CLIENTELE_EXPORTS; default: exports beside the SQLite file, or "
                    "./data/exports)");
  options.imports_root = EnvOr("CLIENTELE_IMPORTS", "");
  serve->add_option("--imports", options.imports_root,
                    "Folder where uploaded import files wait for their import, 7 days (env "
                    "CLIENTELE_IMPORTS; default: imports beside the SQLite file, or "
                    "./data/imports)");
  serve
      ->add_option("--job-lease-seconds", options.jobs.lease_seconds,
                   "How long a node holds a background job without progress before another "
                   "node (or this one, restarted after a crash) resumes it")
      ->capture_default_str()
      ->check(CLI::Range(int64_t{1}, int64_t{3600}));
  options.jobs.stall_after_chunks_for_test =
      std::atoll(EnvOr("CLIENTELE_JOBS_STALL_AFTER_CHUNKS_FOR_TEST", "0").c_str());

  // The SMS provider for sign-in codes. Without --sms-url shoppers cannot choose SMS codes.
  options.sms.url = EnvOr("CLIENTELE_SMS_URL", "");
  options.sms.secret = EnvOr("CLIENTELE_SMS_SECRET", "");
  serve->add_option("--sms-url", options.sms.url,
                    "SMS provider endpoint that takes a signed JSON POST per SMS (env "
                    "CLIENTELE_SMS_URL)");
  serve->add_option("--sms-secret", options.sms.secret,
                    "Key of the HMAC-SHA256 signature of SMS requests; prefer the environment "
                    "variable CLIENTELE_SMS_SECRET");

  // migrate
  auto* migrate = cli.add_subcommand("migrate", "Apply the database migrations and exit.");

  // demo
  auto* demo = cli.add_subcommand("demo", "Fill an empty store with realistic demo customers.");
  int64_t demo_customers = 1000;
  uint64_t demo_seed = 42;
  demo->add_option("--customers", demo_customers, "How many customers")
      ->capture_default_str()
      ->check(CLI::Range(int64_t{1}, int64_t{20'000'000}));
  demo->add_option("--seed", demo_seed, "Seed: the same seed gives the same store")
      ->capture_default_str();
  double demo_spam_percent = 0;
  demo->add_option("--spam-percent", demo_spam_percent,
                   "Share of spam registrations (for trying audit and cleanup)")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 50.0));

  // admin create
  auto* admin = cli.add_subcommand("admin", "Manage admin users.");
  admin->require_subcommand(1);
  auto* admin_create =
      admin->add_subcommand("create", "Create an admin; the password is read from standard input.");
  std::string admin_email, admin_name, admin_role = "owner";
  admin_create->add_option("--email", admin_email, "E-mail address (the login)")->required();
  admin_create->add_option("--name", admin_name, "Display name");
  admin_create->add_option("--role", admin_role, "owner, admin, support or viewer")
      ->capture_default_str()
      ->check(CLI::IsMember({"owner", "admin", "support", "viewer"}));

  // import
  auto* import_command =
      cli.add_subcommand("import", "Import customers from a CSV file, as the admin's Import does.");
  std::string import_path, import_errors;
  std::vector<std::string> import_maps;
  clientele::flows::ImportRequest import_request;
  import_command->add_option("file", import_path, "The CSV file")->required();
  import_command->add_flag("--dry-run", import_request.dry_run,
                           "Check every row and count what would change, writing nothing");
  import_command->add_flag("--all-or-nothing", import_request.all_or_nothing,
                           "Import nothing when any row has a mistake");
  import_command
      ->add_option("--match-by", import_request.match_by, "Find existing customers by email or id")
      ->capture_default_str()
      ->check(CLI::IsMember({"email", "id"}));
  import_command->add_option(
      "--map", import_maps,
      "HEADER=TARGET: import the column HEADER into TARGET (empty: not at all) instead of what "
      "the file's format suggests; repeatable. GET /api/admin/imports/targets lists targets");
  import_command->add_option("--errors", import_errors,
                             "Where the error report goes (default: import-errors-JOB.csv here)");
  import_command->add_option("--imports", options.imports_root,
                             "Folder where the file is kept during the import (as for serve)");

  // token create
  auto* token = cli.add_subcommand("token", "Manage API tokens for scripts.");
  token->require_subcommand(1);
  auto* token_create = token->add_subcommand(
      "create", "Create an API token for an admin; prints it once (it is stored hashed).");
  std::string token_admin, token_name;
  token_create->add_option("--admin", token_admin, "E-mail of the admin the token acts as")
      ->required();
  token_create->add_option("--name", token_name, "What the token is for")->required();

  // export
  auto* export_command = cli.add_subcommand(
      "export",
      "Export customers, the store credit history or the audit log to a CSV, XLSX, PDF or HTML "
      "file, as the admin's Export does.");
  clientele::flows::ExportRequest export_request;
  export_request.format = "csv";
  std::vector<std::string> export_filters;
  std::string export_output;
  export_command
      ->add_option("--source", export_request.source,
                   "customers (default), wallet (the store credit history) or audit (the audit "
                   "log); --filter then takes that list's parameters (wallet: from, to, kind; "
                   "audit: actor, action, customer, from, to)")
      ->check(CLI::IsMember({"customers", "wallet", "audit"}));
  export_command->add_option("--format", export_request.format, "csv, xlsx, pdf or html")
      ->capture_default_str();
  export_command
      ->add_option("--columns", export_request.columns,
                   "Column keys, comma-separated, such as id,email,first_name (default: the "
                   "columns the admin's Export ticks first; GET /api/admin/exports/columns lists "
                   "them all)")
      ->delimiter(',');
  export_command->add_option(
      "--filter", export_filters,
      "A customer list parameter as NAME=VALUE, such as status=active, tag=vip, q=smith, "
      "\"filter=orders >= 2 AND last_order < -90d\" (the segment filter language) or "
      "segment=ID; repeat it for several");
  export_command
      ->add_option("--ids", export_request.ids, "Chosen customers' ids, comma-separated, instead")
      ->delimiter(',');
  export_command->add_option("--output,-o", export_output,
                             "The file to write, or - for standard output (default: the "
                             "export's own name, such as customers-2026-12-03.csv, here)");
  export_command->add_option("--exports", options.exports_root,
                             "Folder where the export is written first (as for serve)");

  CLI11_PARSE(cli, argc, argv);
  spdlog::set_level(spdlog::level::from_str(log_level));
  clientele::audit::Actor cli_actor;  // the system: someone at the server's console

  if (*serve) {
    // A closed stdout or socket must cost a log line or a connection, never the server.
    std::signal(SIGPIPE, SIG_IGN);
    clientele::http::ServerOptions server_options;
    if (!ParseListen(listen, server_options)) {
      std::cerr << "error: --listen must be HOST:PORT, such as 127.0.0.1:8080\n";
      return 2;
    }
    server_options.threads = threads;
    if (options.sms.configured() && options.sms.secret.empty()) {
      std::cerr << "error: --sms-url needs the signing key: set CLIENTELE_SMS_SECRET\n";
      return 2;
    }
    clientele::mail::ParseTls(smtp_tls, &options.smtp.tls);
    int workers = threads > 0 ? threads : std::max(2u, std::thread::hardware_concurrency());
    const int slow = std::max(1u, std::thread::hardware_concurrency() / 2);
    server_options.slow_threads = slow;
    // Handlers run on the server threads and the pool for slow work; the sender and the
    // housekeeping take one more each: one connection for each of them is never short.
    options.db_pool_size = workers + slow + 2;
    auto app = OpenOrExit(options);
    clientele::http::Server server(server_options,
                                   [&app](clientele::http::Request& r) { return app->Handle(r); });
    if (auto s = server.Listen(); !s.ok()) return Fail(s.error());
    // One line that scripts and tests read to learn the port (with --listen ...:0).
    const std::string base = "http://" + server_options.host + ":" + std::to_string(server.port());
    if (options.public_url.empty()) app->SetPublicUrl(base);
    std::cout << "listening on " << base << "/" << std::endl;
    app->StartBackgroundWork();
    server.Run();
    app->StopBackgroundWork();
    spdlog::info("event=stopped");
    return 0;
  }
  if (*migrate) {
    auto app = OpenOrExit(options);
    std::cout << "database is up to date\n";
    return 0;
  }
  if (*demo) {
    auto app = OpenOrExit(options);
    clientele::demo::Options demo_options;
    demo_options.customers = demo_customers;
    demo_options.seed = demo_seed;
    demo_options.spam_percent = demo_spam_percent;
    demo_options.now_micros = clientele::SystemClock().NowMicros();
    auto report = clientele::demo::Load(app->db(), demo_options, [&](int64_t done) {
      if (!isatty(STDERR_FILENO)) return;
      std::cerr << "\r" << done << " / " << demo_customers << " customers";
      if (done == demo_customers) std::cerr << ", building the indexes";
      std::cerr << std::flush;
    });
    if (isatty(STDERR_FILENO)) std::cerr << "\n";
    if (!report.ok()) return Fail(report.error());
    // PostgreSQL's customer counters take the load's deltas now, not on a server's next pass.
    if (auto folded = app->customers().FoldCounters(); !folded.ok()) return Fail(folded.error());
    std::cout << "demo store: " << report->customers << " customers, " << report->groups
              << " groups, " << report->tags << " tags in " << report->seconds << " s ("
              << static_cast<int64_t>(report->customers / std::max(report->seconds, 1e-9))
              << " customers/s)\n";
    return 0;
  }
  if (*admin_create) {
    std::string password;
    std::getline(std::cin, password);
    if (!password.empty() && password.back() == '\r') password.pop_back();
    auto app = OpenOrExit(options);
    auto role = clientele::admins::ParseRole(admin_role);
    auto created = app->admins().CreateAdmin(cli_actor, admin_email, admin_name, password, *role);
    if (!created.ok()) return Fail(created.error());
    std::cout << "admin created: " << created->email << " (" << admin_role << ")\n";
    return 0;
  }
  if (*export_command) {
    for (const auto& f : export_filters) {
      const size_t eq = f.find('=');
      if (eq == std::string::npos || eq == 0) {
        std::cerr << "error: --filter takes NAME=VALUE, such as status=active (got " << f << ")\n";
        return 2;
      }
      export_request.filter[f.substr(0, eq)] = f.substr(eq + 1);
    }
    auto app = OpenOrExit(options);
    auto job = app->exports().Start(cli_actor, "command line", export_request);
    if (!job.ok()) return Fail(job.error());
    const char* rows_name = export_request.source == "wallet"  ? "entries"
                            : export_request.source == "audit" ? "events"
                                                               : "customers";
    const auto started = std::chrono::steady_clock::now();
    auto ended = clientele::jobs::RunHere(
        app->jobs(), *job, options.jobs.lease_seconds, [&](const clientele::jobs::Job& j) {
          const std::chrono::duration<double> seconds = std::chrono::steady_clock::now() - started;
          PrintProgress(j.done, j.total, seconds.count(), rows_name);
        });
    if (isatty(STDERR_FILENO)) std::cerr << "\n";
    if (!ended.ok()) return Fail(ended.error());
    if (ended->state != clientele::jobs::JobState::kSucceeded) {
      std::cerr << "error: the export " << clientele::jobs::ToString(ended->state) << ": "
                << ended->error << "\n";
      return 1;
    }
    auto file = app->exports().FileOf(ended->public_id);
    if (!file.ok()) return Fail(file.error());
    if (export_output == "-") {
      std::ifstream in(file->path, std::ios::binary);
      std::cout << in.rdbuf() << std::flush;
      return std::cout ? 0 : 1;
    }
    const std::string target = export_output.empty() ? file->name : export_output;
    std::error_code error;
    std::filesystem::copy_file(file->path, target,
                               std::filesystem::copy_options::overwrite_existing, error);
    if (error) {
      std::cerr << "error: " << target << " cannot be written: " << error.message() << "\n";
      return 1;
    }
    std::cout << "exported " << ended->done << " " << rows_name << " to " << target << "\n";
    return 0;
  }
  if (*import_command) {
    auto app = OpenOrExit(options);
    const int code = RunImport(*app, cli_actor, import_path, import_maps, import_errors,
                               import_request, options.jobs.lease_seconds);
    // As after a demo load: the counters take what the import changed at once.
    if (auto folded = app->customers().FoldCounters(); !folded.ok()) return Fail(folded.error());
    return code;
  }
  if (*token_create) {
    auto app = OpenOrExit(options);
    auto created = app->admins().CreateToken(cli_actor, token_admin, token_name);
    if (!created.ok()) return Fail(created.error());
    std::cout << created->secret << "\n";
    return 0;
  }
  return 0;
}
