// Finding one of a list of codes (countries, languages) by what is typed: a code, a name in the
// admin's language or another name of it, a part of one. Matching ignores case, accents and
// spacing; nothing is guessed: `exact` names a code only for a text that is a whole code or name.
import { uiLanguage } from './format';

// One code of a list and the names it is found by.
export interface PickerEntry {
  code: string;
  name: string; // in the admin's language: what the list shows
  terms: string[]; // other names: in English, in the country's or language's own, former ones
}

// A code offered for a text, with the other name it was found by ("Deutschland"), if not its own.
export interface PickerChoice {
  code: string;
  name: string;
  also: string;
}

export interface PickerSource {
  noun: string; // "country", for the messages
  plural: string;
  // What a box shows for a code: "Germany — DE"; a code without a name as it is; '' for ''.
  shown: (code: string) => string;
  // The codes matching `text`, the closest first; the whole list, by name, for ''.
  search: (text: string) => PickerChoice[];
  // The one code `text` is (its code, a whole name, or what `shown` writes), else null.
  exact: (text: string) => string | null;
}

// A text as matching compares it: lower case, without accents, one space between words.
export function fold(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[‘’`´]/g, "'")
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

const kWordBreaks = /[\s\-–—(),.'/]+/;

interface Indexed {
  entry: PickerEntry;
  keys: string[]; // the folded name, then the folded terms
}

// A source over `entries` (read the first time a list is searched). `code` reads a typed code
// (its canonical form, or null); one it reads that is not listed is offered too, so a list of
// languages can take any valid tag. `name` names any code ('' when it cannot).
export function codeSource(spec: {
  noun: string;
  plural: string;
  entries: () => PickerEntry[];
  name: (code: string) => string;
  code: (text: string) => string | null;
}): PickerSource {
  let index: Indexed[] | null = null;
  const all = (): Indexed[] => {
    if (!index) {
      const collator = new Intl.Collator(uiLanguage());
      index = spec
        .entries()
        .sort((a, b) => collator.compare(a.name, b.name))
        .map((entry) => ({ entry, keys: [entry.name, ...entry.terms].map(fold) }));
    }
    return index;
  };

  const shown = (code: string) => {
    if (!code) return '';
    const name = spec.name(code);
    return name ? `${name} — ${code}` : code;
  };

  function search(text: string): PickerChoice[] {
    const q = fold(text);
    if (!q) return all().map(({ entry }) => ({ code: entry.code, name: entry.name, also: '' }));
    const typed = spec.code(text);
    // 0 the code typed, 1 a whole name, 2 the start of a name, 3 of a word in it, 4 inside one.
    const rankOf = (key: string) => {
      if (key === q) return 1;
      if (key.startsWith(q)) return 2;
      if (key.split(kWordBreaks).some((w) => w.startsWith(q))) return 3;
      return q.length >= 3 && key.includes(q) ? 4 : Infinity;
    };
    const found: Array<{ rank: number; order: number; choice: PickerChoice }> = [];
    all().forEach(({ entry, keys }, order) => {
      let rank = entry.code === typed ? 0 : Infinity;
      let also = '';
      keys.forEach((key, k) => {
        const r = rankOf(key);
        if (r < rank) {
          rank = r;
          also = k === 0 ? '' : (entry.terms[k - 1] ?? '');
        }
      });
      if (rank < Infinity) {
        found.push({ rank, order, choice: { code: entry.code, name: entry.name, also } });
      }
    });
    found.sort((a, b) => a.rank - b.rank || a.order - b.order);
    const choices = found.map((f) => f.choice);
    if (typed && !choices.some((c) => c.code === typed)) {
      choices.unshift({ code: typed, name: spec.name(typed) || typed, also: '' });
    }
    return choices;
  }

  function exact(text: string): string | null {
    const t = text.trim();
    if (!t) return null;
    const written = /^(.*\S)\s+—\s+(\S+)$/.exec(t);
    if (written) {
      const code = spec.code(written[2]!);
      if (code && fold(spec.name(code)) === fold(written[1]!)) return code;
    }
    const code = spec.code(t);
    if (code) return code;
    const q = fold(t);
    const codes = new Set(
      all()
        .filter((i) => i.keys.includes(q))
        .map((i) => i.entry.code),
    );
    return codes.size === 1 ? [...codes][0]! : null;
  }

  return { noun: spec.noun, plural: spec.plural, shown, search, exact };
}
