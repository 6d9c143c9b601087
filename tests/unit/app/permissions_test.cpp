// Walks the whole permission table: every admin route, called by a token of every role, is
// either allowed or refused with 403 exactly as RoleAllows says. A route missing from the table
// below fails the test, so new routes must declare who may use them.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>

#include "app/app.hpp"

namespace clientele {
namespace {

using admins::Permission;
using admins::Role;

const std::map<std::string, Permission>& RoutePermissions() {
  static const std::map<std::string, Permission> table = {
      {"GET /api/admin/customers", Permission::kViewCustomers},
      {"GET /api/admin/customers/count", Permission::kViewCustomers},
      {"POST /api/admin/customers", Permission::kEditCustomers},
      {"POST /api/admin/customers/bulk", Permission::kEditCustomers},
      {"POST /api/admin/customers/bulk/matching", Permission::kEditCustomers},
      {"POST /api/admin/customers/bulk/login-email", Permission::kEditCustomers},
      {"POST /api/admin/customers/bulk/password-reset", Permission::kEditCustomers},
      {"POST /api/admin/customers/bulk/convert", Permission::kEditCustomers},
      {"POST /api/admin/customers/bulk/ban", Permission::kEditCustomers},
      {"POST /api/admin/customers/bulk/ban/lift", Permission::kEditCustomers},
      {"GET /api/admin/customers/{id}", Permission::kViewCustomers},
      {"PATCH /api/admin/customers/{id}", Permission::kEditCustomers},
      {"POST /api/admin/customers/{id}/deactivate", Permission::kEditCustomers},
      {"POST /api/admin/customers/{id}/restore", Permission::kEditCustomers},
      {"GET /api/admin/customers/{id}/activity", Permission::kViewCustomers},
      {"GET /api/admin/customers/{id}/account", Permission::kViewCustomers},
      {"POST /api/admin/guests", Permission::kEditCustomers},
      {"POST /api/admin/customers/{id}/ban", Permission::kEditCustomers},
      {"GET /api/admin/blacklist", Permission::kViewCustomers},
      {"POST /api/admin/blacklist", Permission::kEditCustomers},
      {"PATCH /api/admin/blacklist/{id}", Permission::kEditCustomers},
      {"DELETE /api/admin/blacklist/{id}", Permission::kEditCustomers},
      {"POST /api/admin/customers/{id}/login-email", Permission::kEditCustomers},
      {"POST /api/admin/customers/{id}/convert", Permission::kEditCustomers},
      {"POST /api/admin/customers/{id}/erase", Permission::kEraseCustomers},
      {"GET /api/admin/customers/{id}/data-export", Permission::kExportCustomers},
      {"POST /api/admin/customers/{id}/merge/preview", Permission::kMergeCustomers},
      {"POST /api/admin/customers/{id}/merge", Permission::kMergeCustomers},
      {"GET /api/admin/customers/{id}/duplicates", Permission::kViewCustomers},
      {"GET /api/admin/duplicates", Permission::kViewCustomers},
      {"POST /api/admin/duplicates/dismiss", Permission::kEditCustomers},
      {"GET /api/admin/cleanup/metrics", Permission::kViewCustomers},
      {"GET /api/admin/cleanup/candidates", Permission::kViewCustomers},
      {"POST /api/admin/cleanup/scan", Permission::kEditCustomers},
      {"POST /api/admin/cleanup", Permission::kEraseCustomers},
      {"GET /api/admin/cleanup/reports/{id}", Permission::kEraseCustomers},
      {"GET /api/admin/exports/columns", Permission::kExportCustomers},
      {"POST /api/admin/exports", Permission::kExportCustomers},
      {"GET /api/admin/exports/{id}/file", Permission::kExportCustomers},
      {"GET /api/admin/imports/targets", Permission::kImportCustomers},
      {"POST /api/admin/imports/files", Permission::kImportCustomers},
      {"POST /api/admin/imports/files/{id}/parts", Permission::kImportCustomers},
      {"GET /api/admin/imports/files/{id}", Permission::kImportCustomers},
      {"POST /api/admin/imports", Permission::kImportCustomers},
      {"GET /api/admin/imports/{id}/errors", Permission::kImportCustomers},
      {"GET /api/admin/cleanup/offenders", Permission::kViewCustomers},
      {"GET /api/admin/cleanup/disposable-domains", Permission::kViewCustomers},
      {"PUT /api/admin/cleanup/disposable-domains/{domain}", Permission::kManageSettings},
      {"DELETE /api/admin/cleanup/disposable-domains/{domain}", Permission::kManageSettings},
      {"POST /api/admin/customers/{id}/login-as", Permission::kLoginAsCustomer},
      {"POST /api/admin/customers/{id}/consents/{channel}/withdraw", Permission::kEditCustomers},
      {"POST /api/admin/customers/{id}/password-reset", Permission::kEditCustomers},
      {"POST /api/admin/customers/{id}/temporary-password", Permission::kEditCustomers},
      {"POST /api/admin/customers/{id}/totp/reset", Permission::kEditCustomers},
      {"PUT /api/admin/customers/{id}/sms", Permission::kEditCustomers},
      {"DELETE /api/admin/customers/{id}/sms", Permission::kEditCustomers},
      {"POST /api/admin/customers/{id}/recovery-codes", Permission::kEditCustomers},
      {"GET /api/admin/customers/{id}/sessions", Permission::kViewCustomers},
      {"DELETE /api/admin/customers/{id}/sessions", Permission::kEditCustomers},
      {"DELETE /api/admin/customers/{id}/sessions/{session_id}", Permission::kEditCustomers},
      {"POST /api/admin/customers/{id}/ban/lift", Permission::kEditCustomers},
      {"GET /api/admin/customers/{id}/addresses", Permission::kViewCustomers},
      {"POST /api/admin/customers/{id}/addresses", Permission::kEditCustomers},
      {"PATCH /api/admin/customers/{id}/addresses", Permission::kEditCustomers},
      {"GET /api/admin/customers/{id}/addresses/{address_id}", Permission::kViewCustomers},
      {"PATCH /api/admin/customers/{id}/addresses/{address_id}", Permission::kEditCustomers},
      {"DELETE /api/admin/customers/{id}/addresses/{address_id}", Permission::kEditCustomers},
      {"GET /api/admin/groups", Permission::kViewCustomers},
      {"POST /api/admin/groups", Permission::kManageGroups},
      {"PATCH /api/admin/groups/{id}", Permission::kManageGroups},
      {"DELETE /api/admin/groups/{id}", Permission::kManageGroups},
      {"GET /api/admin/filter-fields", Permission::kViewCustomers},
      {"GET /api/admin/segments", Permission::kViewCustomers},
      {"POST /api/admin/segments", Permission::kManageGroups},
      {"GET /api/admin/segments/{id}", Permission::kViewCustomers},
      {"PATCH /api/admin/segments/{id}", Permission::kManageGroups},
      {"DELETE /api/admin/segments/{id}", Permission::kManageGroups},
      {"GET /api/admin/insights", Permission::kViewCustomers},
      {"POST /api/admin/insights/rfm", Permission::kEditCustomers},
      {"GET /api/admin/tags", Permission::kViewCustomers},
      {"POST /api/admin/tags", Permission::kManageGroups},
      {"PATCH /api/admin/tags/{id}", Permission::kManageGroups},
      {"DELETE /api/admin/tags/{id}", Permission::kManageGroups},
      {"GET /api/admin/admins", Permission::kManageAdmins},
      {"POST /api/admin/admins", Permission::kManageAdmins},
      {"POST /api/admin/admins/{id}/invitation", Permission::kManageAdmins},
      {"PATCH /api/admin/admins/{id}", Permission::kManageAdmins},
      {"POST /api/admin/admins/{id}/password", Permission::kManageAdmins},
      {"POST /api/admin/admins/{id}/totp/reset", Permission::kManageAdmins},
      {"POST /api/admin/me/password", Permission::kViewCustomers},
      {"POST /api/admin/me/totp", Permission::kViewCustomers},
      {"POST /api/admin/me/totp/confirm", Permission::kViewCustomers},
      {"POST /api/admin/me/totp/disable", Permission::kViewCustomers},
      {"GET /api/admin/tokens", Permission::kManageAdmins},
      {"POST /api/admin/tokens", Permission::kManageAdmins},
      {"DELETE /api/admin/tokens/{id}", Permission::kManageAdmins},
      {"GET /api/admin/audit", Permission::kViewAudit},
      {"GET /api/admin/audit.csv", Permission::kViewAudit},
      {"GET /api/admin/customers/{id}/wallet", Permission::kViewCustomers},
      {"POST /api/admin/customers/{id}/wallet", Permission::kManageMoney},
      {"GET /api/admin/wallet", Permission::kViewCustomers},
      {"GET /api/admin/wallet.csv", Permission::kViewCustomers},
      {"GET /api/admin/products", Permission::kViewCustomers},
      {"POST /api/admin/products", Permission::kManageCatalog},
      {"POST /api/admin/products/batch", Permission::kManageCatalog},
      {"GET /api/admin/products/{id}", Permission::kViewCustomers},
      {"PATCH /api/admin/products/{id}", Permission::kManageCatalog},
      {"POST /api/admin/orders", Permission::kManageOrders},
      {"POST /api/admin/orders/batch", Permission::kManageOrders},
      {"GET /api/admin/orders/{id}", Permission::kViewCustomers},
      {"PATCH /api/admin/orders/{id}", Permission::kManageOrders},
      {"POST /api/admin/orders/{id}/transactions", Permission::kManageMoney},
      {"GET /api/admin/customers/{id}/orders", Permission::kViewCustomers},
      {"GET /api/admin/customers/{id}/library", Permission::kViewCustomers},
      {"GET /api/admin/customers/{id}/notes", Permission::kViewCustomers},
      {"POST /api/admin/customers/{id}/notes", Permission::kEditCustomers},
      {"PATCH /api/admin/customers/{id}/notes/{note}", Permission::kEditCustomers},
      {"DELETE /api/admin/customers/{id}/notes/{note}", Permission::kEditCustomers},
      {"POST /api/admin/customers/{id}/library", Permission::kManageLibrary},
      {"PATCH /api/admin/customers/{id}/library/{entry}", Permission::kManageLibrary},
      {"POST /api/admin/customers/{id}/library/{entry}/revoke", Permission::kManageLibrary},
      {"POST /api/admin/customers/{id}/library/rebuild", Permission::kManageLibrary},
      {"POST /api/admin/library/rebuild", Permission::kManageLibrary},
      {"GET /api/admin/customers/{id}/downloads", Permission::kViewCustomers},
      {"GET /api/admin/customers/{id}/wishlist", Permission::kViewCustomers},
      {"GET /api/admin/wishlist/products", Permission::kViewCustomers},
      {"GET /api/admin/jobs", Permission::kViewCustomers},
      {"GET /api/admin/jobs/{id}", Permission::kViewCustomers},
      {"POST /api/admin/jobs/{id}/cancel", Permission::kViewCustomers},
      {"GET /api/admin/customers/{id}/transactions", Permission::kViewCustomers},
      {"POST /api/admin/customers/{id}/transactions", Permission::kManageMoney},
      {"GET /api/admin/settings", Permission::kViewCustomers},
      {"PATCH /api/admin/settings", Permission::kManageSettings},
      {"GET /api/admin/settings/email", Permission::kManageSettings},
      {"PUT /api/admin/settings/email", Permission::kManageSettings},
      {"POST /api/admin/settings/email/test", Permission::kManageSettings},
      {"GET /api/admin/messages", Permission::kViewCustomers},
      {"GET /api/admin/messages/{id}", Permission::kViewCustomers},
      {"POST /api/admin/messages/{id}/resend", Permission::kSendMessages},
      {"GET /api/admin/customers/{id}/messages", Permission::kViewCustomers},
      {"POST /api/admin/customers/{id}/messages", Permission::kSendMessages},
      {"POST /api/admin/customers/{id}/messages/preview", Permission::kSendMessages},
      {"GET /api/admin/email-templates", Permission::kManageSettings},
      {"GET /api/admin/email-templates/{template}/{language}", Permission::kManageSettings},
      {"PUT /api/admin/email-templates/{template}/{language}", Permission::kManageSettings},
      {"DELETE /api/admin/email-templates/{template}/{language}", Permission::kManageSettings},
      {"POST /api/admin/email-templates/{template}/preview", Permission::kManageSettings},
  };
  return table;
}

// Sign-in routes authenticate by themselves and need no permission.
// Routes that need no sign-in: the sign-in itself, and an invitation whose link is the credential.
bool IsSessionRoute(const std::string& pattern) {
  return pattern == "/api/admin/session" || pattern == "/api/admin/invitations/accept";
}

// Routes only a browser session may use (one's own second factor and password, login as
// customer): a token of a role with the permission gets 403 "session_required".
bool IsBrowserOnly(const std::string& pattern) {
  return pattern.rfind("/api/admin/me/totp", 0) == 0 || pattern == "/api/admin/me/password" ||
         pattern == "/api/admin/customers/{id}/login-as";
}

TEST(Permissions, EveryRoleOnEveryAdminRoute) {
  auto path = std::filesystem::temp_directory_path() / "clientele-permissions-test.db";
  std::filesystem::remove(path);
  AppOptions options;
  options.db_url = "sqlite:" + path.string();
  auto opened = App::Open(options);
  ASSERT_TRUE(opened.ok()) << opened.error().message;
  App& app = **opened;
  audit::Actor system;
  std::map<Role, std::string> tokens;
  for (Role role : {Role::kOwner, Role::kAdmin, Role::kSupport, Role::kViewer}) {
    std::string email = std::string(admins::ToString(role)) + "@example.com";
    ASSERT_TRUE(app.admins().CreateAdmin(system, email, "", "long enough password", role).ok());
    auto token = app.admins().CreateToken(system, email, "matrix");
    ASSERT_TRUE(token.ok());
    tokens[role] = token->secret;
  }
  int checked = 0;
  for (const auto& route : app.router().routes()) {
    if (route.pattern.rfind("/api/admin/", 0) != 0 || IsSessionRoute(route.pattern)) continue;
    const std::string key = route.method + " " + route.pattern;
    auto it = RoutePermissions().find(key);
    ASSERT_NE(it, RoutePermissions().end()) << "no permission declared in this test for " << key;
    std::string target = route.pattern;
    if (auto pos = target.find("{id}"); pos != std::string::npos) {
      target.replace(pos, 4, "x_nonexistent");
    }
    for (const auto& [role, secret] : tokens) {
      http::Request req;
      req.method = route.method;
      req.target = req.path = target;
      req.body = "{}";
      req.headers.Set("content-type", "application/json");
      req.headers.Set("authorization", "Bearer " + secret);
      http::Response res = http::Resolve(app.Handle(req));
      const bool allowed = admins::RoleAllows(role, it->second);
      if (IsBrowserOnly(route.pattern)) {
        EXPECT_EQ(res.status, 403) << admins::ToString(role) << " " << key;
        EXPECT_EQ(res.body.find("session_required") != std::string::npos, allowed)
            << admins::ToString(role) << " " << key << ": " << res.body;
      } else if (allowed) {
        EXPECT_NE(res.status, 403) << admins::ToString(role) << " " << key << ": " << res.body;
      } else {
        EXPECT_EQ(res.status, 403) << admins::ToString(role) << " " << key;
      }
      EXPECT_NE(res.status, 500) << key << ": " << res.body;
      ++checked;
    }
    // And nobody without credentials.
    http::Request anonymous;
    anonymous.method = route.method;
    anonymous.target = anonymous.path = target;
    EXPECT_EQ(http::Resolve(app.Handle(anonymous)).status, 401) << key;
  }
  EXPECT_EQ(checked, static_cast<int>(RoutePermissions().size() * tokens.size()));
  std::filesystem::remove(path);
}

TEST(Permissions, RoleTable) {
  using admins::RoleAllows;
  for (Permission p : admins::kAllPermissions) {
    EXPECT_TRUE(RoleAllows(Role::kOwner, p));
    EXPECT_TRUE(RoleAllows(Role::kAdmin, p));
  }
  EXPECT_TRUE(RoleAllows(Role::kSupport, Permission::kEditCustomers));
  EXPECT_FALSE(RoleAllows(Role::kSupport, Permission::kManageAdmins));
  EXPECT_TRUE(RoleAllows(Role::kViewer, Permission::kViewCustomers));
  EXPECT_FALSE(RoleAllows(Role::kViewer, Permission::kEditCustomers));
  EXPECT_FALSE(RoleAllows(Role::kViewer, Permission::kViewAudit));
  EXPECT_TRUE(RoleAllows(Role::kSupport, Permission::kSendMessages));
  EXPECT_FALSE(RoleAllows(Role::kViewer, Permission::kSendMessages));
  EXPECT_TRUE(RoleAllows(Role::kSupport, Permission::kLoginAsCustomer));
  EXPECT_FALSE(RoleAllows(Role::kViewer, Permission::kLoginAsCustomer));
  EXPECT_FALSE(RoleAllows(Role::kSupport, Permission::kManageMoney));
  EXPECT_TRUE(admins::MayGrant(Role::kOwner, Role::kOwner));
  EXPECT_FALSE(admins::MayGrant(Role::kAdmin, Role::kOwner));
}

}  // namespace
}  // namespace clientele
