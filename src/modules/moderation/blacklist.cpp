#include "modules/moderation/blacklist.hpp"

#include "core/contact.hpp"
#include "core/ids.hpp"
#include "core/ip.hpp"
#include "core/text.hpp"
#include "modules/moderation/store.hpp"

namespace clientele::moderation {
namespace {

Error NotFound() { return Error::NotFound("entry_not_found", "There is no such entry."); }

Result<std::string> CleanReason(const std::string& reason) {
  std::string clean = Trim(reason);
  if (CodePointCount(clean) > 500 || !IsCleanUtf8(clean, true)) {
    std::string msg = "A reason is at most 500 characters.";
    return Error::Invalid(msg, {{"reason", "too_long", msg}});
  }
  return clean;
}

// The value as it is stored and compared.
Result<std::string> Normalise(const std::string& kind, const std::string& input) {
  const std::string value = Trim(input);
  auto invalid = [](std::string msg) { return Error::Invalid(msg, {{"value", "invalid", msg}}); };
  if (kind == "phone") {
    if (value.empty() || value[0] != '+') {
      return invalid(
          "Type the number with its country code, such as +965 5123 4567 or +962 7 9123 4567.");
    }
    auto phone = ParsePhone(value, "", "value");
    if (!phone.ok()) return phone.error();
    return *phone;
  }
  if (kind == "email") {
    auto email = ParseEmail(value, "value");
    if (!email.ok()) return email.error();
    return email->key;
  }
  if (kind == "domain") {
    std::string domain = value.rfind('@', 0) == 0 ? value.substr(1) : value;
    auto probe = ParseEmail("x@" + domain, "value");
    if (domain.empty() || !probe.ok()) return invalid("Type a domain, such as example.com.");
    return probe->key.substr(2);
  }
  if (kind == "ip") {
    auto range = ParseIpRange(value);
    if (!range) {
      return invalid(
          "Type an IP address or range, such as 203.0.113.7, 203.0.113.0/24 or "
          "2001:db8::/32.");
    }
    return range->ToString();
  }
  std::string msg = "Use phone, email, domain or ip.";
  return Error::Invalid(msg, {{"kind", "invalid_kind", msg}});
}

nlohmann::json Fields(const BlacklistEntry& e) {
  return {{"kind", e.kind}, {"value", e.value}, {"reason", e.reason}};
}

}  // namespace

Result<std::vector<BlacklistEntry>> Blacklist::List(const std::string& q, const std::string& kind) {
  return db_.Read([&](db::Connection& c) { return store::ListEntries(c, Trim(q), kind); });
}

Result<BlacklistEntry> Blacklist::Add(const audit::Actor& actor, const std::string& kind,
                                      const std::string& value, const std::string& reason) {
  ASSIGN_OR_RETURN(std::string normal, Normalise(kind, value));
  ASSIGN_OR_RETURN(std::string clean_reason, CleanReason(reason));
  const int64_t now = clock_.NowMicros();
  BlacklistEntry e;
  e.public_id = NewPublicId("blk");
  e.kind = kind;
  e.value = normal;
  e.reason = clean_reason;
  e.actor_type = actor.type;
  e.actor_id = actor.id;
  e.created_at = e.updated_at = now;
  auto added = db_.Transaction([&](db::Connection& tx) -> Result<BlacklistEntry> {
    ASSIGN_OR_RETURN(e.id, store::InsertEntry(tx, e));
    RETURN_IF_ERROR(
        audit::Record(tx, actor, {"blacklist.added", "blacklist", e.public_id, Fields(e)}, now));
    ASSIGN_OR_RETURN(std::optional<BlacklistEntry> stored, store::FindEntry(tx, e.public_id));
    return *stored;  // with the name of who added it
  });
  if (!added.ok() && added.error().code == ErrorCode::kAlreadyExists) {
    std::string msg = "This " + kind + " is on the blacklist already.";
    return Error{ErrorCode::kAlreadyExists, "already_blacklisted", msg, {{"value", "taken", msg}}};
  }
  return added;
}

Result<BlacklistEntry> Blacklist::Update(const audit::Actor& actor, const std::string& id,
                                         const std::string& reason) {
  ASSIGN_OR_RETURN(std::string clean_reason, CleanReason(reason));
  const int64_t now = clock_.NowMicros();
  return db_.Transaction([&](db::Connection& tx) -> Result<BlacklistEntry> {
    ASSIGN_OR_RETURN(std::optional<BlacklistEntry> e, store::FindEntry(tx, id));
    if (!e) return NotFound();
    nlohmann::json changes = {{"reason", {{"from", e->reason}, {"to", clean_reason}}}};
    e->reason = clean_reason;
    e->updated_at = now;
    RETURN_IF_ERROR(store::UpdateEntryReason(tx, e->id, clean_reason, now));
    RETURN_IF_ERROR(
        audit::Record(tx, actor, {"blacklist.updated", "blacklist", e->public_id, changes}, now));
    return *e;
  });
}

Status Blacklist::Remove(const audit::Actor& actor, const std::string& id) {
  const int64_t now = clock_.NowMicros();
  return db_.Transaction([&](db::Connection& tx) -> Status {
    ASSIGN_OR_RETURN(std::optional<BlacklistEntry> e, store::FindEntry(tx, id));
    if (!e) return NotFound();
    RETURN_IF_ERROR(store::DeleteEntry(tx, e->id));
    return audit::Record(tx, actor, {"blacklist.removed", "blacklist", e->public_id, Fields(*e)},
                         now);
  });
}

Result<std::optional<std::string>> Blacklist::Refuses(db::Database& db, const Requester& who,
                                                      int64_t now) {
  return db.Transaction([&](db::Connection& tx) -> Result<std::optional<std::string>> {
    std::vector<std::pair<std::string, std::string>> keys;
    if (auto email = ParseEmail(who.email); email.ok()) {
      keys.push_back({"email", email->key});
      keys.push_back({"domain", email->key.substr(email->key.rfind('@') + 1)});
    }
    if (!who.phone.empty()) {
      if (auto phone = ParsePhone(who.phone, "", "phone"); phone.ok()) {
        keys.push_back({"phone", *phone});
      }
    }
    ASSIGN_OR_RETURN(std::optional<BlacklistEntry> hit, store::FindExact(tx, keys));
    if (!hit && !who.ip.empty()) {
      if (auto address = ParseIpRange(who.ip)) {
        ASSIGN_OR_RETURN(std::vector<BlacklistEntry> ranges, store::ListEntries(tx, "", "ip"));
        for (const auto& r : ranges) {
          auto range = ParseIpRange(r.value);
          if (range && range->Contains(*address)) {
            hit = r;
            break;
          }
        }
      }
    }
    if (!hit) return std::optional<std::string>();
    RETURN_IF_ERROR(store::CountHit(tx, hit->id, now));
    return std::optional<std::string>(hit->public_id);
  });
}

}  // namespace clientele::moderation
