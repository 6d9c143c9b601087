// The countries of ISO 3166-1 by their two-letter codes: the one list the UI offers wherever a
// country is chosen (a customer's country, an address, the store's default, the list's filters).
// Names come from the browser in the admin's language; the codes are those the server takes.
import { uiLanguage } from './format';
import { codeSource, type PickerEntry, type PickerSource } from './pick-list';

// The current ISO 3166-1 alpha-2 codes, as ICU lists them for the server's check.
const kCountryCodes = (
  'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR ' +
  'BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ ' +
  'EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW ' +
  'GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY ' +
  'KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV ' +
  'MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY ' +
  'QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG ' +
  'TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW'
).split(' ');
const kListed = new Set(kCountryCodes);

// Names a store owner may know a country by besides the browser's (a former or everyday name).
const kAlsoCalled: Record<string, string[]> = {
  CI: ['Ivory Coast'],
  CV: ['Cape Verde'],
  CZ: ['Czech Republic'],
  GB: ['Great Britain', 'Britain'],
  MK: ['Macedonia'],
  MM: ['Burma'],
  NL: ['Holland'],
  SZ: ['Swaziland'],
  TL: ['East Timor'],
  TR: ['Turkey'],
  US: ['USA', 'America', 'United States of America'],
};

function displayNames(language: string, style: 'long' | 'short' = 'long'): Intl.DisplayNames {
  return new Intl.DisplayNames([language], { type: 'region', style, fallback: 'none' });
}

let names: Intl.DisplayNames | null = null;

// A country's name in the admin's language ("Germany" for DE); '' for a code without one.
export function countryName(code: string): string {
  if (!/^[A-Za-z]{2}$/.test(code)) return '';
  names ??= displayNames(uiLanguage());
  try {
    return names.of(code.toUpperCase()) ?? '';
  } catch {
    return '';
  }
}

// Every country with the names it can be found by: in the admin's language, in English, its
// short name ("UK"), in the country's own main language ("Deutschland") and those above.
function entries(): PickerEntry[] {
  const ui = uiLanguage();
  const english = displayNames('en');
  const short = displayNames(ui, 'short');
  const own = new Map<string, Intl.DisplayNames>();
  return kCountryCodes.map((code) => {
    const terms = [english.of(code), short.of(code), ...(kAlsoCalled[code] ?? [])];
    try {
      const language = new Intl.Locale('und', { region: code }).maximize().language;
      if (language && language !== 'und') {
        if (!own.has(language)) own.set(language, displayNames(language));
        terms.push(own.get(language)!.of(code));
      }
    } catch {
      // A browser without the country's language names it in the admin's language only.
    }
    return {
      code,
      name: countryName(code) || code,
      terms: terms.filter((t): t is string => !!t),
    };
  });
}

// The countries for the picker: a code is taken in any case ("de" → DE).
export const kCountries: PickerSource = codeSource({
  noun: 'country',
  plural: 'countries',
  entries,
  name: countryName,
  code: (text) => {
    const code = text.trim().toUpperCase();
    return kListed.has(code) ? code : null;
  },
});
