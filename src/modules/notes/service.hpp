// Staff notes on a customer: staff who may edit customers add notes; the author changes and
// deletes their own, an owner may delete anyone's. Every change is audited on the customer, in
// the change's transaction. Thread-safe.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "core/time.hpp"
#include "db/database.hpp"
#include "modules/audit/audit.hpp"
#include "modules/notes/model.hpp"

namespace clientele::notes {

// Who writes: the admin (for an API token, the token's admin) and whether an owner.
struct Author {
  std::string admin_id;
  std::string via_token;
  bool owner = false;
};

struct Page {
  std::vector<Note> items;  // newest first
  std::optional<std::string> next_cursor;
};

class Service {
 public:
  Service(db::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  // Query parameters: limit (1–200, default 50), cursor. Errors: kNotFound customer_not_found;
  // kInvalidArgument with field errors.
  Result<Page> List(const std::string& customer_id,
                    const std::map<std::string, std::string>& params);

  // Errors: kNotFound customer_not_found; kInvalidArgument on "body" (required, too_long,
  // invalid_text).
  Result<Note> Add(const Author& author, const audit::Actor& actor, const std::string& customer_id,
                   const std::string& body);

  // Only the author. Errors: as Add, and kNotFound note_not_found, kPermissionDenied
  // not_note_author, kFailedPrecondition stale_version (412).
  Result<Note> Edit(const Author& author, const audit::Actor& actor, const std::string& customer_id,
                    const std::string& note_id, const std::string& body,
                    std::optional<int64_t> if_version);

  // The author or an owner. Errors: kNotFound, kPermissionDenied not_note_author.
  Status Delete(const Author& author, const audit::Actor& actor, const std::string& customer_id,
                const std::string& note_id);

  // For the flows that span modules, on their transaction: the notes of a customer (newest
  // first, at most `max`), how many there are, and moving them to another customer (merge).
  static Result<std::vector<Note>> ReadAllOf(db::Connection& c, int64_t customer_id, int max);
  static Result<int64_t> CountOf(db::Connection& c, int64_t customer_id);
  static Status MoveToCustomer(db::Connection& tx, int64_t from_customer, int64_t to_customer);

 private:
  db::Database& db_;
  const Clock& clock_;
};

}  // namespace clientele::notes
