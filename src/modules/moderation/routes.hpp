// The moderation admin API: ban a customer with a reason, lift the ban; the blacklist.
#pragma once

#include "modules/admins/guard.hpp"
#include "modules/moderation/blacklist.hpp"
#include "modules/moderation/duplicates.hpp"
#include "modules/moderation/service.hpp"
#include "modules/moderation/spam_rules.hpp"

namespace clientele::moderation {

void RegisterRoutes(admins::AdminApi& api, Service& service);
// The blacklist: GET|POST /api/admin/blacklist, PATCH|DELETE /api/admin/blacklist/{id}.
void RegisterBlacklistRoutes(admins::AdminApi& api, Blacklist& blacklist);
// Likely duplicates: GET /api/admin/customers/{id}/duplicates, GET /api/admin/duplicates,
// POST /api/admin/duplicates/dismiss.
void RegisterDuplicateRoutes(admins::AdminApi& api, Duplicates& duplicates);
// Disposable e-mail domains: GET /api/admin/cleanup/disposable-domains,
// PUT|DELETE /api/admin/cleanup/disposable-domains/{domain}.
void RegisterSpamRoutes(admins::AdminApi& api, SpamRules& rules);

}  // namespace clientele::moderation
