// Login as customer: an admin opens the customer area as the customer to help them. The
// session is a shopper session that carries the admin (every audit event written during it
// names both), lasts at most 30 minutes, ends with the admin's own browser session, and cannot
// reach the customer's credentials (the routes refuse; see guard.hpp).
#include "core/ids.hpp"
#include "modules/accounts/internal.hpp"
#include "modules/accounts/service.hpp"
#include "modules/accounts/store.hpp"
#include "modules/customers/service.hpp"

namespace clientele::accounts {

Result<NewSession> Service::StartAssistance(const audit::Actor& actor, const Assistant& admin,
                                            const std::string& customer_id) {
  ASSIGN_OR_RETURN(StoreConfig config, Config());
  if (config.mode == AccountMode::kDisabled) return AccountsDisabled();
  const int64_t now = clock_.NowMicros();
  NewSession out;
  out.secret = NewSecret("", 32);
  store::SessionRow row;
  row.public_id = NewPublicId("ses");
  row.csrf_token = NewSecret("", 24);
  row.created_at = row.last_seen_at = now;
  row.expires_at = now + kAssistedSessionMicros;
  row.ip = actor.ip;
  row.user_agent = actor.user_agent.substr(0, 512);
  row.assisted_by = admin.admin_public_id;
  row.admin_session_id = admin.admin_session_id;
  customers::Customer customer;
  RETURN_IF_ERROR(db_.Transaction([&](db::Connection& tx) -> Status {
    ASSIGN_OR_RETURN(customer, ToolTarget(tx, customer_id, now));
    if (customer.status != customers::AccountStatus::kActive) {
      return Error::Precondition("customer_inactive",
                                 "This account is deactivated; restore it first.");
    }
    ASSIGN_OR_RETURN(std::optional<store::AccountRow> account, store::FindAccount(tx, customer.id));
    if (config.assistance_requires_consent && !account->assistance_allowed_at) {
      return Error::Precondition(
          "assistance_not_allowed",
          "This customer has not allowed store staff to sign in to their account. They can "
          "allow it under Privacy in their account.");
    }
    row.customer_id = customer.id;
    RETURN_IF_ERROR(store::InsertSession(tx, row, HashSecret(out.secret)));
    return audit::Record(
        tx, actor,
        {"customer.assistance_started",
         "customer",
         customer.public_id,
         {{"session", row.public_id}, {"expires_at", FormatInstant(row.expires_at)}}},
        now);
  }));
  out.shopper.customer_id = customer.id;
  out.shopper.customer_public_id = customer.public_id;
  out.shopper.session_public_id = row.public_id;
  out.shopper.csrf_token = row.csrf_token;
  out.shopper.assisted_by = admin.admin_public_id;
  out.shopper.assisted_by_name = admin.admin_name;
  out.shopper.expires_at = row.expires_at;
  return out;
}

Result<Me> Service::SetAssistanceAllowed(const Shopper& shopper, bool allowed,
                                         const audit::Actor& actor) {
  const int64_t now = clock_.NowMicros();
  RETURN_IF_ERROR(db_.Transaction([&](db::Connection& tx) -> Status {
    ASSIGN_OR_RETURN(std::optional<store::AccountRow> account,
                     store::FindAccount(tx, shopper.customer_id));
    if (!account || account->assistance_allowed_at.has_value() == allowed) return OkStatus();
    RETURN_IF_ERROR(store::SetAssistanceAllowed(
        tx, shopper.customer_id, allowed ? std::optional<int64_t>(now) : std::nullopt, now));
    int64_t ended = 0;
    if (!allowed) {
      ASSIGN_OR_RETURN(ended, store::DeleteAssistedSessions(tx, shopper.customer_id));
    }
    nlohmann::json data = {{"allowed", allowed}};
    if (ended > 0) data["sessions_ended"] = ended;
    return audit::Record(
        tx, actor,
        {allowed ? "customer.assistance_allowed" : "customer.assistance_disallowed", "customer",
         shopper.customer_public_id, data},
        now);
  }));
  return GetMe(shopper);
}

std::string Service::AssistantName(const std::string& admin_public_id) {
  if (admin_public_id.empty()) return "";
  if (assistant_check_) {
    auto name = assistant_check_(admin_public_id);
    if (name.ok() && *name) return **name;
  }
  return "store staff";
}

}  // namespace clientele::accounts
