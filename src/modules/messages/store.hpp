// SQL for the outbox, the message log and the edited e-mail templates, and nothing else.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "db/database.hpp"
#include "modules/messages/model.hpp"

namespace clientele::messages::store {

// Inserts a queued message (public_id and message_id already set); returns its id.
Result<int64_t> Insert(db::Connection& c, const Message& m, std::optional<int64_t> resend_of);

Result<std::optional<Message>> FindByPublicId(db::Connection& c, std::string_view public_id);

struct Filter {
  std::optional<MessageStatus> status;
  std::optional<int64_t> customer_id;
  std::string template_key;
  std::string recipient;             // in the address or name, ignoring case
  std::string subject;               // in the subject, ignoring case
  std::optional<int64_t> from, to;   // queued in [from, to), µs
  std::optional<int64_t> before_id;  // keyset: newest first
  int limit = 50;
};
// Messages newest first, without their bodies (the log's rows).
Result<std::vector<Message>> List(db::Connection& c, const Filter& filter);

// Takes up to `limit` queued messages that are due and not held by another sender: holds them
// until `hold_until` and counts the attempt. Safe when several senders claim at once: each
// message goes to one of them.
Result<std::vector<Message>> ClaimDue(db::Connection& c, int64_t now, int64_t hold_until, int limit,
                                      const std::vector<Channel>& channels);
// Records a delivery. Returns false when the message was no longer queued.
Result<bool> MarkSent(db::Connection& c, int64_t id, int64_t now);
// Records a failed attempt: queued again for `next_attempt_at`, or failed for good when
// `next_attempt_at` is nullopt.
Status MarkAttemptFailed(db::Connection& c, int64_t id, const std::string& error,
                         std::optional<int64_t> next_attempt_at, int64_t now);

struct StoredTemplate {
  std::string template_key, language;
  TemplateText text;
  int64_t updated_at = 0;
};
Result<std::optional<StoredTemplate>> FindTemplate(db::Connection& c, const std::string& key,
                                                   const std::string& language);
Result<std::vector<StoredTemplate>> ListTemplates(db::Connection& c);
Status SaveTemplate(db::Connection& c, const StoredTemplate& t);
// Returns false when there was no such edited template.
Result<bool> DeleteTemplate(db::Connection& c, const std::string& key, const std::string& language);

// Empties recipient, subject and bodies of the customers' messages but those in `keep`, and
// unlinks them all from the customers.
Status EraseCustomers(db::Connection& c, const std::vector<int64_t>& customer_ids,
                      const std::vector<int64_t>& keep);
// Empties recipient, subject and bodies of one message (a deletion notice once delivered).
Status EraseContent(db::Connection& c, int64_t id);
// Moves the message log of one customer to another.
Status MoveToCustomer(db::Connection& c, int64_t from, int64_t to);

// How many messages the customer has (what a merge moves).
Result<int64_t> CountOf(db::Connection& c, int64_t customer_id);

}  // namespace clientele::messages::store
