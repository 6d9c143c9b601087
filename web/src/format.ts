// Dates and numbers for display. Dates are shown in the store's time zone (Settings).

let timeZone = 'UTC';
const cache = new Map<string, Intl.DateTimeFormat>();

export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export function setTimeZone(tz: string | undefined): void {
  timeZone = tz && isValidTimeZone(tz) ? tz : 'UTC';
}

export function currentTimeZone(): string {
  return timeZone;
}

// The language the admin's words are in (the page's lang): names of countries and languages are
// given in it.
export function uiLanguage(): string {
  return document.documentElement.lang || 'en';
}

function formatter(kind: 'date' | 'datetime' | 'time'): Intl.DateTimeFormat {
  const key = `${kind}|${timeZone}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(undefined, {
      timeZone,
      ...(kind === 'time' ? {} : { year: 'numeric', month: 'short', day: 'numeric' }),
      ...(kind === 'date' ? {} : { hour: '2-digit', minute: '2-digit' }),
    });
    cache.set(key, f);
  }
  return f;
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : formatter('datetime').format(d);
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : formatter('date').format(d);
}

// The time of day only, for something later today (the end of a 30-minute visit).
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : formatter('time').format(d);
}

const numbers = new Intl.NumberFormat();

export function formatNumber(n: number): string {
  return numbers.format(n);
}

// "1 customer", "2,345 customers".
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatNumber(n)} ${n === 1 ? one : many}`;
}

// ---------------------------------------------------------------------------------------------
// Names.

// Chinese, Japanese and Korean letters: names in these scripts are written family name first.
const kFamilyNameFirstScripts =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

function writtenFamilyNameFirst(text: string): boolean {
  return kFamilyNameFirstScripts.test(text);
}

// A person's full name in the order their script writes it: "山崎 翔", "황 하준", but
// "Greta Schmidt"; '' when neither part is given.
export function fullName(first: string, last: string): string {
  const given = first.trim();
  const family = last.trim();
  const parts = writtenFamilyNameFirst(given + family) ? [family, given] : [given, family];
  return parts.filter(Boolean).join(' ');
}

// What the UI calls a customer: the full name, else the e-mail address, the phone number or
// the id.
export function customerName(c: {
  first_name: string;
  last_name: string;
  email: string;
  phone?: string;
  id?: string;
}): string {
  return fullName(c.first_name, c.last_name) || c.email || c.phone || c.id || '';
}

// ---------------------------------------------------------------------------------------------
// Money: integer minor units (cents) and an ISO 4217 code, as the server keeps them. Typed
// amounts are read digit by digit into an integer, never through floating point.

// Whether `code` is a currency code the browser knows (three capitals, such as EUR).
export function isCurrencyCode(code: string): boolean {
  if (!/^[A-Z]{3}$/.test(code)) return false;
  try {
    new Intl.NumberFormat('en', { style: 'currency', currency: code });
    return true;
  } catch {
    return false;
  }
}

// The minor-unit digits of a currency: 2 for EUR, 0 for JPY, 3 for KWD (2 for an unknown code).
export function currencyDigits(currency: string): number {
  if (!isCurrencyCode(currency)) return 2;
  const nf = new Intl.NumberFormat('en', { style: 'currency', currency });
  return nf.resolvedOptions().maximumFractionDigits ?? 2;
}

// "1250" with 2 digits → "12.50"; "-5" with 2 digits → "-0.05".
function decimalText(minor: number, digits: number): string {
  const sign = minor < 0 ? '-' : '';
  const text = String(Math.abs(Math.trunc(minor))).padStart(digits + 1, '0');
  if (digits === 0) return sign + text;
  return `${sign}${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

const moneyFormats = new Map<string, Intl.NumberFormat>();

// 1250 EUR → "€12.50" (in the browser's language); `signed` adds "+" to a positive amount.
export function formatMoney(minor: number, currency: string, signed = false): string {
  if (!isCurrencyCode(currency)) return `${decimalText(minor, 2)} ${currency}`;
  const key = `${currency}|${signed}`;
  let nf = moneyFormats.get(key);
  if (!nf) {
    nf = new Intl.NumberFormat(undefined, {
      style: 'currency',
      currency,
      signDisplay: signed ? 'exceptZero' : 'auto',
    });
    moneyFormats.set(key, nf);
  }
  // A decimal string is formatted exactly, without passing through a binary fraction.
  const format = nf.format as unknown as (value: string) => string;
  return format.call(nf, decimalText(minor, currencyDigits(currency)));
}

export type ParsedMoney = { ok: true; minor: number } | { ok: false; error: string };

// The most digits a typed amount may have, so that it stays an exact integer.
const kMaxAmountDigits = 15;

// A typed amount ("12.50", "-5", "12,50", "+1 000") in minor units of `currency`; a negative
// amount keeps its sign. Explains what is wrong with anything else.
export function parseMoney(text: string, currency: string): ParsedMoney {
  const digits = currencyDigits(currency);
  const cleaned = text
    .trim()
    .replace(/[\s\u00a0\u202f']/g, '')
    .replace(/^\u2212/, '-');
  if (!cleaned) return { ok: false, error: 'Enter an amount.' };
  const m = /^([+-]?)(\d*)(?:[.,](\d*))?$/.exec(cleaned);
  if (!m || (!m[2] && !m[3])) {
    const example = digits > 0 ? `such as 12.${'5'.padEnd(digits, '0')}` : 'such as 1200';
    return { ok: false, error: `Enter the amount in digits, ${example}.` };
  }
  const whole = m[2] ?? '';
  const fraction = m[3] ?? '';
  if (fraction.length > digits) {
    return {
      ok: false,
      error:
        digits === 0
          ? `${currency} amounts have no decimal places.`
          : `${currency} amounts have at most ${digits} decimal place${digits === 1 ? '' : 's'}.`,
    };
  }
  const units = (whole + fraction.padEnd(digits, '0')).replace(/^0+/, '');
  if (units.length > kMaxAmountDigits) return { ok: false, error: 'This amount is too large.' };
  if (!units) return { ok: false, error: 'Enter an amount other than 0.' };
  const minor = Number(units);
  return { ok: true, minor: m[1] === '-' ? -minor : minor };
}

// ---------------------------------------------------------------------------------------------
// Calendar days in the store's time zone (the date inputs of forms).

// How far the store's time zone is ahead of UTC at `at` (ms since the epoch), in ms.
function zoneOffset(at: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(at));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
  return wall + get('second') * 1000 - (at - (((at % 1000) + 1000) % 1000));
}

// The instant a day ("2026-11-23") begins in the store's time zone, as ISO 8601 in UTC.
export function startOfDay(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  const wall = Date.UTC(y!, m! - 1, d!);
  let at = wall - zoneOffset(wall);
  at = wall - zoneOffset(at); // again, in case a clock change lies between
  return new Date(at).toISOString().replace(/\.000Z$/, 'Z');
}

// Today in the store's time zone, moved by `days`, as "2026-11-23".
export function dayFromToday(days = 0): string {
  const now = Date.now();
  const today = new Date(now + zoneOffset(now));
  today.setUTCDate(today.getUTCDate() + days);
  return today.toISOString().slice(0, 10);
}

// The day after `date` ("2026-11-23" → "2026-11-24").
export function dayAfter(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! + 1)).toISOString().slice(0, 10);
}

// Whole days from now until `iso`, rounded up (0 once it has passed).
export function daysUntil(iso: string): number {
  const ms = Date.parse(iso) - Date.now();
  return ms > 0 ? Math.ceil(ms / 86_400_000) : 0;
}
