// Shapes of the admin API's JSON (see docs/openapi.json).

export type Role = 'owner' | 'admin' | 'support' | 'viewer';

export interface SessionAdmin {
  id: string;
  email: string;
  name: string;
  role: Role;
  totp_enabled: boolean;
}

export interface Session {
  admin: SessionAdmin;
  csrf_token: string;
}

// How the store takes customer accounts: optional (register or check out as a guest), required
// (no guest checkout records), disabled (guest checkout only; the customer area is closed).
export type AccountMode = 'optional' | 'required' | 'disabled';

export interface Settings {
  store_name: string;
  default_country: string;
  default_language: string;
  time_zone: string;
  account_mode: AccountMode;
  require_verification: boolean; // shoppers verify their e-mail address before signing in
  // Login as customer only for customers who allowed it in their account (Privacy).
  assistance_requires_consent: boolean;
  // ISO 4217 code of the store's currency (USD by default).
  currency: string;
  // Where a customer pays a pending order: a URL with {number} {id} {token} {total} {currency};
  // empty for no payment links.
  payment_url_template: string;
  // Accounts whose spam score (from the last scan) is at least this (1-100) are suspected spam.
  spam_threshold?: number;
}

export type CustomerStatus = 'active' | 'inactive' | 'banned';

// Why the store banned a customer (the labels are in pages/bans.tsx).
export type BanReason =
  'refused_deliveries' | 'return_abuse' | 'abusive_to_staff' | 'fake_orders' | 'other';

// The ban of a banned customer: the reason, the note added to it in the ban_notice e-mail, and
// who banned (an admin or an API token: type 'admin' | 'api_token', its id, and the admin's name,
// empty for a token) when.
export interface Ban {
  reason: BanReason;
  note: string;
  banned_by: { type: string; id: string; name?: string };
  banned_at: string;
}

export interface Customer {
  id: string;
  kind: 'registered' | 'guest';
  status: CustomerStatus;
  ban: Ban | null; // set while the status is banned
  first_name: string;
  last_name: string;
  full_name: string;
  email: string;
  phone: string;
  country: string;
  language: string;
  company: string;
  fax: string;
  note: string;
  custom_fields: Record<string, string>;
  commission_reduced_percent: number;
  library_all_access: boolean;
  member_directory_access: boolean;
  email_marketing_consent: boolean;
  sms_marketing_consent: boolean;
  messenger_marketing_consent: boolean;
  // When each consent was last given or withdrawn; null when unknown (absent from older servers).
  email_marketing_consent_at?: string | null;
  sms_marketing_consent_at?: string | null;
  messenger_marketing_consent_at?: string | null;
  group_id: string;
  group_name: string;
  tags: string[];
  registered_at: string;
  registration_ip: string;
  updated_at: string;
  last_login_at: string | null;
  last_login_ip: string;
  last_activity_at: string | null;
  version: number;
  // Order statistics: orders that count (not cancelled), what they paid net of refunds in the
  // store's currency (minor units), and when the first and last were placed.
  orders_count?: number;
  total_spent?: number;
  // Store credit held, per currency (booked balances; currencies at zero left out).
  balances?: Array<{ currency: string; amount: number }>;
  first_order_at?: string | null;
  last_order_at?: string | null;
  // From the address book: summaries everywhere, the addresses themselves on one customer.
  billing_address_summary?: string | null;
  shipping_address_summary?: string | null;
  shipping_same_as_billing?: boolean;
  default_billing_address?: Address | null;
  default_shipping_address?: Address | null;
  // In a search's results (GET /api/admin/customers?q=), what the query matched when the row
  // does not show it.
  match?: SearchMatch;
}

// A field a customer search matched that the list does not show: the company, the city or
// postal code of a default address, or the Latin spelling of a name in another script
// ("Nikolaev" for Николаев).
export interface SearchMatch {
  field: 'company' | 'city' | 'postal_code' | 'latin_name';
  value: string;
}

