// What every page may need about the signed-in admin: who, what they may do, the store's
// settings, and a way to show a short notice.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Role, SessionAdmin, Settings } from './types';

export type Permission =
  | 'view_customers'
  | 'edit_customers'
  | 'manage_groups'
  | 'manage_admins'
  | 'view_audit'
  | 'manage_settings'
  | 'erase_customers'
  | 'send_messages'
  | 'login_as_customer'
  | 'manage_money'
  | 'manage_orders'
  | 'manage_catalog'
  | 'manage_library'
  | 'merge_customers'
  | 'export_customers'
  | 'import_customers';

// Every permission, in the order the role list names them.
const kPermissionList: Permission[] = [
  'view_customers',
  'edit_customers',
  'manage_groups',
  'manage_admins',
  'view_audit',
  'manage_settings',
  'erase_customers',
  'send_messages',
  'login_as_customer',
  'manage_money',
  'manage_orders',
  'manage_catalog',
  'manage_library',
  'merge_customers',
  'export_customers',
  'import_customers',
];

// Mirrors the server's role table (src/modules/admins/model.cpp); the server decides anyway.
const kRolePermissions: Record<Role, Permission[]> = {
  // Owners and admins may do everything (RoleAllows); what tells them apart is grantableRoles.
  owner: kPermissionList,
  admin: kPermissionList,
  support: [
    'view_customers',
    'edit_customers',
    'view_audit',
    'send_messages',
    'login_as_customer',
    'manage_orders',
    'manage_library',
  ],
  viewer: ['view_customers'],
};

export const kRoles: Role[] = ['owner', 'admin', 'support', 'viewer'];
const kRank: Record<Role, number> = { owner: 3, admin: 2, support: 1, viewer: 0 };

// Roles an admin may hand out: never more than their own.
export function grantableRoles(role: Role): Role[] {
  return kRoles.filter((r) => kRank[r] <= kRank[role]);
}

export function roleAllows(role: Role, permission: Permission): boolean {
  return kRolePermissions[role]?.includes(permission) ?? false;
}

// Each permission in words: what doing it is called ("Managing admins needs…") and what a role
// that has it may do ("Support may … send e-mails").
const kPermissionWords: Record<Permission, { doing: string; may: string }> = {
  view_customers: { doing: 'Viewing customers', may: 'view customers' },
  edit_customers: { doing: 'Creating and editing customers', may: 'create and edit customers' },
  manage_groups: {
    doing: 'Managing groups, tags and segments',
    may: 'manage groups, tags and segments',
  },
  manage_admins: { doing: 'Managing admins', may: 'manage admins and API tokens' },
  view_audit: { doing: 'Reading the audit log', may: 'read the audit log' },
  manage_settings: { doing: 'Changing the store settings', may: 'change the store settings' },
  erase_customers: {
    doing: 'Deleting customers permanently',
    may: 'delete customers permanently',
  },
  send_messages: { doing: 'Sending e-mails', may: 'send e-mails' },
  login_as_customer: { doing: 'Logging in as a customer', may: 'log in as a customer' },
  manage_money: {
    doing: 'Changing wallets and recording payments',
    may: 'change wallets and record payments',
  },
  manage_orders: { doing: 'Managing orders', may: 'manage orders' },
  manage_catalog: { doing: 'Managing the catalog', may: 'manage the catalog' },
  manage_library: { doing: "Managing customers' libraries", may: "manage customers' libraries" },
  merge_customers: { doing: 'Merging customers', may: 'merge customers' },
  export_customers: { doing: 'Exporting customers', may: 'export customers' },
  import_customers: { doing: 'Importing customers', may: 'import customers' },
};

export const kRoleLabels: Record<Role, string> = {
  owner: 'Owner',
  admin: 'Admin',
  support: 'Support',
  viewer: 'Viewer',
};

// How a sentence names one admin of the role: "signed in as a viewer".
const kRoleNouns: Record<Role, string> = {
  owner: 'an owner',
  admin: 'an admin',
  support: 'a support admin',
  viewer: 'a viewer',
};

// "a", "a or b", "a, b or c" (with `last` for the final joint).
function listWords(words: string[], last: string): string {
  if (words.length < 2) return words.join('');
  return `${words.slice(0, -1).join(', ')} ${last} ${words[words.length - 1]}`;
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

// The roles that have `permission`, highest first.
export function rolesAllowing(permission: Permission): Role[] {
  return kRoles.filter((r) => roleAllows(r, permission));
}

// Why an admin of `role` may not do what `permission` guards, and which roles may:
// "Managing admins needs the owner or admin role. You are signed in as a viewer."
export function deniedText(permission: Permission, role: Role): string {
  const roles = listWords(rolesAllowing(permission), 'or');
  return `${kPermissionWords[permission].doing} needs the ${roles} role. You are signed in as ${kRoleNouns[role] ?? role}.`;
}

// What an admin of `role` may do, in a sentence, from the table above and the roles they may
// hand out: an owner does everything, an admin everything except adding or changing owners.
export function roleSummary(role: Role): string {
  const allowed = kPermissionList.filter((p) => roleAllows(role, p));
  if (allowed.length === kPermissionList.length) {
    const above = kRoles.filter((r) => !grantableRoles(role).includes(r));
    if (!above.length) return 'Everything, including adding and changing other owners.';
    const names = above.map((r) => `${kRoleLabels[r].toLowerCase()}s`);
    return `Everything except adding or changing ${listWords(names, 'or')}.`;
  }
  if (allowed.length === 1) return `${capitalized(kPermissionWords[allowed[0]!].may)} only.`;
  return `${capitalized(
    listWords(
      allowed.map((p) => kPermissionWords[p].may),
      'and',
    ),
  )}.`;
}

// The permission each page of the admin needs, by path: an entry covers the paths below it too
// ("/settings" covers "/settings/email-templates"), and a page not listed needs view_customers.
// The sidebar lists only the pages the admin may open; the others show "No access" instead.
const kPagePermissions: Record<string, Permission> = {
  '/customers/new': 'edit_customers',
  '/import': 'import_customers',
  '/audit': 'view_audit',
  '/admins': 'manage_admins',
  '/settings': 'manage_settings',
};

export function pagePermission(path: string): Permission {
  for (let p = path; p; p = p.slice(0, p.lastIndexOf('/'))) {
    const needed = kPagePermissions[p];
    if (needed) return needed;
  }
  return 'view_customers';
}

export interface AppContextValue {
  admin: SessionAdmin;
  settings: Settings;
  can: (permission: Permission) => boolean;
  notify: (message: string) => void;
  setSettings: (settings: Settings) => void;
  signOut: () => void;
}

export const AppContext = createContext<AppContextValue | null>(null);

export function useApp(): AppContextValue {
  const value = useContext(AppContext);
  if (!value) throw new Error('useApp outside AppContext');
  return value;
}
