#include "app/app.hpp"

#include <spdlog/spdlog.h>

#include <filesystem>

#include "flows/cleanup/routes.hpp"
#include "flows/erasure/routes.hpp"
#include "flows/merge/routes.hpp"
#include "flows/privacy/routes.hpp"
#include "flows/transfer/routes.hpp"
#include "http/json_body.hpp"
#include "http/problem.hpp"
#include "modules/accounts/routes.hpp"
#include "modules/addresses/routes.hpp"
#include "modules/audit/routes.hpp"
#include "modules/catalog/routes.hpp"
#include "modules/customers/routes.hpp"
#include "modules/groups/routes.hpp"
#include "modules/jobs/routes.hpp"
#include "modules/library/routes.hpp"
#include "modules/messages/routes.hpp"
#include "modules/moderation/routes.hpp"
#include "modules/notes/routes.hpp"
#include "modules/orders/routes.hpp"
#include "modules/settings/routes.hpp"
#include "modules/wallet/routes.hpp"

extern const char* const kOpenApiJson;

namespace clientele {

const char* OpenApiDocument() { return kOpenApiJson; }

namespace {

// Creates the folder of a SQLite file so that the default ./data/clientele.db just works.
void EnsureSqliteFolder(const std::string& url) {
  if (url.rfind("sqlite:", 0) != 0) return;
  std::filesystem::path path(url.substr(7));
  if (path.has_parent_path()) {
    std::error_code ec;
    std::filesystem::create_directories(path.parent_path(), ec);
  }
}

// `name` beside the SQLite file, or in ./data for PostgreSQL.
std::string DataFolder(const std::string& db_url, const char* name) {
  if (db_url.rfind("sqlite:", 0) == 0) {
    std::filesystem::path db(db_url.substr(7));
    return (db.parent_path() / name).string();
  }
  return std::string("./data/") + name;
}

}  // namespace

std::string DefaultSecretKeyFile(const std::string& db_url) {
  return DataFolder(db_url, "secret.key");
}

std::string DefaultFilesRoot(const std::string& db_url) { return DataFolder(db_url, "files"); }

Result<std::unique_ptr<App>> App::Open(const AppOptions& options) {
  EnsureSqliteFolder(options.db_url);
  db::OpenOptions db_options;
  db_options.pool_size = options.db_pool_size;
  ASSIGN_OR_RETURN(std::unique_ptr<db::Database> db, db::Open(options.db_url, db_options));
  RETURN_IF_ERROR(db::Migrate(*db));
  RETURN_IF_ERROR(customers::Service::UpgradeSearchKeys(*db));
  std::unique_ptr<App> app(new App(std::move(db), options));
  RETURN_IF_ERROR(app->admins_.SealStoredSecrets());
  app->RegisterRoutes(options);
  return app;
}

namespace {

std::string DomainOf(const std::string& address) {
  auto at = address.rfind('@');
  return at == std::string::npos ? std::string() : address.substr(at + 1);
}

messages::DeliveryInfo DescribeDelivery(const std::optional<mail::SmtpConfig>& smtp) {
  messages::DeliveryInfo info;
  info.configured = smtp.has_value();
  if (!info.configured) {
    info.note =
        "No mail server is set up, so e-mails stay queued. An owner can enter one in "
        "Settings → E-mail sending.";
    return info;
  }
  info.server = mail::DescribeServer(*smtp);
  return info;
}

}  // namespace

App::App(std::unique_ptr<db::Database> db, const AppOptions& options)
    : db_(std::move(db)),
      secrets_(options.secret_key_file.empty() ? DefaultSecretKeyFile(options.db_url)
                                               : options.secret_key_file),
      admins_(*db_, clock_, secrets_),
      customers_(*db_, clock_),
      segments_(*db_, clock_),
      insights_(*db_, clock_),
      addresses_(*db_, clock_),
      groups_(*db_, clock_),
      audit_(*db_),
      views_(*db_, clock_),
      settings_(*db_, clock_),
      messages_(*db_, clock_, DomainOf(options.smtp.from_address)),
      accounts_(*db_, clock_, secrets_, customers_, addresses_, messages_),
      moderation_(*db_, clock_, customers_, messages_),
      blacklist_(*db_, clock_),
      erasure_(*db_, clock_, messages_),
      wallet_(*db_, clock_, messages_),
      catalog_(*db_, clock_),
      orders_(*db_, clock_, secrets_),
      jobs_(*db_, clock_),
      library_(*db_, clock_, secrets_),
      notes_(*db_, clock_),
      merge_(*db_, clock_, orders_),
      duplicates_(*db_, clock_),
      spam_rules_(*db_, clock_),
      cleanup_(*db_, clock_, jobs_, erasure_, blacklist_),
      exports_(*db_, clock_, jobs_, customers_),
      imports_(clock_, jobs_, customers_, addresses_, moderation_, uploads_),
      customer_data_(*db_, clock_),
      email_settings_(*db_, clock_, secrets_),
      smtp_(options.smtp,
            [this]() -> Result<std::optional<mail::SmtpConfig>> {
              return email_settings_.SmtpConfig();
            }),
      sms_(options.sms),
      maintenance_(
          [this] {
            auto purged = admins_.PurgeExpired();
            if (!purged.ok()) {
              spdlog::warn("event=purge_failed what={}", purged.error().message);
            } else if (purged->sessions + purged->login_failures > 0) {
              spdlog::info("event=purged sessions={} login_failures={}", purged->sessions,
                           purged->login_failures);
            }
            auto expired = wallet_.WriteOffExpired();
            if (!expired.ok()) {
              spdlog::warn("event=wallet_write_off_failed what={}", expired.error().message);
            } else if (*expired > 0) {
              spdlog::info("event=wallet_credits_expired credits={}", *expired);
            }
            auto rfm = insights_.StartRfmIfDue(jobs_);
            if (!rfm.ok()) {
              spdlog::warn("event=rfm_start_failed what={}", rfm.error().message);
            } else if (*rfm) {
              spdlog::info("event=rfm_started job={}", (*rfm)->public_id);
            }
            auto shoppers = accounts_.PurgeExpired();
            if (!shoppers.ok()) {
              spdlog::warn("event=purge_failed what={}", shoppers.error().message);
            } else if (shoppers->sessions + shoppers->links > 0) {
              spdlog::info("event=purged shopper_sessions={} links={}", shoppers->sessions,
                           shoppers->links);
            }
          },
          std::chrono::minutes(10)),
      counters_(
          [this] {
            if (Status s = customers_.FoldCounters(); !s.ok()) {
              spdlog::warn("event=counter_fold_failed what={}", s.error().message);
            }
          },
          std::chrono::seconds(5)),
      runner_(jobs_, options.jobs),
      admin_ui_(options.web_root, "/admin/"),
      account_ui_(options.account_root, "/account/") {
  messages_.SetDelivery({}, options.delivery);
  // Whether e-mail goes out follows the e-mail settings as they are saved.
  messages_.SetDeliverySource([this] { return DescribeDelivery(smtp_.Current()); });
  if (!options.public_url.empty()) SetPublicUrl(options.public_url);
  accounts_.SetSmsAvailable(sms_.configured());
  library_.SetFilesRoot(options.files_root.empty() ? DefaultFilesRoot(options.db_url)
                                                   : options.files_root);
  // What an order grants (the library) and converts (the wishlist) follows it in its commit.
  orders_.OnOrderChanged(&library::Service::OnOrderChanged);
  jobs_.RegisterKind(library::Service::kRebuildJob, library_.RebuildJobKind());
  jobs_.RegisterKind(customers::InsightsService::kRfmJob, insights_.RfmJobKind());
  jobs_.RegisterKind(customers::Service::kBulkJob, customers_.BulkJobKind());
  jobs_.RegisterKind(flows::Cleanup::kScanJob, cleanup_.ScanJobKind());
  jobs_.RegisterKind(flows::Cleanup::kCleanupJob, cleanup_.CleanupJobKind());
  exports_.SetFolder(options.exports_root.empty() ? DataFolder(options.db_url, "exports")
                                                  : options.exports_root);
  jobs_.RegisterKind(flows::Export::kJob, exports_.JobKind());
  uploads_.SetFolder(options.imports_root.empty() ? DataFolder(options.db_url, "imports")
                                                  : options.imports_root);
  imports_.SetFolder(options.imports_root.empty() ? DataFolder(options.db_url, "imports")
                                                  : options.imports_root);
  jobs_.RegisterKind(flows::Import::kJob, imports_.JobKind());
  // An invited admin's e-mail goes through the outbox, in the invitation's transaction. The
  // secret is in the link's fragment, which browsers do not send to the server (nor log).
  admins_.OnInvite([this](db::Connection& tx, const audit::Actor& actor, const admins::Admin& a,
                          const std::string& secret, int64_t now) -> Status {
    ASSIGN_OR_RETURN(
        messages::Message m,
        messages_.QueueToStaff(tx, actor, a.email, a.name, "admin_invitation",
                               {{"link", public_url_ + "/admin/accept-invitation#token=" + secret},
                                {"role", admins::ToString(a.role)}},
                               now));
    (void)m;
    return OkStatus();
  });
  // A customer who is deactivated or banned is signed out everywhere, for good.
  customers_.OnLeavingActive(&accounts::Service::EndAllSessions);
  // An admin signed in as a customer keeps acting with their current rights.
  accounts_.SetAssistantCheck(
      [this](const std::string& admin_id) -> Result<std::optional<std::string>> {
        ASSIGN_OR_RETURN(std::optional<admins::Admin> admin, admins_.FindActive(admin_id));
        if (!admin || !admins::RoleAllows(admin->role, admins::Permission::kLoginAsCustomer)) {
          return std::optional<std::string>();
        }
        return std::optional<std::string>(admin->name.empty() ? admin->email : admin->name);
      });
}

void App::StartBackgroundWork() {
  maintenance_.Start();
  // PostgreSQL's customer counters take their deltas in the background (SQLite's need none).
  if (db_->dialect() == db::Dialect::kPostgres) counters_.Start();
  jobs_.OnQueued([this] { runner_.Wake(); });
  runner_.Start();
  if (delivery_) return;
  messages::Delivery::Transports transports;
  // Always there: it sends once a mail server is set up, on the command line or in the settings.
  transports[messages::Channel::kEmail] = std::make_unique<mail::SwitchedSmtpTransport>(smtp_);
  if (sms_.configured()) {
    transports[messages::Channel::kSms] = std::make_unique<mail::SmsTransport>(sms_);
  }
  delivery_ = std::make_unique<messages::Delivery>(messages_, std::move(transports));
  messages_.OnQueued([d = delivery_.get()] { d->Wake(); });
  delivery_->Start();
}

void App::StopBackgroundWork() {
  maintenance_.Stop();
  counters_.Stop();
  jobs_.OnQueued(nullptr);
  runner_.Stop();
  if (!delivery_) return;
  messages_.OnQueued(nullptr);
  delivery_->Stop();
}

void App::RegisterRoutes(const AppOptions& options) {
  router_.Add("GET", "/healthz", [](http::Request&) {
    return http::JsonResponse(200, {{"status", "ok"}});
  });
  router_.Add("GET", "/readyz", [this](http::Request& req) {
    auto ping = db_->Ping();
    if (!ping.ok()) {
      return http::Problem(Error::Unavailable("The database does not answer."), req.request_id);
    }
    return http::JsonResponse(200, {{"status", "ready"}});
  });
  router_.Add("GET", "/api/openapi.json",
              [](http::Request&) { return http::Response::Json(200, OpenApiDocument()); });
  admins::AdminApi api(router_, admins_);
  admins::RegisterRoutes(router_, api, admins_, {options.secure_cookies});
  customers::RegisterRoutes(api, customers_, views_, addresses_);
  customers::RegisterSegmentRoutes(api, segments_);
  customers::RegisterInsightsRoutes(api, insights_, jobs_);
  customers::RegisterBulkJobRoutes(api, customers_, jobs_);
  addresses::RegisterRoutes(api, addresses_);
  groups::RegisterRoutes(api, groups_);
  audit::RegisterRoutes(api, audit_);
  settings::RegisterRoutes(api, settings_);
  settings::RegisterEmailRoutes(api, email_settings_, settings_, smtp_, clock_);
  messages::RegisterRoutes(api, messages_);
  accounts::RegisterRoutes(router_, accounts_, addresses_, options.secure_cookies);
  accounts::RegisterAdminRoutes(api, accounts_, options.secure_cookies);
  moderation::RegisterRoutes(api, moderation_);
  moderation::RegisterBlacklistRoutes(api, blacklist_);
  moderation::RegisterDuplicateRoutes(api, duplicates_);
  moderation::RegisterSpamRoutes(api, spam_rules_);
  flows::RegisterCleanupRoutes(api, cleanup_);
  flows::RegisterErasureRoutes(api, erasure_);
  flows::RegisterMergeRoutes(api, merge_);
  flows::RegisterTransferRoutes(api, exports_, uploads_, imports_);
  wallet::RegisterRoutes(api, wallet_, clock_);
  catalog::RegisterRoutes(api, catalog_);
  orders::RegisterRoutes(api, orders_);
  jobs::RegisterRoutes(api, jobs_);
  library::RegisterRoutes(api, library_, jobs_);
  notes::RegisterRoutes(api, notes_);
  accounts::StoreApi store_api(router_, accounts_);
  wallet::RegisterStoreRoutes(store_api, wallet_, clock_);
  orders::RegisterStoreRoutes(router_, store_api, orders_);
  library::RegisterStoreRoutes(router_, store_api, library_, catalog_);
  flows::RegisterCustomerDataRoutes(api, store_api, customer_data_);
}

http::Response App::Handle(http::Request& request) {
  if (request.path == "/admin" || request.path.rfind("/admin/", 0) == 0) {
    if (auto page = admin_ui_.Serve(request)) return std::move(*page);
  }
  if (request.path == "/account" || request.path.rfind("/account/", 0) == 0) {
    if (auto page = account_ui_.Serve(request)) return std::move(*page);
  }
  if (request.path == "/" && (request.method == "GET" || request.method == "HEAD")) {
    http::Response r;
    r.status = 302;
    r.headers.Set("location", "/admin/");
    return r;
  }
  return router_.Dispatch(request);
}

}  // namespace clientele