// A customer's sign-in account (GET /api/admin/customers/{id}/account); a guest record answers
// with has_password false and nothing else set.
export interface CustomerAccount {
  email_verified: boolean;
  email_verified_at: string | null;
  has_password: boolean;
  // The password is a temporary one an admin set: the next sign-in must replace it.
  must_change_password?: boolean;
  pending_email: string | null;
  second_factor: 'none' | 'totp' | 'sms';
  // Which second factors are on (absent from servers before SMS codes).
  totp_enabled?: boolean;
  sms_enabled?: boolean;
  recovery_codes_left: number;
  sessions: { active: number; last_seen_at: string | null };
  deletion_requested_at: string | null;
  // The customer allows store staff to log in as them (asked when the settings require it).
  assistance_allowed?: boolean;
}

// A dated note by the store's staff on a customer (GET /api/admin/customers/{id}/notes), newest
// first. The author is the admin who wrote it (through one of their API tokens when via_token is
// set); updated_at is set once the note was edited.
export interface StaffNote {
  id: string;
  body: string;
  author: { id: string; name: string; via_token: string | null };
  created_at: string;
  updated_at: string | null;
  version: number;
}

export interface Address {
  id: string;
  customer_id: string;
  label: string;
  first_name: string;
  last_name: string;
  company: string;
  kind: 'residential' | 'business';
  line1: string;
  line2: string;
  city: string;
  region: string;
  region_code: string;
  postal_code: string;
  country: string;
  phone: string;
  delivery_note: string;
  default_billing: boolean;
  default_shipping: boolean;
  formatted: string[];
  summary: string;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface AddressBook {
  customer_id: string;
  items: Address[];
  default_billing_address_id: string | null;
  default_shipping_address_id: string | null;
  shipping_same_as_billing: boolean;
  version: number;
}

export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

export interface CustomerPage extends Page<Customer> {
  total?: number;
  total_exact?: boolean;
}

export interface Group {
  id: string;
  name: string;
  is_default: boolean;
  customer_count: number;
  created_at?: string;
  updated_at?: string;
}

export interface Tag {
  id: string;
  name: string;
  customer_count: number;
  created_at?: string;
}

export interface ActivityEvent {
  id: string | number;
  occurred_at: string;
  actor_type: string;
  actor_id: string;
  actor_name: string;
  action: string;
  changes: Record<string, unknown> | null;
  // Set when an admin logged in as the customer did this: the actor is the customer, this the
  // admin (id empty for those who see the timeline only).
  assisted_by?: { id: string; name: string } | null;
}

export interface AuditEvent extends ActivityEvent {
  target_type: string;
  target_id: string;
  // What the target is called now (a customer's name, else its e-mail; a group's, a token's…);
  // '' when it has no name or is gone (erased, deleted).
  target_name: string;
  ip: string;
  user_agent: string;
}

export interface AdminUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  status: 'active' | 'disabled';
  created_at: string;
  last_login_at: string | null;
  totp_enabled?: boolean;
  // Invited by e-mail and not accepted yet: cannot sign in until they choose a password.
  invited?: boolean;
}

