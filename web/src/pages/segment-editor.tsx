// The customer filter editor: a text box for the filter language that completes as it is typed
// (an ARIA combobox with a listbox of suggestions: arrow keys, Enter or Tab, or the mouse), the
// live count of the customers a filter matches (asked a moment after the typing stops; an answer
// for an older text is dropped), and the server's message for a mistake with the mistake marked
// where it is. The customer list uses FilterEditor; the segment dialogs use FilterInput and
// FilterStatus on their own.
import type { ComponentChildren, RefObject } from 'preact';
import { useEffect, useId, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError, isAbort, type Query } from '../api';
import { plural } from '../format';
import { useDebounced, useResource } from '../hooks';
import type { FilterField, Segment } from '../types';
import {
  applySuggestion,
  complete,
  mistakeRange,
  proposedWord,
  type Vocabulary,
} from './filter-language';
import './segments.css';

// Long enough not to count every keystroke, short enough to feel live.
const kCountDebounceMs = 300;

export const kFilterExample = "orders >= 2 AND last_order < -90d AND tag = 'vip'";

// The fields of the filter language, for the completion (none when they cannot be read: the box
// still takes a filter).
export function useFilterFields(): FilterField[] {
  const fields = useResource(
    (signal) =>
      api
        .get<{ items: FilterField[] }>('/api/admin/filter-fields', { signal })
        .then((r) => r.data.items),
    [],
  );
  return fields.data ?? [];
}

export interface FilterMistake {
  message: string;
  position: number; // 1-based character; 0 when the server gave none
}

// What the server said about one filter text: how many customers match, or what is wrong.
export interface FilterCheck {
  text: string;
  total?: number;
  mistake?: FilterMistake;
  error?: unknown; // not an answer about the filter (the server cannot be reached)
}

// The count of customers `text` matches together with the list's other parameters `query`,
// asked a moment after `text` stops changing. `check` belongs to the current text or is null
// while it is being counted.
export function useFilterCount(
  text: string,
  query: Query = {},
): { check: FilterCheck | null; counting: boolean } {
  const trimmed = text.trim();
  const settled = useDebounced(trimmed, kCountDebounceMs);
  const queryKey = JSON.stringify(query);
  const result = useResource(
    async (signal): Promise<(FilterCheck & { key: string }) | null> => {
      if (!settled) return null;
      const key = queryKey;
      try {
        const { data } = await api.get<{ total: number }>('/api/admin/customers/count', {
          signal,
          query: { ...query, filter: settled },
        });
        return { text: settled, key, total: data.total };
      } catch (e) {
        if (isAbort(e)) throw e;
        const problem = e instanceof ApiError && e.status === 422 ? e : null;
        const field = problem?.errors.find((f) => f.field === 'filter') ?? problem?.errors[0];
        if (field) {
          const position = field.field === 'filter' ? (field.position ?? 0) : 0;
          return { text: settled, key, mistake: { message: field.message, position } };
        }
        return { text: settled, key, error: e };
      }
    },
    [settled, queryKey],
  );
  const data = result.data;
  // An answer for an older text, or for other list parameters, is not this text's.
  const check = data && data.text === trimmed && data.key === queryKey ? data : null;
  return { check, counting: trimmed !== '' && check === null };
}

