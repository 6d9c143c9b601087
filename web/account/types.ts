// Shapes of the customer area's API (/api/store/).
import type { Address } from '../src/types';

export type AccountMode = 'optional' | 'required' | 'disabled';

export interface StoreConfig {
  store_name: string;
  account_mode: AccountMode;
  require_verification: boolean;
  sms_available: boolean;
  default_country: string;
  default_language: string;
}

export type SecondFactor = 'none' | 'totp' | 'sms';

// The signed-in shopper.
export interface Me {
  id: string;
  email: string;
  pending_email: string | null;
  first_name: string;
  last_name: string;
  phone: string;
  country: string;
  language: string;
  consent_email: boolean;
  consent_sms: boolean;
  email_verified: boolean;
  registered_at: string;
  // The one asked first at sign-in ('totp' when both are on).
  second_factor: SecondFactor;
  totp_enabled: boolean;
  sms_enabled: boolean;
  recovery_codes_left: number;
  // Signed in with a temporary password an admin set: a new one must be chosen before anything
  // else (the store answers 403 password_change_required meanwhile).
  must_change_password?: boolean;
  deletion_requested_at: string | null;
}

export interface ShopperSession {
  customer: Me;
  csrf_token: string;
  // Recovery codes an admin made for the account, in the answer of this sign-in only.
  recovery_codes?: string[];
}

export type SecondFactorMethod = 'totp' | 'recovery_code' | 'sms';

export interface SecondFactorChallenge {
  challenge: string;
  methods: SecondFactorMethod[];
}

// POST /login: signed in, or a second factor to give first.
export type LoginAnswer = ShopperSession | { second_factor: SecondFactorChallenge };

export interface Accepted {
  status: string;
  detail?: string;
}

// POST /verify (with the account's password): the address is confirmed. A new account is signed
// in at once (customer and csrf_token, with the session cookie) or asked for its second factor
// first; neither when the sign-in part failed. A changed address signs nobody in.
export interface VerifyAnswer {
  status: 'verified' | 'email_changed';
  email: string;
  customer?: Me;
  csrf_token?: string;
  recovery_codes?: string[];
  second_factor?: SecondFactorChallenge;
}

export interface StoreAddressBook {
  items: Address[];
  default_billing_id: string | null;
  default_shipping_id: string | null;
  // The admin's names for the same ids, read too (the store routes share the admin's handlers).
  default_billing_address_id?: string | null;
  default_shipping_address_id?: string | null;
}

// One signed-in device.
export interface DeviceSession {
  id: string;
  device: string;
  ip: string;
  created_at: string;
  last_seen_at: string;
  current: boolean;
}

export interface TotpSetup {
  secret: string;
  uri: string;
  qr_svg: string;
}

export interface RecoveryCodes {
  recovery_codes: string[];
}
