// The IANA time zones the browser knows, for the store's time zone: found by city ("Berlin"),
// region, the zone's id ("Europe/Berlin") or its long name in the admin's language ("Central
// European Standard Time"), and reported as the id.
import { uiLanguage } from './format';
import { codeSource, type PickerEntry, type PickerSource } from './pick-list';

function zoneIds(): string[] {
  const intl = Intl as typeof Intl & { supportedValuesOf?: (k: string) => string[] };
  const zones = intl.supportedValuesOf ? intl.supportedValuesOf('timeZone') : [];
  return ['UTC', ...zones.filter((z) => z !== 'UTC')];
}

let known: Map<string, string> | null = null; // lower-case id → id
function ids(): Map<string, string> {
  if (!known) known = new Map(zoneIds().map((z) => [z.toLowerCase(), z]));
  return known;
}

// "Berlin (Europe)", "Argentina / Buenos Aires (America)"; a zone without a region by its long
// name ("Coordinated Universal Time").
function zoneName(id: string): string {
  const parts = id.replace(/_/g, ' ').split('/');
  if (parts.length === 1) return longName(id) || parts[0]!;
  return `${parts.slice(1).join(' / ')} (${parts[0]})`;
}

function longName(id: string): string {
  try {
    const parts = new Intl.DateTimeFormat(uiLanguage(), {
      timeZone: id,
      timeZoneName: 'long',
    }).formatToParts(new Date());
    return parts.find((p) => p.type === 'timeZoneName')?.value ?? '';
  } catch {
    return '';
  }
}

function entries(): PickerEntry[] {
  return zoneIds().map((id) => ({
    code: id,
    name: zoneName(id),
    terms: [id, id.replace(/_/g, ' '), longName(id)].filter((t) => !!t),
  }));
}

export const kTimeZones: PickerSource = codeSource({
  noun: 'time zone',
  plural: 'time zones',
  entries,
  name: (id) => (ids().has(id.toLowerCase()) ? zoneName(id) : ''),
  // An id in any case, with spaces or underscores ("europe/berlin", "America/New York").
  code: (text) => ids().get(text.trim().replace(/ /g, '_').toLowerCase()) ?? null,
});
