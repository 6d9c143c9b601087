// The customer filter language as the editor sees it ("orders >= 2 AND tag = 'vip'"): the words
// for its activity levels and RFM groups, a lexer that keeps where each token is, and what to
// offer at the caret — field names at the start of a condition, the field's operators after it,
// and its values after an operator. The server parses and checks the filter; this only has to
// be right enough to complete, and never throws on what a person types.
import type { FilterField } from '../types';

// The activity levels the server derives from orders and sign-ins, in its order.
export const kActivityLevels: Array<{ value: string; label: string; about: string }> = [
  { value: 'new', label: 'New', about: 'First order in the last 30 days' },
  { value: 'active', label: 'Active', about: 'Ordering at their usual pace' },
  { value: 'at_risk', label: 'At risk', about: 'Overdue for their next order' },
  { value: 'lapsed', label: 'Lapsed', about: 'Long overdue, and not signing in either' },
  { value: 'never_purchased', label: 'Never purchased', about: 'No order yet' },
];

// The RFM groups (recency, frequency, monetary value), in the server's order.
export const kRfmGroups: Array<{ value: string; label: string; about: string }> = [
  { value: 'champions', label: 'Champions', about: 'Bought recently and often' },
  { value: 'loyal', label: 'Loyal', about: 'Buy regularly' },
  { value: 'new', label: 'New', about: 'Recent first order' },
  { value: 'promising', label: 'Promising', about: 'Recent, but seldom' },
  { value: 'cant_lose', label: "Can't lose", about: 'Frequent big spenders, not seen lately' },
  { value: 'at_risk', label: 'At risk', about: 'Frequent once, not recent' },
  { value: 'hibernating', label: 'Hibernating', about: 'Neither recent nor frequent' },
];

// The words for an enum value in the editor's list: "At risk" for activity at_risk.
const kValueLabels: Record<string, Record<string, string>> = {
  status: { active: 'Active', inactive: 'Deactivated', banned: 'Banned' },
  kind: { registered: 'Registered account', guest: 'Guest' },
  activity: Object.fromEntries(kActivityLevels.map((l) => [l.value, `${l.label}: ${l.about}`])),
  rfm_group: Object.fromEntries(kRfmGroups.map((g) => [g.value, `${g.label}: ${g.about}`])),
};

// A filter that picks one value of an enum field: "activity = at_risk".
export function enumFilter(field: string, value: string): string {
  return `${field} = ${value}`;
}

// A text in the language's quotes: O'Brien → 'O''Brien'.
export function quoted(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

type TokenKind = 'word' | 'string' | 'op' | 'open' | 'close' | 'comma';

interface Token {
  kind: TokenKind;
  text: string; // as typed; a string's text with its quotes
  start: number; // string index in the filter
  end: number;
}

const kWordChar = /[\p{L}\p{N}_.:+\-]/u;

// The tokens of `text`; an unclosed text runs to the end, a stray character is a word of its own.
function lex(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const start = i;
    if (ch === '(' || ch === ')' || ch === ',') {
      out.push({
        kind: ch === '(' ? 'open' : ch === ')' ? 'close' : 'comma',
        text: ch,
        start,
        end: ++i,
      });
    } else if (ch === "'" || ch === '"') {
      i++;
      while (i < text.length) {
        if (text[i] === ch) {
          if (text[i + 1] === ch) {
            i += 2; // a doubled quote is a quote inside the text
            continue;
          }
          i++;
          break;
        }
        i++;
      }
      out.push({ kind: 'string', text: text.slice(start, i), start, end: i });
    } else if (/[=!<>]/.test(ch)) {
      while (i < text.length && /[=!<>]/.test(text[i]!)) i++;
      out.push({ kind: 'op', text: text.slice(start, i), start, end: i });
    } else {
      i++;
      while (i < text.length && kWordChar.test(text[i]!)) i++;
      out.push({ kind: 'word', text: text.slice(start, i), start, end: i });
    }
  }
  return out;
}

