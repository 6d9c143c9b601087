#include "modules/admins/model.hpp"

#include <set>

namespace clientele::admins {

const char* ToString(Role r) {
  switch (r) {
    case Role::kOwner: return "owner";
    case Role::kAdmin: return "admin";
    case Role::kSupport: return "support";
    case Role::kViewer: return "viewer";
  }
  return "viewer";
}

std::optional<Role> ParseRole(std::string_view s) {
  if (s == "owner") return Role::kOwner;
  if (s == "admin") return Role::kAdmin;
  if (s == "support") return Role::kSupport;
  if (s == "viewer") return Role::kViewer;
  return std::nullopt;
}

bool RoleAllows(Role role, Permission permission) {
  switch (role) {
    case Role::kOwner:
    case Role::kAdmin:
      return true;
    case Role::kSupport:
      return permission == Permission::kViewCustomers || permission == Permission::kEditCustomers;
    case Role::kViewer:
      return permission == Permission::kViewCustomers;
  }
  return false;
}

std::string PasswordProblem(std::string_view password) {
  if (password.size() < 12) return "Use at least 12 characters.";
  if (password.size() > 1024) return "Use at most 1024 characters.";
  std::set<char> distinct(password.begin(), password.end());
  if (distinct.size() < 5) return "Use more different characters.";
  return "";
}

}  // namespace clientele::admins
