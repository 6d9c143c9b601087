// Languages as BCP 47 tags (en, de, pt-BR), the form the server keeps a customer's language and
// the store's default in: the languages stores write to most, by name in the admin's language,
// and any other valid tag when it is typed.
import { uiLanguage } from './format';
import { codeSource, type PickerEntry, type PickerSource } from './pick-list';

const kCommonLanguages = (
  'af am ar az be bg bn bs ca cs cy da de de-AT de-CH el en en-AU en-CA en-GB en-IE en-IN en-US ' +
  'es es-419 es-AR es-ES es-MX et eu fa fi fil fr fr-BE fr-CA fr-CH ga gl gu he hi hr hu hy id ' +
  'is it ja ka kk km kn ko lb lt lv mk ml mn mr ms mt my nb ne nl nl-BE nn pa pl ps pt pt-BR ' +
  'pt-PT ro ru si sk sl sq sr sr-Latn sv sw ta te th tr uk ur uz vi zh zh-Hans zh-Hant zu'
).split(' ');

function displayNames(language: string, languageDisplay: 'standard' | 'dialect' = 'standard') {
  return new Intl.DisplayNames([language], { type: 'language', languageDisplay, fallback: 'none' });
}

let names: Intl.DisplayNames | null = null;

function nameIn(display: Intl.DisplayNames, tag: string): string {
  try {
    return display.of(tag) ?? '';
  } catch {
    return '';
  }
}

// A language's name in the admin's language ("Portuguese (Brazil)" for pt-BR); '' for a tag
// without one.
export function languageName(tag: string): string {
  if (!tag) return '';
  names ??= displayNames(uiLanguage());
  return nameIn(names, tag);
}

// The canonical form of a typed tag ("pt_br" → "pt-BR") when it is well formed and its language
// has a name; null otherwise. The server has the last word on a tag.
export function canonicalLanguage(text: string): string | null {
  const typed = text.trim().replace(/_/g, '-');
  if (!typed || typed.length > 35 || !/^[A-Za-z0-9-]+$/.test(typed)) return null;
  try {
    const tag = Intl.getCanonicalLocales(typed)[0];
    if (!tag) return null;
    const language = new Intl.Locale(tag).language;
    if (language === 'und' || !languageName(language)) return null;
    return tag;
  } catch {
    return null;
  }
}

// The common languages with the names they are found by: in the admin's language, in English,
// the everyday one ("Brazilian Portuguese") and the language's own ("Deutsch").
function entries(): PickerEntry[] {
  const english = displayNames('en');
  const dialect = displayNames(uiLanguage(), 'dialect');
  return kCommonLanguages.map((code) => ({
    code,
    name: languageName(code) || code,
    terms: [nameIn(english, code), nameIn(dialect, code), nameIn(displayNames(code), code)].filter(
      Boolean,
    ),
  }));
}

export const kLanguages: PickerSource = codeSource({
  noun: 'language',
  plural: 'languages',
  entries,
  name: languageName,
  code: canonicalLanguage,
});