// Where the tokens before the caret leave the filter.
type State =
  | { at: 'field' } // a condition starts: a field name, NOT or (
  | { at: 'operator'; field: FilterField } // after a field name
  | { at: 'not-in'; field: FilterField } // after "field NOT"
  | { at: 'is'; field: FilterField } // after "field IS"
  | { at: 'is-not'; field: FilterField } // after "field IS NOT"
  | { at: 'list-open'; field: FilterField } // after "field IN"
  | { at: 'value'; field: FilterField; list: boolean } // a value (in an IN list when `list`)
  | { at: 'list-next'; field: FilterField } // after a value in an IN list
  | { at: 'joined' } // after a whole condition: AND, OR or )
  | { at: 'lost' }; // something the editor does not follow: no suggestions

function advance(state: State, t: Token, fields: Map<string, FilterField>): State {
  const word = t.kind === 'word' ? t.text.toLowerCase() : '';
  switch (state.at) {
    case 'field':
      if (t.kind === 'open' || word === 'not') return state;
      if (t.kind === 'word' && fields.has(word))
        return { at: 'operator', field: fields.get(word)! };
      return { at: 'lost' };
    case 'operator':
      if (t.kind === 'op') return { at: 'value', field: state.field, list: false };
      if (word === 'contains') return { at: 'value', field: state.field, list: false };
      if (word === 'in') return { at: 'list-open', field: state.field };
      if (word === 'not') return { at: 'not-in', field: state.field };
      if (word === 'is') return { at: 'is', field: state.field };
      // A yes/no field alone is a whole condition.
      if (word === 'and' || word === 'or') return { at: 'field' };
      if (t.kind === 'close') return { at: 'joined' };
      return { at: 'lost' };
    case 'not-in':
      return word === 'in' ? { at: 'list-open', field: state.field } : { at: 'lost' };
    case 'is':
      if (word === 'null') return { at: 'joined' };
      return word === 'not' ? { at: 'is-not', field: state.field } : { at: 'lost' };
    case 'is-not':
      return word === 'null' ? { at: 'joined' } : { at: 'lost' };
    case 'list-open':
      return t.kind === 'open' ? { at: 'value', field: state.field, list: true } : { at: 'lost' };
    case 'value':
      if (t.kind === 'word' || t.kind === 'string') {
        return state.list ? { at: 'list-next', field: state.field } : { at: 'joined' };
      }
      return { at: 'lost' };
    case 'list-next':
      if (t.kind === 'comma') return { at: 'value', field: state.field, list: true };
      return t.kind === 'close' ? { at: 'joined' } : { at: 'lost' };
    case 'joined':
      if (word === 'and' || word === 'or') return { at: 'field' };
      return t.kind === 'close' ? state : { at: 'lost' };
    case 'lost':
      // A new condition starts after AND or OR; the editor follows again from there.
      return word === 'and' || word === 'or' ? { at: 'field' } : state;
  }
}

export interface Suggestion {
  key: string;
  label: string; // what the list shows: "orders", ">=", "'VIP'"
  detail: string; // what it means: the field's description, "at least"
  insert: string; // what replaces the word at the caret
}

export interface Completion {
  from: number; // the part of the filter the chosen suggestion replaces
  to: number;
  items: Suggestion[];
}

export interface Vocabulary {
  fields: FilterField[];
  groups: string[]; // group names
  tags: string[]; // tag names
}

const kOperatorWords: Record<string, string> = {
  '=': 'is',
  '!=': 'is not',
  '<': 'less than',
  '<=': 'at most',
  '>': 'more than',
  '>=': 'at least',
  IN: 'is one of (a list)',
  'NOT IN': 'is none of (a list)',
  CONTAINS: 'contains the text',
  'IS NULL': 'is empty',
  'IS NOT NULL': 'is not empty',
};
const kDateOperatorWords: Record<string, string> = {
  '=': 'on the day',
  '!=': 'not on the day',
  '<': 'before',
  '<=': 'on or before',
  '>': 'after',
  '>=': 'on or after',
};

