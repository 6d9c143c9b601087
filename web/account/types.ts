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
  // Store staff may log in as a customer only when the customer allowed it (Privacy).
  assistance_requires_consent: boolean;
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
  // The one asked first at sign-in ('totp' when both are on). This and the other sign-in
  // settings below are null during a store staff visit, which may not see them.
  second_factor: SecondFactor | null;
  totp_enabled: boolean | null;
  sms_enabled: boolean | null;
  recovery_codes_left: number | null;
  // Signed in with a temporary password an admin set: a new one must be chosen before anything
  // else (the store answers 403 password_change_required meanwhile).
  must_change_password?: boolean | null;
  deletion_requested_at: string | null;
  // The shopper allows store staff to sign in to the account to help (asked when the store
  // requires it).
  assistance_allowed?: boolean;
}

// A store staff visit: an admin signed in as the customer (Log in as customer), until expires_at.
export interface Assisted {
  admin_name: string;
  expires_at: string;
}

export interface ShopperSession {
  customer: Me;
  csrf_token: string;
  // Set while an admin is signed in as the customer.
  assisted?: Assisted | null;
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
  // A store staff visit: the admin's name.
  assisted_by?: string | null;
}

export interface TotpSetup {
  secret: string;
  uri: string;
  qr_svg: string;
}

export interface RecoveryCodes {
  recovery_codes: string[];
}

export type StoreOrderStatus = 'open' | 'fulfilled' | 'cancelled';
export type StorePaymentStatus = 'pending' | 'paid' | 'partially_refunded' | 'refunded';

// An order as the shopper (or anyone with its view link) sees it: no customer data. Money in
// minor units of its currency.
export interface PublicOrder {
  number: string;
  status: StoreOrderStatus;
  payment_status: StorePaymentStatus;
  currency: string;
  subtotal: number;
  discount: number;
  shipping: number;
  tax: number;
  total: number;
  paid: number;
  refunded: number;
  due: number;
  placed_at: string;
  items: Array<{ sku: string; name: string; quantity: number; unit_price: number; total: number }>;
}

// One of the shopper's own orders: with its id, its view link and, while payment is pending and
// the store takes payments online, where to pay.
export interface MyOrder extends PublicOrder {
  id: string;
  view_url?: string;
  payment_url?: string | null;
}

// How a product came into the shopper's library.
export type LibraryMethod = 'purchase' | 'gift' | 'manual';

// One product in the shopper's library (active ones only); a bundle's contents each have their
// own entry, with `via` the bundle.
export interface LibraryEntry {
  id: string;
  product: { id: string; sku: string; name: string; package_type: string | null };
  via: { sku: string; name: string } | null;
  method: LibraryMethod;
  order: { id: string; number: string } | null;
  granted_at: string;
  active: boolean;
}

// A file the shopper may download now.
export interface LibraryFile {
  id: string;
  name: string;
  size_bytes: number;
  media_type: string;
  product: { id: string; name: string };
}

// GET /me/library. With `all_access`, `files` holds every digital product's files, also of
// products not in `items`.
export interface MyLibrary {
  all_access: boolean;
  items: LibraryEntry[];
  files: LibraryFile[];
}

// A signed download link, valid for a few minutes.
export interface DownloadLink {
  url: string;
  expires_at: string;
}

export type WishState = 'open' | 'purchased' | 'removed';

// A product on the shopper's wishlist; once bought, with the order. Money in minor units.
export interface Wish {
  id: string;
  product: {
    id: string;
    sku: string;
    name: string;
    image_url: string;
    price: number;
    currency: string;
  };
  state: WishState;
  added_at: string;
  removed_at: string | null;
  purchased_at: string | null;
  order: { id: string; number: string } | null;
}

// A product of the store's catalog, as the customer area finds it (GET /products?q=).
export interface StoreProduct {
  id: string;
  sku: string;
  name: string;
  price: number;
  currency: string;
  image_url: string;
  digital: boolean;
}
