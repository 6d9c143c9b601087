// What the order pages need about money beyond the helpers of format.ts (formatMoney, parseMoney,
// currencyDigits): an amount as the decimal an input holds, and a typed amount read with the
// rules of one field (0 allowed, a sign only where the amount may be negative). Amounts are
// integers in the minor units of an ISO 4217 currency.
import { currencyDigits, formatMoney, parseMoney as readAmount } from './format';

export { formatMoney };

// "12.50" for 1250 USD: the amount as a plain decimal, as an input field would hold it.
export function toDecimal(amount: number, currency: string): string {
  const digits = currencyDigits(currency);
  const sign = amount < 0 ? '-' : '';
  const text = String(Math.abs(Math.trunc(amount))).padStart(digits + 1, '0');
  if (digits === 0) return sign + text;
  return `${sign}${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

// "0", "0.00" or "-0,0": a typed zero within the currency's decimal places.
function isZero(text: string, currency: string): boolean {
  const digits = currencyDigits(currency);
  const m = /^[+-]?(0*)(?:[.,](0*))?$/.exec(text.trim());
  return !!m && /0/.test(text) && (m[2] ?? '').length <= digits;
}

// Why a typed amount cannot be used ('' when it can): format.ts's reasons, a negative amount
// where `signed` is false, and 0 unless `zero`.
export function moneyProblem(
  text: string,
  currency: string,
  { signed = false, zero = false }: { signed?: boolean; zero?: boolean } = {},
): string {
  if (isZero(text, currency)) return zero ? '' : 'Enter an amount other than 0.';
  const read = readAmount(text, currency);
  if (!read.ok) return read.error;
  if (read.minor < 0 && !signed) return 'Enter an amount of 0 or more, without a sign.';
  return '';
}

// The minor units of a typed amount (as moneyProblem allows it), or null.
export function parseMoney(
  text: string,
  currency: string,
  options: { signed?: boolean; zero?: boolean } = {},
): number | null {
  if (moneyProblem(text, currency, options)) return null;
  if (isZero(text, currency)) return 0;
  const read = readAmount(text, currency);
  return read.ok ? read.minor : null;
}