// Relative times a date field takes ("-90d": 90 days ago).
const kRelativeDates: Array<[string, string]> = [
  ['-7d', '7 days ago'],
  ['-30d', '30 days ago'],
  ['-90d', '90 days ago'],
  ['-6m', '6 months ago'],
  ['-1y', 'a year ago'],
];

function operatorInsert(op: string): string {
  if (op === 'IN' || op === 'NOT IN') return `${op} (`;
  return `${op} `;
}

// Items whose label starts with `typed` first, then those that contain it, ignoring case and a
// name's quotes ("vi" finds 'VIP').
function matching(items: Suggestion[], typed: string): Suggestion[] {
  const t = typed.toLowerCase();
  if (!t) return items;
  const bare = (s: Suggestion) => s.label.replace(/^'/, '').toLowerCase();
  const starts = items.filter((s) => bare(s).startsWith(t));
  const contains = items.filter((s) => !bare(s).startsWith(t) && bare(s).includes(t));
  return [...starts, ...contains];
}

function valuesOf(field: FilterField, vocabulary: Vocabulary, list: boolean): Suggestion[] {
  const end = list ? '' : ' ';
  const plain = (value: string, detail: string): Suggestion => ({
    key: `value:${value}`,
    label: value,
    detail,
    insert: value + end,
  });
  const names = (all: string[], what: string): Suggestion[] =>
    all.map((name) => ({
      key: `value:${name}`,
      label: quoted(name),
      detail: what,
      insert: quoted(name) + end,
    }));
  switch (field.type) {
    case 'enum':
      return field.values.map((v) => plain(v, kValueLabels[field.name]?.[v] ?? ''));
    case 'boolean':
      return (field.values.length ? field.values : ['true', 'false']).map((v) =>
        plain(v, v === 'true' ? 'yes' : 'no'),
      );
    case 'name':
      if (field.name === 'group') return names(vocabulary.groups, 'group');
      if (field.name === 'tag') return names(vocabulary.tags, 'tag');
      return [];
    case 'date':
      return list ? [] : kRelativeDates.map(([v, words]) => plain(v, words));
    default:
      return [];
  }
}

// What to offer at `caret` in `text`, or null for nothing.
export function complete(text: string, caret: number, vocabulary: Vocabulary): Completion | null {
  const fields = new Map(vocabulary.fields.map((f) => [f.name.toLowerCase(), f]));
  const tokens = lex(text);
  // The token the caret is in or just after is the one being typed; the ones before it decide
  // what it may be.
  const current = tokens.find(
    (t) =>
      t.start < caret &&
      caret <= t.end &&
      t.kind !== 'open' &&
      t.kind !== 'close' &&
      t.kind !== 'comma',
  );
  let state: State = { at: 'field' };
  for (const t of tokens) {
    if (current ? t.start >= current.start : t.start >= caret) break;
    state = advance(state, t, fields);
  }
  const from = current?.start ?? caret;
  const to = current?.end ?? caret;
  const typedText = current ? text.slice(current.start, caret) : '';
  // A text being typed is matched without its opening quote.
  const typed = current?.kind === 'string' ? typedText.slice(1) : typedText;

  let items: Suggestion[] = [];
  switch (state.at) {
    case 'field': {
      if (current && current.kind !== 'word') break;
      items = matching(
        vocabulary.fields.map((f) => ({
          key: `field:${f.name}`,
          label: f.name,
          detail: f.about,
          insert: `${f.name} `,
        })),
        typed,
      );
      if (typed && 'not'.startsWith(typed.toLowerCase())) {
        items.push({
          key: 'keyword:NOT',
          label: 'NOT',
          detail: 'negates the condition after it',
          insert: 'NOT ',
        });
      }
      break;
    }
    case 'operator': {
      // A yes/no field alone is whole: nothing to add until something is typed after it.
      if (!current && state.field.type === 'boolean') break;
      const words =
        state.field.type === 'date' ? { ...kOperatorWords, ...kDateOperatorWords } : kOperatorWords;
      const ops = state.field.operators.map((op) => ({
        key: `op:${op}`,
        label: op,
        detail: words[op] ?? '',
        insert: operatorInsert(op),
      }));
      if (current?.kind === 'op') {
        items = ops.filter((s) => s.label.startsWith(typed));
      } else if (current?.kind === 'word') {
        items = ops.filter(
          (s) => /^[A-Z]/.test(s.label) && s.label.toLowerCase().startsWith(typed.toLowerCase()),
        );
        if (state.field.type === 'boolean') items.push(...joiners(typed));
      } else {
        items = ops;
      }
      break;
    }
    case 'not-in':
      if (state.field.operators.includes('NOT IN'))
        items = matching(
          [{ key: 'op:IN', label: 'IN', detail: 'none of (a list)', insert: 'IN (' }],
          typed,
        );
      break;
    case 'is':
      items = matching(
        [
          { key: 'op:NULL', label: 'NULL', detail: 'is empty', insert: 'NULL ' },
          { key: 'op:NOT NULL', label: 'NOT NULL', detail: 'is not empty', insert: 'NOT NULL ' },
        ],
        typed,
      );
      break;
    case 'is-not':
      items = matching(
        [{ key: 'op:NULL', label: 'NULL', detail: 'is not empty', insert: 'NULL ' }],
        typed,
      );
      break;
    case 'value':
      if (current && current.kind !== 'word' && current.kind !== 'string') break;
      items = matching(valuesOf(state.field, vocabulary, state.list), typed);
      break;
    case 'joined':
      if (current?.kind === 'word') items = joiners(typed);
      break;
    default:
      break;
  }
  // A word typed in full closes the list, so that Enter applies the filter rather than picking
  // a longer word that contains it ("active" is in "inactive").
  const typedWhole = current ? text.slice(current.start, current.end).toLowerCase() : '';
  if (!items.length || items.some((s) => s.insert.trim().toLowerCase() === typedWhole)) {
    return null;
  }
  return { from, to, items };
}

function joiners(typed: string): Suggestion[] {
  return matching(
    [
      { key: 'keyword:AND', label: 'AND', detail: 'both conditions hold', insert: 'AND ' },
      { key: 'keyword:OR', label: 'OR', detail: 'either condition holds', insert: 'OR ' },
    ],
    typed,
  );
}

// `text` with `item` in place of the completion's range, and where the caret goes after it.
export function applySuggestion(
  text: string,
  completion: Completion,
  item: Suggestion,
): { text: string; caret: number } {
  const before = text.slice(0, completion.from);
  const after = text.slice(completion.to);
  // No second space when one follows already: the caret goes past the one there.
  if (item.insert.endsWith(' ') && after.startsWith(' ')) {
    const insert = item.insert.slice(0, -1);
    return { text: before + insert + after, caret: before.length + insert.length + 1 };
  }
  return { text: before + item.insert + after, caret: before.length + item.insert.length };
}

// The string indices of the mistake at 1-based character `position` of `text` (as the server
// counts characters: code points): the word there, or the one character; at the end, an empty
// range at the end.
export function mistakeRange(text: string, position: number): { start: number; end: number } {
  const chars = Array.from(text);
  if (position < 1 || position > chars.length) return { start: text.length, end: text.length };
  const start = chars.slice(0, position - 1).join('').length;
  let end = start + chars[position - 1]!.length;
  if (kWordChar.test(chars[position - 1]!)) {
    while (end < text.length && kWordChar.test(text[end]!)) end++;
  }
  return { start, end };
}

// The word a message proposes instead ("… did you mean 'orders'?"), or ''.
export function proposedWord(message: string): string {
  return /did you mean '([^']+)'\?/.exec(message)?.[1] ?? '';
}
