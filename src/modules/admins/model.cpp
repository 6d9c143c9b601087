#include "modules/admins/model.hpp"

#include <set>

namespace clientele::admins {

const char* ToString(Role r) {
  switch (r) {
    case Role::kOwner:
      return "owner";
    case Role::kAdmin:
      return "admin";
    case Role::kSupport:
      return "support";
    case Role::kViewer:
      return "viewer";
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
      return permission == Permission::kViewCustomers || permission == Permission::kEditCustomers ||
             permission == Permission::kViewAudit || permission == Permission::kSendMessages ||
             permission == Permission::kLoginAsCustomer ||
             permission == Permission::kManageOrders || permission == Permission::kManageLibrary;
    case Role::kViewer:
      return permission == Permission::kViewCustomers;
  }
  return false;
}

const char* ToString(Permission p) {
  switch (p) {
    case Permission::kViewCustomers:
      return "view_customers";
    case Permission::kEditCustomers:
      return "edit_customers";
    case Permission::kManageGroups:
      return "manage_groups";
    case Permission::kManageAdmins:
      return "manage_admins";
    case Permission::kViewAudit:
      return "view_audit";
    case Permission::kManageSettings:
      return "manage_settings";
    case Permission::kEraseCustomers:
      return "erase_customers";
    case Permission::kSendMessages:
      return "send_messages";
    case Permission::kLoginAsCustomer:
      return "login_as_customer";
    case Permission::kManageMoney:
      return "manage_money";
    case Permission::kManageCatalog:
      return "manage_catalog";
    case Permission::kManageOrders:
      return "manage_orders";
    case Permission::kManageLibrary:
      return "manage_library";
    case Permission::kMergeCustomers:
      return "merge_customers";
    case Permission::kExportCustomers:
      return "export_customers";
    case Permission::kImportCustomers:
      return "import_customers";
  }
  return "";
}

bool MayGrant(Role actor, Role granted) {
  auto rank = [](Role r) {
    switch (r) {
      case Role::kOwner:
        return 3;
      case Role::kAdmin:
        return 2;
      case Role::kSupport:
        return 1;
      case Role::kViewer:
        return 0;
    }
    return 0;
  };
  return rank(actor) >= rank(granted);
}

Role LowerRole(Role a, Role b) { return MayGrant(a, b) ? b : a; }

std::string PasswordProblem(std::string_view password) {
  if (password.size() < 12) return "Use at least 12 characters.";
  if (password.size() > 1024) return "Use at most 1024 characters.";
  std::set<char> distinct(password.begin(), password.end());
  if (distinct.size() < 5) return "Use more different characters.";
  return "";
}

}  // namespace clientele::admins
