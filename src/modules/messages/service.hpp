// Messages use cases: queue an e-mail from a template in the caller's transaction (so the change
// that causes it and the e-mail commit together), compose and resend from the admin UI, read the
// log and the store-wide outbox, edit the templates, and the steps the background sender takes
// (claim, record the outcome). Thread-safe (state lives in the database).
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/time.hpp"
#include "db/database.hpp"
#include "modules/audit/audit.hpp"
#include "modules/customers/model.hpp"
#include "modules/messages/model.hpp"

namespace clientele::messages {

struct Page {
  std::vector<Message> items;
  std::optional<std::string> next_cursor;
};

// Whether and where the server delivers mail; shown next to every list so nobody wonders why
// messages stay queued.
struct DeliveryInfo {
  bool configured = false;
  std::string server;  // "smtp.example.com:587 (starttls)"
  std::string note;    // why messages stay queued, when they do
};

struct TemplateInfo {
  TemplateSpec spec;
  std::vector<std::string> languages;  // languages the store owner wrote a version for
};

struct TemplateVersion {
  std::string template_key, language;
  TemplateText text;
  bool custom = false;  // false: the built-in English text
  std::optional<int64_t> updated_at;
};

struct Preview {
  std::string subject, body_text, body_html;
};

struct DeliveryRules {
  int64_t retry_base_seconds = 60;
  int max_attempts = 8;
};

class Service {
 public:
  static constexpr int kMaxPageSize = 200;

  // `message_id_domain`: the right-hand side of the Message-IDs (the sender's domain).
  Service(db::Database& db, const Clock& clock, std::string message_id_domain);

  // Called after a transaction that queued mail commits (wakes the sender).
  void OnQueued(std::function<void()> notify) { notify_ = std::move(notify); }
  void SetDelivery(DeliveryInfo info, DeliveryRules rules) {
    delivery_ = std::move(info);
    rules_ = rules;
  }
  // Where delivery() is read from when it can change while the server runs (the e-mail settings).
  void SetDeliverySource(std::function<DeliveryInfo()> source) { source_ = std::move(source); }
  DeliveryInfo delivery() const { return source_ ? source_() : delivery_; }

  // Queues template `template_key` for `to` in the customer's language on the caller's
  // transaction. `values` fills the template's own placeholders. Callers notify after commit
  // with NotifyQueued(). Errors: kFailedPrecondition "customer_has_no_email".
  Result<Message> Queue(db::Connection& tx, const audit::Actor& actor,
                        const customers::Customer& to, const std::string& template_key,
                        const std::map<std::string, std::string>& values, int64_t now);
  // Queues template `template_key` to a member of the store's staff (an invited admin), in the
  // store's language, on the caller's transaction; it belongs to no customer's log.
  Result<Message> QueueToStaff(db::Connection& tx, const audit::Actor& actor,
                               const std::string& address, const std::string& name,
                               const std::string& template_key,
                               const std::map<std::string, std::string>& values, int64_t now);
  // The message Queue writes, rendered on the caller's connection and not written.
  Result<Message> Render(db::Connection& c, const audit::Actor& actor,
                         const customers::Customer& to, const std::string& template_key,
                         const std::map<std::string, std::string>& values, int64_t now);
  // On the caller's transaction: the message log of one customer moves to another (a guest
  // record that becomes an account takes the registration's e-mails).
  static Status MoveToCustomer(db::Connection& tx, int64_t from_customer, int64_t to_customer);
  static Result<int64_t> CountOf(db::Connection& c, int64_t customer_id);
  // For the customer's data export, on the caller's read: the customer's newest `limit`
  // messages, without their bodies (the log's rows).
  static Result<std::vector<Message>> ReadLogOf(db::Connection& c, int64_t customer_id, int limit);
  // Erasure: the customers' messages lose their recipients and contents and their link to the
  // customers; those in `keep` (deletion notices, still to be delivered) keep what they need
  // until sent or failed for good, then lose it too. A chunk of customers at a time.
  static Status EraseCustomers(db::Connection& tx, const std::vector<int64_t>& customer_ids,
                               const std::vector<int64_t>& keep);
  // Queues an SMS of `text` to `phone` (E.164) for the customer, on the caller's transaction;
  // the log names it `template_key`. The same outbox as e-mail: claimed, retried, logged.
  Result<Message> QueueSms(db::Connection& tx, const audit::Actor& actor,
                           const customers::Customer& to, const std::string& phone,
                           const std::string& template_key, const std::string& text, int64_t now);
  void NotifyQueued() const {
    if (notify_) notify_();
  }

