// The composition root shared by the binary and the tests: opens the database, applies the
// migrations, builds the services and registers every route. Nothing else constructs services.
// Thread-safety: after Open() returns, Handle() may be called from many threads.
#pragma once

#include <memory>
#include <string>

#include "app/maintenance.hpp"
#include "core/time.hpp"
#include "crypto/secret_box.hpp"
#include "db/database.hpp"
#include "flows/cleanup/cleanup.hpp"
#include "flows/erasure/erasure.hpp"
#include "flows/merge/merge.hpp"
#include "flows/privacy/customer_data.hpp"
#include "flows/transfer/export.hpp"
#include "flows/transfer/import.hpp"
#include "flows/transfer/import_files.hpp"
#include "http/router.hpp"
#include "http/static_files.hpp"
#include "mail/sms.hpp"
#include "mail/smtp_switch.hpp"
#include "modules/accounts/service.hpp"
#include "modules/addresses/service.hpp"
#include "modules/admins/guard.hpp"
#include "modules/admins/routes.hpp"
#include "modules/admins/service.hpp"
#include "modules/audit/service.hpp"
#include "modules/audit/view_log.hpp"
#include "modules/catalog/service.hpp"
#include "modules/customers/insights.hpp"
#include "modules/customers/segments.hpp"
#include "modules/customers/service.hpp"
#include "modules/groups/service.hpp"
#include "modules/jobs/runner.hpp"
#include "modules/jobs/service.hpp"
#include "modules/library/service.hpp"
#include "modules/messages/delivery.hpp"
#include "modules/messages/service.hpp"
#include "modules/moderation/blacklist.hpp"
#include "modules/moderation/duplicates.hpp"
#include "modules/moderation/service.hpp"
#include "modules/moderation/spam_rules.hpp"
#include "modules/notes/service.hpp"
#include "modules/orders/service.hpp"
#include "modules/settings/email.hpp"
#include "modules/settings/service.hpp"
#include "modules/wallet/service.hpp"

namespace clientele {

struct AppOptions {
  std::string db_url = "sqlite:./data/clientele.db";
  int db_pool_size = 8;
  bool secure_cookies = false;  // the server is reached over HTTPS (behind a TLS proxy)
  std::string web_root;         // built admin UI (web/dist); empty: no UI
  std::string account_root;     // built customer area (web/dist-account); empty: none
  // Where shoppers reach the store's server, for the links in e-mails
  // ("https://shop.example.com"); empty: the listen address.
  std::string public_url;
  // The store's secret key (seals TOTP secrets); empty: secret.key beside the SQLite file, or
  // ./data/secret.key for PostgreSQL. Every node of one store needs the same file.
  std::string secret_key_file;
  mail::SmtpConfig smtp;  // where e-mail goes; no host: messages stay queued
  mail::SmsConfig sms;    // the SMS provider; no URL: SMS codes cannot be chosen
  messages::DeliveryRules delivery;
  // Where product files are stored; empty: "files" beside the SQLite file, or ./data/files.
  std::string files_root;
  // Where export files are written until they are downloaded (kept 7 days); empty: "exports"
  // beside the SQLite file, or ./data/exports. Nodes of one store share it.
  std::string exports_root;
  // Where uploaded import files wait for their import (kept 7 days); empty: "imports" beside
  // the SQLite file, or ./data/imports. Nodes of one store share it.
  std::string imports_root;
  jobs::RunnerOptions jobs;
};

class App {
 public:
  // Opens and migrates the database, then wires everything. Errors: those of db::Open/Migrate.
  static Result<std::unique_ptr<App>> Open(const AppOptions& options);

  // Starts the background work of a serving node (the e-mail sender, when SMTP is configured,
  // and the purge of expired sign-in data); StopBackgroundWork lets it finish what it is doing.
  // Commands other than serve start none.
  void StartBackgroundWork();
  void StopBackgroundWork();

  // Answers one HTTP request (routing, health, the OpenAPI document).
  http::Response Handle(http::Request& request);

  db::Database& db() { return *db_; }
  const http::Router& router() const { return router_; }
  admins::Service& admins() { return admins_; }
  customers::Service& customers() { return customers_; }
  addresses::Service& addresses() { return addresses_; }
  groups::Service& groups() { return groups_; }
  audit::ViewLog& views() { return views_; }
  messages::Service& messages() { return messages_; }
  accounts::Service& accounts() { return accounts_; }
  wallet::Service& wallet() { return wallet_; }
  // The address of the links in e-mails, when the options named none (serve knows its port
  // only once it listens).
  void SetPublicUrl(const std::string& url) {
    public_url_ = url;
    accounts_.SetPublicUrl(url);
    orders_.SetPublicUrl(url);
    library_.SetPublicUrl(url);
  }
  jobs::Service& jobs() { return jobs_; }
  flows::Export& exports() { return exports_; }
  flows::ImportFiles& uploads() { return uploads_; }
  flows::Import& imports() { return imports_; }

 private:
  App(std::unique_ptr<db::Database> db, const AppOptions& options);
  void RegisterRoutes(const AppOptions& options);

  SystemClock clock_;
  std::unique_ptr<db::Database> db_;
  crypto::SecretBox secrets_;
  admins::Service admins_;
  customers::Service customers_;
  customers::SegmentService segments_;
  customers::InsightsService insights_;
  addresses::Service addresses_;
  groups::Service groups_;
  audit::Service audit_;
  audit::ViewLog views_;
  settings::Service settings_;
  messages::Service messages_;
  accounts::Service accounts_;
  moderation::Service moderation_;
  moderation::Blacklist blacklist_;
  flows::Erasure erasure_;
  wallet::Service wallet_;
  catalog::Service catalog_;
  orders::Service orders_;
  jobs::Service jobs_;
  library::Service library_;
  notes::Service notes_;
  flows::Merge merge_;
  moderation::Duplicates duplicates_;
  moderation::SpamRules spam_rules_;
  flows::Cleanup cleanup_;
  flows::Export exports_;
  flows::ImportFiles uploads_;
  flows::Import imports_;
  flows::CustomerData customer_data_;
  std::string public_url_ = "http://127.0.0.1:8080";  // of the links in admin e-mails
  settings::EmailSettingsService email_settings_;
  mail::SmtpSwitch smtp_;
  mail::SmsConfig sms_;
  std::unique_ptr<messages::Delivery> delivery_;
  Maintenance maintenance_;
  Maintenance counters_;  // folds the customer counters' deltas
  jobs::Runner runner_;
  http::Router router_;
  http::StaticFiles admin_ui_;
  http::StaticFiles account_ui_;
};

// The secret key file a store uses when none is configured (see AppOptions::secret_key_file).
std::string DefaultSecretKeyFile(const std::string& db_url);
// The product file folder a store uses when none is configured (see AppOptions::files_root).
std::string DefaultFilesRoot(const std::string& db_url);

// The OpenAPI document compiled into the binary (docs/openapi.json).
const char* OpenApiDocument();

}  // namespace clientele
