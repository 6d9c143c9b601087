// The per-country address rules the server uses (src/modules/addresses/address_rules.json, the
// same file compiled into the binary): labels, required fields, regions and postal code examples
// for the address form, and the country's line order for its preview. The server checks and
// writes addresses authoritatively; formatLines mirrors its formatter for the live preview.
import rulesText from '../../../src/modules/addresses/address_rules.json?raw';

interface RawRules {
  format?: string[];
  latin_format?: string[];
  required?: string[];
  upper?: string[];
  family_name_first?: boolean;
  city_label?: string;
  postal_code?: {
    used?: boolean;
    required?: boolean;
    label?: string;
    example?: string;
    pattern?: string;
    formats?: string[];
  };
  region?: { used?: boolean; required?: boolean; label?: string; codes?: string[][] };
}

export interface Region {
  code: string;
  name: string;
  local: string; // in the country's script, or ''
}

export interface CountryRules {
  country: string;
  format: string[];
  latinFormat: string[];
  required: string[];
  upper: string[];
  familyNameFirst: boolean;
  cityLabel: string;
  postal: {
    used: boolean;
    required: boolean;
    label: string;
    example: string;
    pattern: RegExp | null;
    formats: string[];
  };
  region: { used: boolean; required: boolean; label: string; regions: Region[] };
}

// The fields of an address the formatter reads.
export interface AddressText {
  first_name: string;
  last_name: string;
  company: string;
  line1: string;
  line2: string;
  city: string;
  region: string;
  region_code: string;
  postal_code: string;
  country: string;
}

const raw = JSON.parse(rulesText) as { default: RawRules; countries: Record<string, RawRules> };

function build(country: string, r: RawRules): CountryRules {
  const postalUsed = r.postal_code?.used ?? true;
  const regionUsed = r.region?.used ?? true;
  return {
    country,
    format: r.format ?? [],
    latinFormat: r.latin_format ?? [],
    required: r.required ?? [],
    upper: r.upper ?? [],
    familyNameFirst: r.family_name_first ?? false,
    cityLabel: r.city_label ?? 'City',
    postal: {
      used: postalUsed,
      required: postalUsed && (r.postal_code?.required ?? false),
      label: r.postal_code?.label ?? 'Postal code',
      example: r.postal_code?.example ?? '',
      pattern: r.postal_code?.pattern ? new RegExp(r.postal_code.pattern) : null,
      formats: r.postal_code?.formats ?? [],
    },
    region: {
      used: regionUsed,
      required: regionUsed && (r.region?.required ?? false),
      label: r.region?.label ?? 'Region',
      regions: (r.region?.codes ?? []).map(([code, name, local]) => ({
        code: code ?? '',
        name: name ?? '',
        local: local ?? '',
      })),
    },
  };
}

// A country's entry over the defaults; postal_code and region merge key by key, as on the server.
function merge(base: RawRules, over: RawRules): RawRules {
  return {
    ...base,
    ...over,
    postal_code: { ...base.postal_code, ...over.postal_code },
    region: { ...base.region, ...over.region },
  };
}

const fallback = build('', raw.default);
const table = new Map<string, CountryRules>(
  Object.entries(raw.countries).map(([code, r]) => [code, build(code, merge(raw.default, r))]),
);

export function rulesFor(country: string): CountryRules {
  return table.get(country.toUpperCase()) ?? fallback;
}

const names = new Intl.DisplayNames(['en'], { type: 'region' });

