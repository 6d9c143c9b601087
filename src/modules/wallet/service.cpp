#include "modules/wallet/service.hpp"

#include <algorithm>

#include "core/cursor.hpp"
#include "core/ids.hpp"
#include "core/money.hpp"
#include "core/text.hpp"
#include "formats/csv.hpp"
#include "modules/customers/service.hpp"
#include "modules/messages/service.hpp"
#include "modules/settings/service.hpp"
#include "modules/wallet/store.hpp"

namespace clientele::wallet {
namespace {

constexpr int kMaxPageSize = 200;
constexpr int kHistoryOnProfile = 200;
constexpr int kWriteOffBatch = 500;

// A key is printable ASCII, as clients generate them (UUIDs, random tokens).
bool IsKey(const std::string& key) {
  return key.size() <= Service::kMaxKey &&
         std::all_of(key.begin(), key.end(), [](char ch) { return ch > ' ' && ch < 127; });
}

// What a keyed request asked for: a retry must ask the same.
std::string RequestHash(const Change& c) {
  return HashSecret(c.currency + "\n" + std::to_string(c.amount) + "\n" + c.reason + "\n" +
                    c.order_ref + "\n" + (c.expires_at ? std::to_string(*c.expires_at) : "") +
                    "\n" + (c.notify ? "1" : "0"));
}

// An empty currency stands for the store's, which is checked when it is set.
Status CheckChange(Change& c, int64_t now) {
  std::vector<FieldError> errors;
  if (!c.currency.empty() && !IsCurrency(c.currency)) {
    errors.push_back({"currency", "invalid_currency",
                      "Use an ISO 4217 currency code in capitals, such as EUR or USD."});
  }
  if (c.amount == 0) {
    errors.push_back(
        {"amount", "zero_amount", "Enter an amount: positive to add credit, negative to deduct."});
  } else if (c.amount > kMaxMinorAmount || c.amount < -kMaxMinorAmount) {
    errors.push_back({"amount", "too_large", "This amount is too large."});
  }
  if (auto reason = CleanText(c.reason, "reason", Service::kMaxReason, false, errors)) {
    c.reason = *reason;
  }
  if (auto ref = CleanText(c.order_ref, "order_ref", Service::kMaxOrderRef, false, errors)) {
    c.order_ref = *ref;
  }
  if (c.expires_at) {
    if (c.amount < 0) {
      errors.push_back({"expires_at", "not_for_deductions", "Only added credit can expire."});
    } else if (*c.expires_at <= now) {
      errors.push_back({"expires_at", "in_the_past", "Choose an expiry date in the future."});
    }
  }
  if (!IsKey(c.idempotency_key)) {
    errors.push_back({"idempotency_key", "invalid_key",
                      "An Idempotency-Key is 1 to 255 printable ASCII characters."});
  }
  if (!errors.empty()) return Error::Invalid("Some fields are not valid.", std::move(errors));
  return OkStatus();
}

int64_t Sum(const std::vector<Entry>& credits) {
  int64_t total = 0;
  for (const auto& c : credits) total += c.remaining;
  return total;
}

}  // namespace

Status Service::Validate(Change& change) const { return CheckChange(change, clock_.NowMicros()); }

Result<std::vector<Entry>> Service::Settle(db::Connection& tx, int64_t customer_id,
                                           const std::string& customer_ref,
                                           const std::string& currency, int64_t now) {
  ASSIGN_OR_RETURN(std::vector<Entry> credits, store::OpenCredits(tx, customer_id, currency));
  std::vector<Entry> open;
  for (const Entry& credit : credits) {
    if (!credit.expires_at || *credit.expires_at > now) {
      open.push_back(credit);
      continue;
    }
    Entry expiry;
    expiry.public_id = NewPublicId("wle");
    expiry.customer_ref = customer_ref;
    expiry.currency = currency;
    expiry.kind = EntryKind::kExpiry;
    expiry.amount = credit.remaining;
    expiry.reason = "Credit " + credit.public_id + " expired";
    expiry.actor_type = "system";
    expiry.created_at = now;
    ASSIGN_OR_RETURN(int64_t id, store::InsertEntry(tx, expiry, customer_id, "", ""));
    RETURN_IF_ERROR(store::InsertAllocation(tx, id, credit.id, credit.remaining));
    RETURN_IF_ERROR(audit::Record(
        tx, audit::Actor{},
        {"customer.wallet_expired",
         "customer",
         customer_ref,
         {{"currency", currency}, {"amount", credit.remaining}, {"credit", credit.public_id}}},
        now));
  }
  return open;
}

Result<Wallet> Service::Get(const std::string& customer_id) {
  const int64_t now = clock_.NowMicros();
  return db_.Read([&](db::Connection& c) -> Result<Wallet> {
    ASSIGN_OR_RETURN(customers::Customer customer, customers::Service::Find(c, customer_id));
    return Read(c, customer.id, now, kHistoryOnProfile);
  });
}

Result<Wallet> Service::Read(db::Connection& c, int64_t customer_id, int64_t now,
                             int history_limit) {
  Wallet w;
  ASSIGN_OR_RETURN(std::vector<std::string> currencies, store::Currencies(c, customer_id));
  for (const std::string& currency : currencies) {
    Balance b;
    b.currency = currency;
    ASSIGN_OR_RETURN(std::vector<Entry> credits, store::OpenCredits(c, customer_id, currency));
    // Expired is expired, whether or not the write-off has run.
    for (Entry& credit : credits) {
      if (!credit.expires_at || *credit.expires_at > now) b.credits.push_back(std::move(credit));
    }
    b.available = Sum(b.credits);
    w.balances.push_back(std::move(b));
  }
  ASSIGN_OR_RETURN(w.history, store::ListEntries(c, customer_id, history_limit));
  for (Entry& e : w.history) {
    if (e.kind == EntryKind::kCredit && e.expires_at && *e.expires_at <= now) e.remaining = 0;
  }
  return w;
}

Result<Applied> Service::Apply(const audit::Actor& actor, const std::string& customer_id,
                               const Change& input) {
  const int64_t now = clock_.NowMicros();
  Change change = input;
  if (change.currency.empty()) {
    ASSIGN_OR_RETURN(settings::Settings store,
                     db_.Read([](db::Connection& c) { return settings::Service::Read(c); }));
    change.currency = store.currency;
  }
  RETURN_IF_ERROR(CheckChange(change, now));
  const std::string hash = RequestHash(change);
  const int64_t amount = change.amount < 0 ? -change.amount : change.amount;
  bool queued = false;
  auto applied = db_.Transaction([&](db::Connection& tx) -> Result<Applied> {
    ASSIGN_OR_RETURN(customers::Customer customer, customers::Service::Find(tx, customer_id));
    if (change.notify && customer.email.empty()) {
      std::string msg = "This customer has no e-mail address to notify.";
      return Error::Invalid(msg, {{"notify", "customer_has_no_email", msg}});
    }
    // The lock first: a retry with the same key waits for the first request, then finds it.
    RETURN_IF_ERROR(store::LockBalance(tx, customer.id, change.currency, now));
    if (!change.idempotency_key.empty()) {
      ASSIGN_OR_RETURN(std::optional<store::KeyedEntry> earlier,
                       store::FindByKey(tx, customer.public_id, change.idempotency_key));
      if (earlier) {
        if (earlier->request_hash != hash) {
          return Error{ErrorCode::kInvalidArgument,
                       "idempotency_key_reused",
                       "This Idempotency-Key was used for a different request; use a new key.",
                       {}};
        }
        ASSIGN_OR_RETURN(std::vector<Entry> open,
                         Settle(tx, customer.id, customer.public_id, earlier->entry.currency, now));
        return Applied{earlier->entry, Sum(open), true};
      }
    }
    ASSIGN_OR_RETURN(std::vector<Entry> open,
                     Settle(tx, customer.id, customer.public_id, change.currency, now));
    const int64_t available = Sum(open);
    if (change.amount < 0 && amount > available) {
      return Error::Precondition("insufficient_balance",
                                 "The balance is " + FormatMoney(available, change.currency) +
                                     "; a deduction of " + FormatMoney(amount, change.currency) +
                                     " is more than that.");
    }
    Entry e;
    e.public_id = NewPublicId("wle");
    e.customer_ref = customer.public_id;
    e.currency = change.currency;
    e.kind = change.amount > 0 ? EntryKind::kCredit : EntryKind::kDebit;
    e.amount = amount;
    e.expires_at = change.expires_at;
    e.reason = change.reason;
    e.order_ref = change.order_ref;
    e.actor_type = actor.type;
    e.actor_id = actor.id;
    e.created_at = now;
    ASSIGN_OR_RETURN(e.id, store::InsertEntry(tx, e, customer.id, change.idempotency_key, hash));
    if (e.kind == EntryKind::kDebit) {
      // The credits that expire soonest go first.
      int64_t left = amount;
      for (const Entry& credit : open) {
        if (left == 0) break;
        const int64_t take = std::min(left, credit.remaining);
        RETURN_IF_ERROR(store::InsertAllocation(tx, e.id, credit.id, take));
        left -= take;
      }
    } else {
      e.remaining = amount;
    }
    const int64_t balance = available + change.amount;
    RETURN_IF_ERROR(store::SetBalance(tx, customer.id, change.currency, balance, now));
    nlohmann::json data = {{"currency", e.currency},
                           {"amount", change.amount},
                           {"balance", balance},
                           {"entry", e.public_id}};
    if (!e.reason.empty()) data["reason"] = e.reason;
    if (!e.order_ref.empty()) data["order_ref"] = e.order_ref;
    if (e.expires_at) data["expires_at"] = FormatInstant(*e.expires_at);
    RETURN_IF_ERROR(audit::Record(
        tx, actor,
        {e.kind == EntryKind::kCredit ? "customer.wallet_credited" : "customer.wallet_debited",
         "customer", customer.public_id, data},
        now));
    if (change.notify) {
      std::string amount_text = FormatMoney(change.amount, e.currency);
      if (change.amount > 0) amount_text.insert(0, "+");
      if (e.expires_at) {
        // The day as the admin chose it, in the store's time zone.
        ASSIGN_OR_RETURN(settings::Settings store, settings::Service::Read(tx));
        amount_text += " (expires on " + LocalDate(*e.expires_at, store.time_zone) + ")";
      }
      RETURN_IF_ERROR(messages_.Queue(tx, actor, customer, "balance_change",
                                      {{"amount", amount_text},
                                       {"balance", FormatMoney(balance, e.currency)},
                                       {"reason", e.reason.empty() ? "-" : e.reason}},
                                      now));
      queued = true;
    }
    return Applied{e, balance, false};
  });
  if (queued && applied.ok()) messages_.NotifyQueued();
  return applied;
}

Result<int64_t> Service::WriteOffExpired() {
  const int64_t now = clock_.NowMicros();
  ASSIGN_OR_RETURN(auto wallets, db_.Read([&](db::Connection& c) {
    return store::WalletsWithExpired(c, now, kWriteOffBatch);
  }));
  int64_t written_off = 0;
  for (const auto& [customer_id, currency] : wallets) {
    RETURN_IF_ERROR(db_.Transaction([&](db::Connection& tx) -> Status {
      RETURN_IF_ERROR(store::LockBalance(tx, customer_id, currency, now));
      ASSIGN_OR_RETURN(std::vector<Entry> before, store::OpenCredits(tx, customer_id, currency));
      if (before.empty()) return OkStatus();
      ASSIGN_OR_RETURN(std::vector<Entry> open,
                       Settle(tx, customer_id, before.front().customer_ref, currency, now));
      written_off += static_cast<int64_t>(before.size() - open.size());
      return store::SetBalance(tx, customer_id, currency, Sum(open), now);
    }));
  }
  return written_off;
}

Result<HistoryFilter> Service::ParseHistory(const std::map<std::string, std::string>& params,
                                            bool paged) {
  HistoryFilter f;
  std::vector<FieldError> errors;
  for (const auto& [name, value] : params) {
    if (value.empty()) continue;
    if (name == "from" || name == "to") {
      auto t = ParseInstant(value, name);
      if (!t.ok()) {
        errors.push_back(t.error().fields.at(0));
      } else {
        (name == "from" ? f.from : f.to) = *t;
      }
    } else if (name == "kind") {
      f.kind = ParseEntryKind(value);
      if (!f.kind) errors.push_back({name, "invalid_kind", "Use credit, debit or expiry."});
    } else if (name == "limit" && paged) {
      if (auto limit = ReadPageSize(value, kMaxPageSize, errors)) f.limit = *limit;
    } else if (name == "cursor" && paged) {
      if (auto c = ReadCursor(value, "wallet", errors)) f.before_id = c->id;
    } else {
      errors.push_back({name, "unknown_parameter", "This parameter is not known here."});
    }
  }
  if (!errors.empty()) return Error::Invalid("Some parameters are not valid.", errors);
  return f;
}

Result<HistoryPage> Service::History(const std::map<std::string, std::string>& params) {
  ASSIGN_OR_RETURN(HistoryFilter f, ParseHistory(params, true));
  ASSIGN_OR_RETURN(std::vector<Entry> rows,
                   db_.Read([&](db::Connection& c) { return store::History(c, f); }));
  HistoryPage page;
  if (static_cast<int>(rows.size()) > f.limit) {
    rows.resize(f.limit);
    page.next_cursor = EncodeCursor({"wallet", rows.back().id, rows.back().id});
  }
  page.items = std::move(rows);
  return page;
}

Result<HistoryFilter> Service::ParseHistoryFilter(
    const std::map<std::string, std::string>& params) {
  return ParseHistory(params, false);
}

Result<std::vector<Entry>> Service::HistoryOn(db::Connection& c, const HistoryFilter& filter) {
  return store::History(c, filter);
}

Result<int64_t> Service::HistoryCount(db::Connection& c, const HistoryFilter& filter) {
  return store::HistoryCount(c, filter);
}

const std::vector<std::string>& Service::HistoryHeaders() {
  static const std::vector<std::string> headers = {
      "id",     "created_at", "customer_id", "customer_name", "email",     "phone", "kind",
      "amount", "currency",   "expires_at",  "reason",        "order_ref", "by"};
  return headers;
}

std::vector<std::string> Service::HistoryCells(const Entry& e) {
  std::string amount = FormatMoney(e.signed_amount(), e.currency);
  amount = amount.substr(0, amount.find(' '));  // the number; the currency has its column
  return {e.public_id,
          FormatInstant(e.created_at),
          e.customer_ref,
          e.customer_name,
          e.customer_email,
          e.customer_phone,
          ToString(e.kind),
          amount,
          e.currency,
          e.expires_at ? FormatInstant(*e.expires_at) : "",
          e.reason,
          e.order_ref,
          e.actor_name.empty() ? e.actor_type : e.actor_name};
}

Result<std::string> Service::HistoryCsv(const std::map<std::string, std::string>& params) {
  ASSIGN_OR_RETURN(HistoryFilter f, ParseHistory(params, false));
  f.limit = kMaxExportRows;
  ASSIGN_OR_RETURN(std::vector<Entry> rows,
                   db_.Read([&](db::Connection& c) { return store::History(c, f); }));
  if (static_cast<int>(rows.size()) > f.limit) rows.resize(f.limit);
  formats::CsvWriter csv;
  csv.Row(HistoryHeaders());
  for (const auto& e : rows) csv.Row(HistoryCells(e));
  return csv.Take();
}

Status Service::MoveCustomer(db::Connection& tx, int64_t from, int64_t to,
                             const std::string& to_ref, int64_t now) {
  return store::MoveCustomer(tx, from, to, to_ref, now);
}

Result<int64_t> Service::EntryCount(db::Connection& c, int64_t customer_id) {
  return store::EntryCount(c, customer_id);
}

}  // namespace clientele::wallet
