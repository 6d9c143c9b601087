// Deleting a customer permanently: the one erasure path. Personal data goes from everywhere the
// store holds it, in one transaction: the customer row with its addresses, tags, search
// entries, account, sessions, second factor, links and consents; the recipients and contents of
// their messages; the personal values in audit events about them; the sign-in throttling rows
// keyed by their address. The `account_deleted` notice is queued first and loses its address
// once delivered (or given up on). The event that says who deleted the account stays, without
// personal data. On SQLite deleted text is overwritten (secure_delete) and the log is
// checkpointed. The address can register again afterwards. Thread-safe.
#pragma once

#include <string>

#include "core/time.hpp"
#include "db/database.hpp"
#include "modules/audit/audit.hpp"
#include "modules/customers/model.hpp"
#include "modules/messages/service.hpp"

namespace clientele::flows {

class Erasure {
 public:
  Erasure(db::Database& db, const Clock& clock, messages::Service& messages)
      : db_(db), clock_(clock), messages_(messages) {}

  // `confirm` must be the customer's e-mail address (any case), or its id when it has none:
  // the admin types it to show they mean this customer. Errors: kNotFound
  // "customer_not_found", kInvalidArgument ("confirm": "confirmation_mismatch").
  Status Erase(const audit::Actor& actor, const std::string& customer_id,
               const std::string& confirm);

  // Whether the customer hears of it: a cleanup of spam and unused accounts writes to nobody.
  enum class Notice { kSend, kNone };
  // The erasure itself of one customer or a chunk of them (a cleanup's few hundred: one
  // statement per table for all), on the caller's transaction, each audited as
  // "customer.deleted" with `audit_extra` added to its changes. Returns whether a notice was
  // queued (then call NotifyQueued after the commit). The caller checkpoints the database once
  // it is done.
  Result<bool> EraseInTransaction(db::Connection& tx, const audit::Actor& actor,
                                  const std::vector<const customers::Customer*>& customers,
                                  Notice notice, const nlohmann::json& audit_extra, int64_t now);
  void NotifyQueued() { messages_.NotifyQueued(); }
  // Overwrites what deleted rows left in the write-ahead log; failures are logged.
  void Checkpoint();

 private:
  db::Database& db_;
  const Clock& clock_;
  messages::Service& messages_;
};

}  // namespace clientele::flows
