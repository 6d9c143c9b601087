// Admin roles and the permission each admin action needs, in one table (RoleAllows). Pure.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace clientele::admins {

enum class Role { kOwner, kAdmin, kSupport, kViewer };

enum class Permission {
  kViewCustomers,   // list, search, read profiles
  kEditCustomers,   // create, edit, deactivate, restore, assign groups and tags
  kManageGroups,    // create, rename, delete groups and tags
  kManageAdmins,    // admin users and API tokens
};

const char* ToString(Role r);
std::optional<Role> ParseRole(std::string_view s);

// The role → permission table: owner and admin may do everything; support may view and edit
// customers; viewer may only view.
bool RoleAllows(Role role, Permission permission);

// Password rules for admin accounts. Returns an empty string when acceptable, otherwise what
// to fix.
std::string PasswordProblem(std::string_view password);

}  // namespace clientele::admins
