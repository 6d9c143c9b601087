// Admin roles and the permission each admin action needs, in one table (RoleAllows). Pure.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace clientele::admins {

enum class Role { kOwner, kAdmin, kSupport, kViewer };

enum class Permission {
  kViewCustomers,    // list, search, read profiles
  kEditCustomers,    // create, edit, deactivate, restore, assign groups and tags
  kManageGroups,     // create, rename, delete groups and tags
  kManageAdmins,     // admin users and API tokens
  kViewAudit,        // the audit trail of every admin action
  kManageSettings,   // store name, defaults, time zone, e-mail templates
  kSendMessages,     // write and resend e-mails to customers
  kEraseCustomers,   // delete a customer permanently, erasing their personal data
  kLoginAsCustomer,  // open the customer area as a customer, to help them
  kManageMoney,      // manual wallet entries and transactions
  kManageCatalog,    // products (the store's back end sends them)
  kManageOrders,     // orders (the back end sends them; staff place them for a customer)
  kManageLibrary,    // customers' digital libraries: add, annotate, revoke, rebuild
  kMergeCustomers,   // merge duplicate accounts (cannot be undone)
  kExportCustomers,  // export customer lists (CSV, XLSX, PDF, HTML) and download them
  kImportCustomers,  // import customers from files
};

// Every permission, for tables and tests that walk them all.
inline constexpr Permission kAllPermissions[] = {
    Permission::kViewCustomers,  Permission::kEditCustomers,  Permission::kManageGroups,
    Permission::kManageAdmins,   Permission::kViewAudit,      Permission::kManageSettings,
    Permission::kSendMessages,   Permission::kEraseCustomers, Permission::kLoginAsCustomer,
    Permission::kManageMoney,    Permission::kManageCatalog,  Permission::kManageOrders,
    Permission::kManageLibrary,  Permission::kMergeCustomers, Permission::kExportCustomers,
    Permission::kImportCustomers};
const char* ToString(Permission p);

const char* ToString(Role r);
std::optional<Role> ParseRole(std::string_view s);

// The role → permission table: owner and admin may do everything; support may view and edit
// customers, e-mail them, log in as them and read the audit trail; viewer may only view
// customers.
bool RoleAllows(Role role, Permission permission);

// Password rules for admin accounts. Returns an empty string when acceptable, otherwise what
// to fix.
std::string PasswordProblem(std::string_view password);

// Whether an admin with role `actor` may hand out `granted` (to a new admin or a token): nobody
// grants more than they have, and only an owner makes owners.
bool MayGrant(Role actor, Role granted);

// The lower of two roles: what a token acts with, given its own role and its admin's.
Role LowerRole(Role a, Role b);

}  // namespace clientele::admins
