// Digital goods on the customer: the library (what the customer may download and why), signed
// download links and the download log, and the wishlist with its conversion into orders.
// Purchase entries follow the orders: a paid order grants its digital products (bundles and
// combos with their contents) in the order's own transaction, and a refund or cancel revokes
// them. Admins add gifts and manual entries, annotate and revoke entries, and rebuild a library
// from the order history (one customer at once, every customer as a job). Thread-safe.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/time.hpp"
#include "crypto/secret_box.hpp"
#include "db/database.hpp"
#include "modules/audit/audit.hpp"
#include "modules/catalog/model.hpp"
#include "modules/jobs/service.hpp"
#include "modules/library/model.hpp"
#include "modules/library/store.hpp"

namespace clientele::library {

struct Library {
  bool all_access = false;
  std::vector<Entry> entries;  // newest first, revoked ones too
};

struct AddInput {
  std::string product;  // public id or SKU
  std::string method;   // gift | manual
  std::string note;
  std::string order;  // optional: the customer's order it is about (number or id)
};

struct RebuildReport {
  int64_t customers = 0, granted = 0, restored = 0, revoked = 0, unchanged = 0;
  nlohmann::json ToJson() const;
};

// A file the customer may download, with the product it belongs to.
struct DownloadableFile {
  std::string product_public_id, product_name;
  catalog::ProductFile file;
};

struct SignedLink {
  std::string url;
  int64_t expires_at = 0;
};

// A download a signed link allows: where the bytes are and whom to log it for.
struct Permit {
  int64_t customer_id = 0, product_id = 0;
  std::filesystem::path path;
  std::string media_type, file_name;
};

struct DownloadPage {
  std::vector<store::Download> items;
  std::optional<std::string> next_cursor;
};

struct Wishlist {
  std::vector<WishlistItem> items;  // newest first, removed and purchased ones too
  store::WishCounts counts;
  double conversion_rate = 0;
};

// Everything of one customer's digital goods, newest first: library entries (revoked ones too),
// downloads, and wishlist items (removed and purchased ones too).
struct DigitalGoods {
  std::vector<Entry> entries;
  std::vector<store::Download> downloads;
  std::vector<WishlistItem> wishlist;
};

class Service {
 public:
  static constexpr const char* kRebuildJob = "library_rebuild";
  static constexpr int64_t kLinkSeconds = 300;

  Service(db::Database& db, const Clock& clock, crypto::SecretBox& secrets)
      : db_(db), clock_(clock), secrets_(secrets) {}
  // Where product files are stored (their storage paths are relative to it).
  void SetFilesRoot(std::filesystem::path root) { files_root_ = std::move(root); }
  void SetPublicUrl(std::string url) { public_url_ = std::move(url); }

  // Errors: kNotFound "customer_not_found".
  Result<Library> Get(const std::string& customer_id);
  // A gift or manual entry; a bundle or combo brings its digital contents along. Errors:
  // kInvalidArgument (product "unknown_product" / "not_digital", method, note, order),
  // kAlreadyExists "already_in_library".
  Result<std::vector<Entry>> Add(const audit::Actor& actor, const std::string& customer_id,
                                 const AddInput& input);
  // Errors: kNotFound "entry_not_found", kInvalidArgument note, kFailedPrecondition
  // "stale_version".
  Result<Entry> SetNote(const audit::Actor& actor, const std::string& customer_id,
                        const std::string& entry_id, const std::string& note,
                        std::optional<int64_t> if_version);
  // Errors: kNotFound, kFailedPrecondition "already_revoked".
  Result<Entry> Revoke(const audit::Actor& actor, const std::string& customer_id,
                       const std::string& entry_id);
  // Recomputes the customer's purchase entries from their orders. Audited when it changed
  // something.
  Result<RebuildReport> Rebuild(const audit::Actor& actor, const std::string& customer_id);
  // Queues the rebuild of every customer's library. Errors: those of jobs::Service::Start.
  Result<jobs::Job> StartRebuildAll(jobs::Service& jobs, const audit::Actor& actor,
                                    const std::string& actor_name);
  // The job kind behind StartRebuildAll, for the app to register.
  jobs::Kind RebuildJobKind();

  // Merge, on the caller's transaction: `from`'s library, downloads and wishlist become `to`'s,
  // whose library is then rebuilt (audited as customer.library_rebuilt).
  static Status MoveCustomer(db::Connection& tx, const audit::Actor& actor, int64_t from,
                             int64_t to, int64_t now);
  static Result<store::Counts> CountsOf(db::Connection& c, int64_t customer_id);
  // For the customer's data export, on the caller's read: at most `limit` downloads and
  // wishlist items (the library is read whole).
  static Result<DigitalGoods> ReadAllOf(db::Connection& c, int64_t customer_id, int limit);

  // The orders hook: the order's purchase entries and wishlist conversions follow it.
  static Status OnOrderChanged(db::Connection& tx, int64_t order_id, int64_t now);

  // What the customer may download now. Errors: kNotFound.
  Result<std::vector<DownloadableFile>> Downloadable(const std::string& customer_id);
  // A link to one file, valid for kLinkSeconds. Errors: kNotFound "file_not_found" (also for a
  // file the customer may not download).
  Result<SignedLink> SignLink(const std::string& customer_id, const std::string& file_id);
  // Checks a link's signature and expiry and that the customer may still download the file.
  // Errors: kPermissionDenied "link_invalid", "link_expired", "not_entitled".
  Result<Permit> Authorize(const std::string& file_id, const std::string& customer_id,
                           const std::string& expires, const std::string& signature);
  // Logs a download, now (best effort: a failure is logged, the download goes on).
  void RecordDownload(const Permit& permit, const store::Download& d);
  // Parameters: limit (1-200, default 50), cursor. Errors: kNotFound, kInvalidArgument.
  Result<DownloadPage> Downloads(const std::string& customer_id,
                                 const std::map<std::string, std::string>& params);

  Result<Wishlist> WishlistOf(const std::string& customer_id);
  // Errors: kInvalidArgument product "unknown_product", kAlreadyExists "already_wished".
  Result<WishlistItem> Wish(const audit::Actor& actor, const std::string& customer_id,
                            const std::string& product);
  // Errors: kNotFound "wish_not_found".
  Status Unwish(const audit::Actor& actor, const std::string& customer_id,
                const std::string& item_id);
  // Products by how many customers wish them, with their conversion. limit 1-200.
  Result<std::vector<store::ProductWishes>> MostWished(int limit);

 private:
  // Rebuilds the libraries of customers first..last on `tx`, audited per changed customer (and
  // for a single customer, with `audit_unchanged`, even when nothing changed).
  static Result<RebuildReport> RebuildRange(db::Connection& tx, const audit::Actor& actor,
                                            int64_t first, int64_t last, int64_t now,
                                            bool audit_unchanged);
  Result<std::string> LinkSignature(const std::string& customer_id, const std::string& file_id,
                                    const std::string& expires);

  db::Database& db_;
  const Clock& clock_;
  crypto::SecretBox& secrets_;
  std::filesystem::path files_root_ = "./data/files";
  std::string public_url_;
};

}  // namespace clientele::library
