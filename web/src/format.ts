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