// The filter text box with its suggestions. Enter applies (`onEnter`) when no suggestion is
// shown; Escape hides them.
export function FilterInput(props: {
  id: string;
  value: string;
  onInput: (value: string) => void;
  onEnter?: () => void;
  vocabulary: Vocabulary;
  invalid?: boolean;
  describedBy?: string;
  placeholder?: string;
  inputRef?: RefObject<HTMLInputElement>;
}) {
  const own = useRef<HTMLInputElement>(null);
  const ref = props.inputRef ?? own;
  const listId = `${props.id}-suggestions`;
  // Where the caret is while the box has the focus; null when it has not.
  const [caret, setCaret] = useState<number | null>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState<{ list: string; index: number }>({ list: '', index: 0 });
  const pendingCaret = useRef<number | null>(null);

  const completion = open && caret !== null ? complete(props.value, caret, props.vocabulary) : null;
  const items = completion?.items ?? [];
  const shown = items.length > 0;
  // A new list starts at its first suggestion.
  const listKey = `${completion?.from}:${items.map((s) => s.key).join('|')}`;
  const activeIndex = active.list === listKey ? Math.min(active.index, items.length - 1) : 0;
  const optionId = (i: number) => `${props.id}-option-${i}`;

  // The caret moves without input too (arrow keys, clicks): followed while the box has the focus.
  useEffect(() => {
    const onSelection = () => {
      const el = ref.current;
      if (el && document.activeElement === el) setCaret(el.selectionStart ?? el.value.length);
    };
    document.addEventListener('selectionchange', onSelection);
    return () => document.removeEventListener('selectionchange', onSelection);
  }, []);

  // After a suggestion is taken, the caret goes after what it put in.
  useLayoutEffect(() => {
    const el = ref.current;
    if (pendingCaret.current === null || !el) return;
    el.setSelectionRange(pendingCaret.current, pendingCaret.current);
    pendingCaret.current = null;
  }, [props.value]);

  useLayoutEffect(() => {
    if (shown) document.getElementById(optionId(activeIndex))?.scrollIntoView({ block: 'nearest' });
  }, [shown, activeIndex, listKey]);

  function readCaret() {
    const el = ref.current;
    if (el) setCaret(el.selectionStart ?? el.value.length);
  }

  function pick(index: number) {
    const item = completion?.items[index];
    if (!completion || !item) return;
    const next = applySuggestion(props.value, completion, item);
    pendingCaret.current = next.caret;
    setCaret(next.caret);
    setOpen(true); // what may follow is offered at once: the operators after a field
    props.onInput(next.text);
  }

  function onKeyDown(e: KeyboardEvent) {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!shown) {
        readCaret();
        setOpen(true);
        return;
      }
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive({ list: listKey, index: (activeIndex + step + items.length) % items.length });
    } else if (e.key === 'Enter') {
      if (shown) {
        e.preventDefault();
        pick(activeIndex);
      } else if (props.onEnter) {
        e.preventDefault();
        props.onEnter();
      }
    } else if (e.key === 'Tab' && shown && !e.shiftKey) {
      e.preventDefault();
      pick(activeIndex);
    } else if (e.key === 'Escape' && shown) {
      // Hides the suggestions only, not the dialog around the box.
      e.preventDefault();
      e.stopPropagation();
      setOpen(false);
    }
  }

  return (
    <div class="filter-input">
      <input
        ref={ref}
        id={props.id}
        type="text"
        name="filter"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={shown}
        aria-controls={listId}
        aria-activedescendant={shown ? optionId(activeIndex) : undefined}
        aria-invalid={props.invalid ? 'true' : undefined}
        aria-describedby={props.describedBy}
        autoComplete="off"
        autoCapitalize="off"
        spellcheck={false}
        placeholder={props.placeholder}
        value={props.value}
        onInput={(e) => {
          props.onInput(e.currentTarget.value);
          readCaret();
          setOpen(true);
        }}
        onKeyDown={onKeyDown}
        onClick={readCaret}
        onFocus={readCaret}
        onBlur={() => {
          setOpen(false);
          setCaret(null);
        }}
      />
      <ul
        id={listId}
        role="listbox"
        aria-label="Suggestions"
        class="filter-input__list"
        hidden={!shown}
      >
        {items.map((s, i) => (
          <li
            key={s.key}
            id={optionId(i)}
            role="option"
            aria-selected={i === activeIndex}
            class={`filter-input__option${i === activeIndex ? ' is-active' : ''}`}
            // Keeps the focus in the box, so the list stays and the caret is known.
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => pick(i)}
          >
            <span class="filter-input__label">{s.label}</span>
            {s.detail && <span class="filter-input__detail">{s.detail}</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}

// The server's message for a mistake, the filter with the mistake marked, the word it proposes
// instead (a button that puts it in) and a way to the mistake in the box.
export function FilterMistakeNote(props: {
  id: string;
  text: string;
  mistake: FilterMistake;
  inputRef: RefObject<HTMLInputElement>;
  onFix: (text: string) => void;
}) {
  const { text, mistake } = props;
  const range = mistakeRange(text, mistake.position);
  const proposal = proposedWord(mistake.message);
  const marked = text.slice(range.start, range.end);
  function goTo(start: number, end: number) {
    const el = props.inputRef.current;
    if (!el) return;
    el.focus();
    el.setSelectionRange(start, end);
  }
  return (
    <div class="filter-mistake">
      <p class="field__error" id={props.id}>
        {mistake.message}
      </p>
      {mistake.position > 0 && (
        <p class="filter-mistake__where">
          <code
            class="filter-mistake__text"
            data-position={mistake.position}
            aria-label={
              marked ? `The mistake: “${marked}”` : 'The mistake is at the end of the filter'
            }
          >
            {text.slice(0, range.start)}
            <mark class={marked ? undefined : 'filter-mistake__end'}>{marked || '\u00a0'}</mark>
            {text.slice(range.end)}
          </code>
          <button
            type="button"
            class="button button--link"
            onClick={() => goTo(range.start, range.end)}
          >
            Go to the mistake
          </button>
          {proposal && marked && (
            <button
              type="button"
              class="button button--small"
              onClick={() => {
                const next = text.slice(0, range.start) + proposal + text.slice(range.end);
                props.onFix(next);
                const at = range.start + proposal.length;
                requestAnimationFrame(() => goTo(at, at));
              }}
            >
              Use “{proposal}”
            </button>
          )}
        </p>
      )}
    </div>
  );
}

// The count for a filter as it is typed, or its mistake: under the box, announced politely.
export function FilterStatus(props: {
  id: string;
  text: string;
  check: FilterCheck | null;
  counting: boolean;
  inputRef: RefObject<HTMLInputElement>;
  onFix: (text: string) => void;
  // Said after the count while the text is not the one in use ("Enter shows them").
  pending?: string;
  hint: ComponentChildren;
}) {
  const { check } = props;
  return (
    <div class="filter-status">
      <p class="filter-status__line muted small" aria-live="polite" id={`${props.id}-status`}>
        {!props.text.trim() ? (
          props.hint
        ) : props.counting ? (
          'Counting…'
        ) : check?.total !== undefined ? (
          <span data-testid="filter-count">
            <strong>
              {check.total === 1
                ? '1 customer matches'
                : `${plural(check.total, 'customer')} match`}
            </strong>
            {props.pending ? ` · ${props.pending}` : ''}
          </span>
        ) : check?.error ? (
          'The customers cannot be counted right now.'
        ) : null}
      </p>
      {check?.mistake && (
        <FilterMistakeNote
          id={`${props.id}-mistake`}
          text={check.text}
          mistake={check.mistake}
          inputRef={props.inputRef}
          onFix={props.onFix}
        />
      )}
    </div>
  );
}

// The filter editor above the customer list: the box, Apply filter and Clear, what the list
// shows (a segment, when one is applied), the live count, and room for the segment buttons
// (`children`).
export function FilterEditor(props: {
  draft: string;
  onDraft: (text: string) => void;
  applied: string; // the filter the list shows ('' for none)
  segment: Segment | null; // the segment the list shows
  segmentId: string;
  // The list's other parameters (search and filters), counted together with the filter.
  query: Query;
  vocabulary: Vocabulary;
  onApply: (text: string) => void;
  onClear: () => void;
  children?: ComponentChildren;
}) {
  const id = useId();
  const inputId = `${id}-filter`;
  const inputRef = useRef<HTMLInputElement>(null);
  const { check, counting } = useFilterCount(props.draft, props.query);
  const draft = props.draft.trim();
  const inUse = props.segmentId ? (props.segment?.filter.trim() ?? '') : props.applied;
  const changed = draft !== inUse;
  const mistake = check?.mistake;
  return (
    <div class="filter-editor" role="group" aria-labelledby={`${id}-label`}>
      <div class="filter-editor__row">
        <label id={`${id}-label`} for={inputId} class="filter-editor__label">
          Filter
        </label>
        <FilterInput
          id={inputId}
          inputRef={inputRef}
          value={props.draft}
          onInput={props.onDraft}
          onEnter={() => props.onApply(props.draft)}
          vocabulary={props.vocabulary}
          invalid={!!mistake}
          describedBy={mistake ? `${id}-mistake` : `${id}-status`}
          placeholder={`e.g. ${kFilterExample}`}
        />
        <div class="filter-editor__actions">
          <button
            type="button"
            class="button"
            disabled={!changed}
            onClick={() => props.onApply(props.draft)}
          >
            Apply filter
          </button>
          {(props.applied || props.segmentId || props.draft) && (
            <button type="button" class="button button--link" onClick={props.onClear}>
              Clear filter
            </button>
          )}
          {props.children}
        </div>
      </div>
      {props.segmentId && (
        <p class="filter-editor__segment small">
          Showing the segment <strong>{props.segment?.name ?? props.segmentId}</strong>
          {changed && draft ? ' · the filter in the box is not applied yet' : ''}
        </p>
      )}
      <FilterStatus
        id={id}
        text={props.draft}
        check={check}
        counting={counting}
        inputRef={inputRef}
        onFix={props.onDraft}
        pending={changed ? 'press Enter or Apply filter to show them' : ''}
        hint={
          <>
            Conditions such as <code>{kFilterExample}</code>; suggestions follow as you type.
          </>
        }
      />
    </div>
  );
}