// A country's name in English, the last line of an address written for a parcel from abroad.
export function countryName(code: string): string {
  if (!/^[A-Za-z]{2}$/.test(code)) return code;
  try {
    return names.of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}

// A postal code in its country's written form when it has the right shape ("sw1a1aa" →
// "SW1A 1AA"), as typed otherwise: the server's normalisation, for the preview.
export function writtenPostalCode(country: string, text: string): string {
  const postal = rulesFor(country).postal;
  const compact = text.replace(/[\s-]/g, '').toUpperCase();
  if (!postal.pattern || !postal.pattern.test(compact)) return text.trim();
  const format = postal.formats.find((f) => f.split('#').length - 1 === compact.length);
  if (!format) return compact;
  let next = 0;
  return format.replace(/#/g, () => compact[next++] ?? '');
}

// The address fields in the order the country writes them (for the form): name, company, line1,
// line2, city, region, postal_code.
export function fieldOrder(rules: CountryRules): string[] {
  const out: string[] = [];
  for (const line of rules.format) {
    for (const m of line.matchAll(/\{(\w+)\}/g)) {
      const f = m[1] === 'region_code' ? 'region' : m[1]!;
      if (!out.includes(f)) out.push(f);
    }
  }
  for (const f of ['name', 'company', 'line1', 'line2', 'city', 'region', 'postal_code']) {
    if (!out.includes(f)) out.push(f);
  }
  return out;
}

const nonLatin = /[^\p{Script=Latin}\p{Script=Common}\p{Script=Inherited}]/u;

function isLatin(text: string): boolean {
  return !nonLatin.test(text);
}

// The region the form chose (a code where the country lists regions, text otherwise) as the
// server writes it: its name in the address's script (東京都 in a Japanese address, Tokyo in a
// romanised one) and its code.
export function resolveRegion(
  a: Omit<AddressText, 'region' | 'region_code'>,
  value: string,
): { region: string; region_code: string } {
  const found = rulesFor(a.country).region.regions.find((r) => r.code === value);
  if (!found) return { region: value, region_code: '' };
  const latin = [a.first_name, a.last_name, a.company, a.line1, a.line2, a.city].every(isLatin);
  return { region: found.local && !latin ? found.local : found.name, region_code: found.code };
}

interface Template {
  prefix: string;
  suffix: string;
  fields: string[];
  separators: string[];
}

function parseTemplate(line: string): Template {
  const t: Template = { prefix: '', suffix: '', fields: [], separators: [] };
  const parts = line.split(/\{(\w+)\}/);
  // split gives [literal, field, literal, field, ..., literal]
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (i % 2 === 1) {
      t.fields.push(part);
    } else if (i === 0) {
      t.prefix = part;
    } else if (i === parts.length - 1) {
      t.suffix = part;
    } else {
      t.separators.push(part);
    }
  }
  return t;
}

function fieldValue(a: AddressText, rules: CountryRules, local: boolean, field: string): string {
  let v = '';
  switch (field) {
    case 'name': {
      const familyFirst = local && rules.familyNameFirst;
      const first = (familyFirst ? a.last_name : a.first_name).trim();
      const second = (familyFirst ? a.first_name : a.last_name).trim();
      const space = familyFirst && !isLatin(first + second) ? '' : ' ';
      v = !first ? second : !second ? first : first + space + second;
      break;
    }
    case 'region_code':
      v = a.region_code || a.region;
      break;
    default:
      v = (a as unknown as Record<string, string>)[field] ?? '';
  }
  v = v.trim();
  return v && rules.upper.includes(field) ? v.toUpperCase() : v;
}

// The address's lines in its country's order (without the country), as the server writes them.
export function formatLines(a: AddressText, withRecipient = true): string[] {
  const rules = rulesFor(a.country);
  const latin =
    rules.latinFormat.length > 0 &&
    [a.first_name, a.last_name, a.company, a.line1, a.line2, a.city, a.region].every(isLatin);
  const out: string[] = [];
  for (const line of latin ? rules.latinFormat : rules.format) {
    const t = parseTemplate(line);
    let text = '';
    let last = -1;
    t.fields.forEach((field, i) => {
      if (!withRecipient && (field === 'name' || field === 'company')) return;
      const v = fieldValue(a, rules, !latin, field);
      if (!v) return;
      if (last < 0) {
        if (i === 0) text += t.prefix;
      } else {
        text += t.separators[last];
      }
      text += v;
      last = i;
    });
    if (last >= 0 && last === t.fields.length - 1) text += t.suffix;
    text = text.trim();
    if (text) out.push(text);
  }
  return out;
}