export interface ApiToken {
  id: string;
  name: string;
  role: Role;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface CreatedToken {
  id: string;
  name: string;
  role: Role;
  secret: string;
}

export type BulkAction = 'assign_group' | 'add_tags' | 'remove_tags' | 'deactivate' | 'restore';

export type MessageStatus = 'queued' | 'sent' | 'failed';

export interface Message {
  id: string;
  customer_id: string | null;
  channel: 'email' | 'sms';
  to: string;
  to_name: string;
  subject: string;
  template: string;
  language: string;
  message_id: string;
  status: MessageStatus;
  attempts: number;
  last_error: string | null;
  next_attempt_at: string | null;
  resend_of: string | null;
  created_by: { type: string; id: string | null };
  created_at: string;
  updated_at: string;
  sent_at: string | null;
  body_text?: string;
  body_html?: string | null;
}

export interface Delivery {
  configured: boolean;
  server: string | null;
  note: string | null;
}

// How e-mail leaves the store (GET/PUT /api/admin/settings/email). The password is never sent
// back; `overridden` means the server's command-line options are in force instead.
export type EmailTls = 'none' | 'starttls' | 'tls';

export interface EmailSettings {
  host: string;
  port: number;
  tls: EmailTls;
  user: string;
  password_set: boolean;
  from_address: string;
  from_name: string;
  overridden: boolean;
  configured: boolean;
  server: string; // "host:port (tls)" of what sends now, or ""
}

export interface MessagePage extends Page<Message> {
  delivery: Delivery;
}

export interface EmailTemplateInfo {
  template: string;
  title: string;
  placeholders: string[];
  languages: string[];
}

export interface EmailTemplate {
  template: string;
  language: string;
  custom: boolean;
  subject: string;
  body_text: string;
  body_html: string;
  updated_at: string | null;
}

// One signed-in device of a customer (GET /api/admin/customers/{id}/sessions).
export interface CustomerSession {
  id: string;
  device: string;
  ip: string;
  created_at: string;
  last_seen_at: string;
  // A store staff visit (Log in as customer): the admin's name.
  assisted_by?: string | null;
}

// The answer of Log in as customer: this browser is signed in to the customer area at `url`.
export interface AssistedVisit {
  url: string;
  customer_id: string;
  expires_at: string;
}

export type BlacklistKind = 'phone' | 'email' | 'domain' | 'ip';

// An entry of the store's blacklist: a match refuses registration, sign-in and guest records.
export interface BlacklistEntry {
  id: string;
  kind: BlacklistKind;
  value: string;
  reason: string;
  added_by: { type: string; id: string; name: string };
  created_at: string;
  updated_at: string;
  refusals: number;
  last_refusal_at: string | null;
}

export type OrderType = 'online' | 'phone' | 'pos' | 'manual';
export type OrderStatus = 'open' | 'fulfilled' | 'cancelled';
export type PaymentStatus = 'pending' | 'paid' | 'partially_refunded' | 'refunded';

export interface OrderItem {
  sku: string;
  name: string;
  quantity: number;
  unit_price: number;
  total: number;
}

// An order; money in minor units of its currency. The addresses are as they were at the order.
export interface Order {
  id: string;
  number: string;
  customer_id: string;
  type: OrderType;
  status: OrderStatus;
  payment_status: PaymentStatus;
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
  billing_address: Record<string, string>;
  shipping_address: Record<string, string>;
  items: OrderItem[];
  // The public view link, and while payment is pending (and the store has a template) where the
  // customer pays; absent for those who may not copy them.
  view_url?: string;
  payment_url?: string | null;
  created_at: string;
  updated_at: string;
  version: number;
}

// A payment or refund of an order, or a manual entry (signed) on the customer.
export interface Transaction {
  id: string;
  kind: 'payment' | 'refund' | 'manual';
  amount: number;
  currency: string;
  method: string;
  description: string;
  order_id: string | null;
  order_number: string;
  created_at: string;
  created_by: { type: string; name: string };
}

export type PackageType = 'file' | 'bundle' | 'combo';

export interface Product {
  id: string;
  sku: string;
  name: string;
  price: number;
  currency: string;
  digital: boolean;
  // Digital products: a file (or files), a bundle or a combo of other products; null otherwise.
  package_type?: PackageType | null;
}

// Wallet (store credit): an append-only ledger per customer and currency, in minor units.
export type WalletEntryKind = 'credit' | 'debit' | 'expiry';

export interface WalletEntry {
  id: string;
  kind: WalletEntryKind;
  amount: number; // minor units, positive
  change: number; // signed: positive for a credit
  currency: string;
  reason: string;
  order_ref: string;
  created_at: string;
  created_by?: { type: string; name: string }; // not in the customer area
  // Credits only:
  expires_at?: string | null;
  expired?: boolean;
  remaining?: number;
}

export interface WalletBalance {
  currency: string;
  available: number;
  credits: WalletEntry[]; // open credits, soonest to expire first
}

export interface Wallet {
  balances: WalletBalance[];
  history: WalletEntry[]; // newest first
}

export interface WalletChange {
  entry: WalletEntry;
  balance: number;
  currency: string;
}

export interface WalletHistoryItem extends WalletEntry {
  customer: { id: string; name: string; email: string; phone: string };
}

// Digital goods: a customer's library (what they may download), download log and wishlist.
export type LibraryMethod = 'purchase' | 'gift' | 'manual';
// Why an entry no longer gives access: its order was refunded or cancelled, an admin revoked it,
// or a rebuild found no order that grants it.
export type LibraryRevokedReason = 'order' | 'admin' | 'rebuild';

export interface LibraryEntry {
  id: string;
  product: { id: string; sku: string; name: string; package_type: PackageType | null };
  via: { sku: string; name: string } | null; // the bundle or combo it came with
  method: LibraryMethod;
  order: { id: string; number: string } | null;
  note: string;
  granted_at: string;
  active: boolean;
  revoked_at: string | null;
  revoked_reason: LibraryRevokedReason | null;
  granted_by: { type: string; name: string };
  version: number;
}

export interface Library {
  all_access: boolean; // the customer may download every digital product
  items: LibraryEntry[];
}

// What a rebuild changed: entries granted, restored (revoked before, given back) and revoked.
export interface RebuildReport {
  customers: number;
  granted: number;
  restored: number;
  revoked: number;
  unchanged: number;
}

export interface DownloadRecord {
  product: { id: string; name: string };
  file_name: string;
  range_start: number; // 0 for a download from the first byte, else where a resume started
  bytes: number;
  ip: string;
  user_agent: string;
  downloaded_at: string;
}

export type WishState = 'open' | 'purchased' | 'removed';

export interface WishlistItem {
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

export interface CustomerWishlist {
  items: WishlistItem[];
  wished: number;
  open: number;
  purchased: number;
  removed: number;
  conversion_rate: number; // 0..1: purchased of wished
}

export interface MostWishedProduct {
  product: { id: string; sku: string; name: string };
  wished: number;
  open: number; // on wishlists now
  purchased: number;
  conversion_rate: number;
}

// A background job (library rebuilds; later imports, exports and cleanups): its state, progress
// (done of total) and result, which each kind shapes its own way.
export type JobState = 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';

export interface Job {
  id: string;
  kind: string;
  state: JobState;
  done: number;
  total: number;
  params?: Record<string, unknown>;
  result: Record<string, unknown>;
  error: string | null;
  cancel_requested: boolean;
  resumed: boolean; // taken up again after a restart
  started_by: { type: string; id: string; name: string };
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  updated_at: string;
}

// The result of a customer export job once it has succeeded: the file, ready to download.
export interface CustomerExportResult {
  rows: number;
  file_name: string; // "customers-2026-12-03.csv"
  download: string; // "/api/admin/exports/job_…/file"
  format: string; // "csv"
}

// An uploaded import file (POST /api/admin/imports/files, then …/parts): the bytes received so
// far and, once the last part is in, what the file was read as.
export interface ImportFile {
  id: string; // "imf_…"
  size: number; // bytes received so far: the offset of the next part
  complete: boolean;
  // When complete:
  separator?: ',' | ';';
  format?: string; // "shopify", "magento_customer", "clientele", "other", …
  format_name?: string; // "Shopify customer export"
  columns?: ImportColumn[];
  sample?: string[][]; // the first rows after the header (up to 5)
  problem?: string | null; // why the start of the file cannot be read
}

// A column of an import file and what the server's plan makes of it: its target ("" when it is
// not imported, with the reason when the file's format knows one).
export interface ImportColumn {
  header: string;
  target: string; // a key of GET /api/admin/imports/targets, "custom_fields.<name>" or ""
  reason: string;
}

// A field a column may fill (GET /api/admin/imports/targets).
export interface ImportTarget {
  key: string;
  label: string;
}

// The result of a customer import job, while it runs and at the end. `phase`: "count" while the
// file is first read through, "check" while an all-or-nothing import checks every row before it
// writes any, "apply" while the rows are imported (or tried, in a dry run).
export interface CustomerImportResult {
  dry_run: boolean;
  phase?: string;
  rows: number; // data rows processed
  created: number;
  updated: number;
  unchanged: number;
  skipped: number; // rows with errors, not imported
  errors: number; // entries in the error report
  errors_download?: string; // "/api/admin/imports/job_…/errors", when errors > 0
}

// One side of a merge (POST /api/admin/customers/{id}/merge/preview and /merge).
export interface MergeParty {
  id: string;
  name: string;
  email: string;
  kind: 'registered' | 'guest';
  status: CustomerStatus;
}

// A customer merged into the survivor: what moves to the survivor, and what ends with it.
export interface MergedCustomer extends MergeParty {
  moves: {
    orders: number;
    transactions: number;
    wallet_entries: number;
    balances: Array<{ currency: string; amount: number }>;
    library_entries: number;
    downloads: number;
    wishlist_items: number;
    addresses: number;
    tags: string[];
    messages: number;
    note: boolean;
  };
  ends: { sessions: number; sign_in_account: boolean };
}

// A profile value on the wire: text, a number (commission_reduced_bp) or a yes/no.
export type MergeFieldValue = string | number | boolean;

// The summary of a merge: the preview's, or what a merge did (the survivor as stored then).
export interface MergeSummary {
  survivor: MergeParty;
  merged: MergedCustomer[];
  // Store credit per currency: the survivor's now and after the merge (the sum).
  balances: Array<{ currency: string; survivor: number; after: number }>;
  // Fields both sides have with different values; the survivor's stays unless `fields` picks one.
  conflicts: Array<{
    field: string;
    survivor: MergeFieldValue;
    values: Array<{ id: string; value: MergeFieldValue }>;
  }>;
  // The survivor's empty fields, filled from a merged customer.
  filled: Array<{ field: string; from: string; value: MergeFieldValue }>;
  warnings: string[];
  // The picks sent: field name -> the id of the customer whose value is taken.
  fields: Record<string, string>;
}

// A customer as the duplicate lists show one (GET /api/admin/duplicates and
// /api/admin/customers/{id}/duplicates).
export interface DuplicateBrief {
  id: string;
  full_name: string;
  email: string;
  phone: string;
  kind: Customer['kind'];
  status: CustomerStatus;
  registered_at: string;
  orders_count: number;
}

// Why two customers look like one person (the words are in pages/duplicates.tsx), with the
// reason's own score from 0 to 1.
export type DuplicateReasonCode =
  'same_email' | 'similar_email' | 'same_phone' | 'same_name_postal_code' | 'same_name_city';

export interface DuplicateReason {
  code: DuplicateReasonCode | string;
  score: number;
}

// A likely duplicate of one customer (its profile): the other customer, the combined score and
// the reasons.
export interface DuplicateCandidate {
  customer: DuplicateBrief;
  score: number;
  reasons: DuplicateReason[];
}

// A likely duplicate pair, store-wide: `customer` is the older of the two.
export interface DuplicatePair extends DuplicateCandidate {
  other: DuplicateBrief;
}

export interface DuplicatePairList {
  items: DuplicatePair[]; // best first
  pairs_found: number; // all the pairs there are, beyond the ones listed
}

// Audit and cleanup (GET /api/admin/cleanup/…; the page is pages/cleanup.tsx).
export type CleanupInterval = 'day' | 'week' | 'month';
export type CleanupScope = 'unused' | 'spam';

// Registrations in one day, week (from Monday) or month of the store's time zone: `date` is its
// first day ("2026-12-01"), `start` the instant that day begins.
export interface RegistrationBucket {
  date: string;
  start: string;
  registrations: number;
  suspected_spam: number;
}

// Active: orders, library items, wishlist items or a customer-area sign-in; unused: none of
// those; suspected spam: a score from the last scan of at least `spam_threshold`. Percentages of
// the total with one decimal.
export interface CleanupMetrics {
  total: number;
  active: number;
  unused: number;
  suspected_spam: number;
  percent: { active: number; unused: number; suspected_spam: number };
  spam_threshold: number;
  last_scan: Job | null; // the newest spam scan (kind spam_scan)
  interval: CleanupInterval;
  time_zone: string; // the store's, whose days the buckets are
  registrations: RegistrationBucket[]; // oldest first: 30 days, 26 weeks or 24 months
}

// The result of a spam scan job.
export interface SpamScanResult {
  scanned: number;
  scored: number;
  suspected_spam: number;
  threshold: number;
}

// One reason an account looks like spam, with its share of the score (the words are in
// pages/cleanup.tsx) and what it saw ("mailinator.com"), empty when there is nothing to add.
export interface SpamSignal {
  code: string;
  points: number;
  detail: string;
}

// An account a cleanup would delete: unused, or suspected spam; never one with orders or money.
export interface CleanupCandidate {
  id: string;
  full_name: string;
  email: string;
  kind: Customer['kind'];
  status: CustomerStatus;
  registered_at: string;
  registration_ip: string;
  spam_score: number; // from the last scan; 0 when it found nothing
  signals: SpamSignal[];
}

export interface CleanupCandidatePage extends Page<CleanupCandidate> {
  matching: number; // every candidate of the review, not only this page
}

// Why a cleanup kept an account it had chosen.
export type CleanupKeptReason = 'has_orders' | 'has_money' | 'now_active' | 'gone';

// The result of a cleanup job.
export interface CleanupResult {
  deleted: number;
  kept: Partial<Record<CleanupKeptReason, number>>;
}

// A network (subnet) that registered two or more suspected spam accounts.
export interface Offender {
  subnet: string;
  accounts: number;
  last_registered_at: string;
  ips: Array<{ ip: string; accounts: number }>; // most accounts first, at most 5
  // The IP entry of the blacklist covering the network or its busiest address.
  blocked_by: { id: string; value: string; refusals: number; last_hit_at: string | null } | null;
}

// The owner's change of a disposable e-mail domain: listed or not, against the shipped list.
export interface DisposableDomainChange {
  domain: string;
  listed: boolean;
  shipped: boolean;
  changed_at: string;
}

export interface DisposableDomains {
  shipped: number; // domains on the list Clientele ships
  listed: number; // domains on the list with the owner's changes
  changes: DisposableDomainChange[];
  matches: string[]; // listed domains that match the search
}

// A field of the customer filter language (GET /api/admin/filter-fields), for the editor's
// completion. `type` decides how values are written: enum (one of `values`), name (a group or
// tag name, or a product's SKU, in quotes), country, language, text, fragment (CONTAINS only),
// date (2026-01-01 or -90d), number, money (in the store's currency) and boolean.
export interface FilterField {
  name: string;
  type: string;
  operators: string[];
  values: string[];
  about: string;
}

// A saved segment: a name for a filter of the customer list.
export interface Segment {
  id: string; // "seg_…"
  name: string;
  filter: string;
  created_by: { type: string; id: string; name: string };
  created_at: string;
  updated_at: string;
  version: number;
}

// The Insights page's figures (GET /api/admin/insights). Months are of the store's calendar
// ("2026-07"), the last 12, oldest first.
export interface Insights {
  generated_at: string;
  rfm_computed_at: string | null; // null: the RFM scores were never computed
  activity: Array<{ level: string; customers: number }>;
  rfm: Array<{ group: string; customers: number }>;
  without_scores: number; // customers with orders and no scores yet
  months: Array<{ month: string; registrations: number; first_orders: number }>;
  // buying[k]: customers whose first order was in `month` with an order k months later
  // (buying[0] is `customers`).
  cohorts: Array<{ month: string; customers: number; buying: number[] }>;
  at_risk: Array<{
    id: string;
    first_name: string;
    last_name: string;
    email: string;
    orders_count: number;
    total_spent: number; // minor units of the store's currency
    last_order_at: string | null;
  }>;
}