  // An admin writes to a customer (template admin_message). Errors: kNotFound
  // "customer_not_found", kInvalidArgument (subject, body), kFailedPrecondition
  // "customer_has_no_email".
  Result<Message> Compose(const audit::Actor& actor, const std::string& customer_id,
                          const std::string& subject, const std::string& body);
  // What Compose would send, rendered for the customer (recipient, subject, text and HTML),
  // without queuing or recording anything. Errors: those of Compose.
  Result<Message> PreviewCompose(const std::string& customer_id, const std::string& subject,
                                 const std::string& body);
  // Whether a resend may go to an address other than the original's: sending an old message
  // to a changed address hands its content to whoever has the new one, so it takes the right
  // to change the address.
  enum class NewAddress { kAllowed, kRefused };
  // Queues a copy of a message as a new message, to the customer's current address. Messages
  // that carried a one-time link (verification, password reset) are not resent: the feature
  // that sent them issues a fresh link. Errors: kNotFound "message_not_found",
  // kFailedPrecondition "customer_has_no_email", "not_resendable", "still_queued" (not sent yet:
  // a copy would reach the customer twice), kPermissionDenied
  // "address_changed" (the address changed and `new_address` is kRefused).
  Result<Message> Resend(const audit::Actor& actor, const std::string& message_id,
                         NewAddress new_address);

  // Parameters: status (queued|sent|failed), template, customer (public id), limit, cursor.
  // Errors: kInvalidArgument per bad parameter.
  Result<Page> List(const std::map<std::string, std::string>& params);
  // One customer's messages. Errors: kNotFound "customer_not_found", kInvalidArgument.
  Result<Page> ListForCustomer(const std::string& customer_id,
                               const std::map<std::string, std::string>& params);
  // Errors: kNotFound "message_not_found".
  Result<Message> Get(const std::string& message_id);

  Result<std::vector<TemplateInfo>> ListTemplates();
  // The store's version for this language, or the built-in text. Errors: kNotFound
  // "template_not_found", kInvalidArgument (language).
  Result<TemplateVersion> GetTemplate(const std::string& key, const std::string& language);
  // Errors: kNotFound, kInvalidArgument (field errors).
  Result<TemplateVersion> SaveTemplate(const audit::Actor& actor, const std::string& key,
                                       const std::string& language, const TemplateText& text);
  // Back to the built-in text. Errors: kNotFound ("template_not_found" when not edited).
  Status ResetTemplate(const audit::Actor& actor, const std::string& key,
                       const std::string& language);
  // Renders a draft with sample customer data. Errors: kNotFound, kInvalidArgument.
  Result<Preview> PreviewTemplate(const std::string& key, const TemplateText& text);

  // The sender's steps.
  // Claims due messages of the channels this node can carry.
  Result<std::vector<Message>> ClaimDue(int limit, int64_t hold_seconds,
                                        const std::vector<Channel>& channels = {Channel::kEmail});
  Status RecordSent(const Message& m);
  // Queues the message again after the backoff, or fails it when `permanent` or out of attempts.
  Status RecordFailure(const Message& m, const std::string& error, bool permanent);

 private:
  Result<Page> RunList(std::map<std::string, std::string> params,
                       std::optional<int64_t> customer_id);
  static Status EraseIfOrphaned(db::Connection& tx, const Message& m);
  Status CheckpointIfOrphaned(const Message& m);

  db::Database& db_;
  const Clock& clock_;
  std::string domain_;
  std::function<void()> notify_;
  DeliveryInfo delivery_;
  std::function<DeliveryInfo()> source_;
  DeliveryRules rules_;
};

}  // namespace clientele::messages
