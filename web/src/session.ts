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

// Mirrors the server's role table (src/modules/admins/model.cpp); the server decides anyway.
const kRolePermissions: Record<Role, Permission[]> = {
  owner: [
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
  ],
  admin: [
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
  ],
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
