// Finding a store's customer tags by what is typed, for the tag picker (components/tag-picker.tsx):
// matching ignores case, accents and spacing, as the other pickers do, and also offers a tag that
// is a letter or two away from the text ("newsletter" for "newsletterr"), so that a typo leads to
// the tag the store has rather than to a new one. Nothing here creates a tag.
import { uiLanguage } from './format';
import { fold } from './pick-list';

// What the server takes as a tag name (customers/model.cpp ParseTagName): 1 to 64 characters
// without commas, trimmed.
export const kTagMaxLength = 64;

// Why `text` cannot be a tag's name, or null when it can.
export function tagNameProblem(text: string): string | null {
  const t = text.trim();
  if (!t) return 'A tag needs a name.';
  if (t.includes(',')) return 'A tag cannot contain a comma.';
  if ([...t].length > kTagMaxLength) return `A tag is at most ${kTagMaxLength} characters.`;
  return null;
}

// The one of `names` that `text` names (the same once case, accents and spacing are set aside),
// or null.
export function sameTag(names: readonly string[], text: string): string | null {
  const q = fold(text);
  if (!q) return null;
  return names.find((n) => fold(n) === q) ?? null;
}

// The optimal-string-alignment distance of `a` and `b` (insertions, deletions, substitutions and
// swaps of two neighbours), or `limit + 1` once it is sure to exceed `limit`.
function distance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let before: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d = Math.min(d, before[j - 2]! + 1);
      }
      row.push(d);
      best = Math.min(best, d);
    }
    if (best > limit) return limit + 1;
    before = prev;
    prev = row;
  }
  return prev[b.length]!;
}

// How far a text may be from a tag to be offered as a near miss: none for one or two letters,
// where nearly every short tag would be; one letter up to seven; two from eight.
function nearLimit(q: string): number {
  if (q.length < 3) return 0;
  return q.length < 8 ? 1 : 2;
}

const kWordBreaks = /[\s\-–—_/.]+/;

// The names among `names` that `text` suggests, the closest first: the same name, then names that
// start with the text, have a word that starts with it, hold it (from three characters), and
// last those a letter or two away from it. The whole list, by name, for ''. `skip` leaves names
// out (the tags already chosen).
export function suggestTags(
  names: readonly string[],
  text: string,
  skip: (name: string) => boolean = () => false,
): string[] {
  const collator = new Intl.Collator(uiLanguage());
  const candidates = names.filter((n) => !skip(n));
  const q = fold(text);
  if (!q) return [...candidates].sort(collator.compare);
  const limit = nearLimit(q);
  const found: Array<{ name: string; rank: number; near: number }> = [];
  for (const name of candidates) {
    const key = fold(name);
    let rank = Infinity;
    let near = 0;
    if (key === q) rank = 0;
    else if (key.startsWith(q)) rank = 1;
    else if (key.split(kWordBreaks).some((w) => w.startsWith(q))) rank = 2;
    else if (q.length >= 3 && key.includes(q)) rank = 3;
    else if (limit > 0) {
      near = distance(q, key, limit);
      if (near <= limit) rank = 4;
    }
    if (rank < Infinity) found.push({ name, rank, near });
  }
  found.sort((a, b) => a.rank - b.rank || a.near - b.near || collator.compare(a.name, b.name));
  return found.map((f) => f.name);
}
