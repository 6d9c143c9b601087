// A searchable choice of one code (a country, a language): an ARIA combobox whose listbox follows
// what is typed, for arrow keys and Enter or the mouse; Escape closes the list, then puts the
// chosen value back. The box shows the choice by name with its code ("Germany — DE") and reports
// only codes. Text that names no code exactly is never taken: it stays in the box with a message
// (`onProblem`), and focusUnresolved tells a form's submit that a box still holds such text.
// PickerField is the picker as a labelled form field; InlinePicker is one for a row of filters.
import { useId, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { PickerSource } from '../pick-list';
import { Field } from './ui';
import './picker.css';

export interface PickerProps {
  id: string;
  name: string;
  source: PickerSource;
  value: string;
  // Called with a code chosen from the list or typed whole, never with other text.
  onChange: (code: string) => void;
  // The label of the empty choice ("Not given", "Any"); without it a code must be chosen.
  empty?: string;
  // The message for text the picker cannot take, or null once there is none.
  onProblem?: (message: string | null) => void;
  disabled?: boolean;
  placeholder?: string;
  'aria-invalid'?: 'true';
  'aria-describedby'?: string;
}

interface Option {
  code: string;
  name: string;
  detail: string;
}

// What the box did with its text when it was committed (Enter, leaving it).
type Commit = 'same' | 'changed' | 'problem';

export function Picker(props: PickerProps) {
  const { id, source, value, onChange, empty } = props;
  const [text, setText] = useState(() => source.shown(value));
  // The list's text ('' for the whole list) while it is open; null while it is closed.
  const [query, setQuery] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const [problem, setProblem] = useState<string | null>(null);
  const selectAll = useRef(false);
  const listId = `${id}-list`;
  const optionId = (i: number) => `${id}-option-${i}`;

  // A value set from outside (Discard, the URL, another choice) is shown as it is.
  const shownValue = useRef(value);
  useLayoutEffect(() => {
    if (shownValue.current === value) return;
    shownValue.current = value;
    setText(source.shown(value));
    report(null);
  }, [value]);

  const options: Option[] =
    query === null
      ? []
      : [
          ...(empty !== undefined && query.trim() === ''
            ? [{ code: '', name: empty, detail: '' }]
            : []),
          ...source.search(query).map((c) => ({
            code: c.code,
            name: c.name,
            detail: c.also ? `${c.code} · ${c.also}` : c.code,
          })),
        ];
  const open = options.length > 0;
  const activeIndex = Math.min(active, options.length - 1);

  useLayoutEffect(() => {
    if (open) document.getElementById(optionId(activeIndex))?.scrollIntoView({ block: 'nearest' });
  }, [open, activeIndex, query]);

  function report(message: string | null) {
    setProblem(message);
    props.onProblem?.(message);
  }

  function noMatch(t: string) {
    return `No ${source.noun} matches “${t}”.`;
  }

  // Opens the whole list at the chosen value, or the list for what is typed.
  function openList() {
    if (text === source.shown(value)) {
      const all = source.search('');
      const at = value ? all.findIndex((c) => c.code === value) : -1;
      setQuery('');
      setActive(at < 0 ? 0 : at + (empty !== undefined ? 1 : 0));
    } else {
      setQuery(text);
      setActive(0);
    }
  }

  function choose(code: string) {
    setText(source.shown(code));
    setQuery(null);
    report(null);
    if (code !== value) onChange(code);
  }

  function commit(): Commit {
    setQuery(null);
    if (text === source.shown(value)) {
      report(null);
      return 'same';
    }
    const t = text.trim();
    if (!t) {
      if (empty === undefined) {
        report(`Choose a ${source.noun}.`);
        return 'problem';
      }
      choose('');
      return value === '' ? 'same' : 'changed';
    }
    const code = source.exact(t);
    if (code !== null) {
      choose(code);
      return code === value ? 'same' : 'changed';
    }
    report(
      source.search(t).length > 0
        ? `“${t}” is not a whole ${source.noun} name or code: choose one from the list.`
        : noMatch(t),
    );
    return 'problem';
  }

  function onKeyDown(e: KeyboardEvent) {
    selectAll.current = false;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!open) {
        openList();
        return;
      }
      if (e.altKey) return;
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((activeIndex + step + options.length) % options.length);
    } else if (e.key === 'Enter') {
      if (open) {
        e.preventDefault();
        choose(options[activeIndex]!.code);
      } else if (commit() !== 'same') {
        // A new choice is not sent with the form before the form has it; a problem not at all.
        e.preventDefault();
      }
    } else if (e.key === 'Escape') {
      if (open) {
        // Closes the list only, not the dialog around the box.
        e.preventDefault();
        e.stopPropagation();
        setQuery(null);
      } else if (text !== source.shown(value)) {
        e.preventDefault();
        e.stopPropagation();
        setText(source.shown(value));
        report(null);
      }
    }
  }

  return (
    <div class="picker">
      <input
        id={id}
        name={props.name}
        type="text"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={open ? optionId(activeIndex) : undefined}
        aria-invalid={props['aria-invalid']}
        aria-describedby={props['aria-describedby']}
        data-unresolved={problem ? '' : undefined}
        autoComplete="off"
        autoCapitalize="off"
        spellcheck={false}
        disabled={props.disabled}
        placeholder={props.placeholder}
        value={text}
        onInput={(e) => {
          const typed = e.currentTarget.value;
          setText(typed);
          setQuery(typed);
          setActive(0);
          // Said at once when nothing matches; other text is judged when it is committed.
          report(typed.trim() && source.search(typed).length === 0 ? noMatch(typed.trim()) : null);
        }}
        onKeyDown={onKeyDown}
        onFocus={(e) => {
          e.currentTarget.select();
          selectAll.current = true;
        }}
        onMouseUp={(e) => {
          // The click that focused the box keeps its text selected, to be typed over.
          if (selectAll.current) e.preventDefault();
          selectAll.current = false;
        }}
        onClick={() => {
          if (!open) openList();
        }}
        onBlur={() => {
          selectAll.current = false;
          commit();
        }}
      />
      <ul
        id={listId}
        role="listbox"
        // Not named after the box ("Countries"), which keeps the box's label its own.
        aria-label="Suggestions"
        class="picker__list"
        hidden={!open}
        // Keeps the focus in the box, so the list stays while it is scrolled or clicked.
        onMouseDown={(e) => e.preventDefault()}
      >
        {options.map((o, i) => (
          <li
            key={o.code}
            id={optionId(i)}
            role="option"
            aria-selected={i === activeIndex}
            class={`picker__option${i === activeIndex ? ' is-active' : ''}${o.code === '' ? ' picker__option--empty' : ''}`}
            onClick={() => choose(o.code)}
          >
            <span class="picker__name">{o.name}</span>
            {o.detail && (
              <>
                {' '}
                <span class="picker__code">{o.detail}</span>
              </>
            )}
          </li>
        ))}
      </ul>
      <span class="visually-hidden" aria-live="polite">
        {query !== null && query.trim() !== ''
          ? `${options.length} ${options.length === 1 ? source.noun : source.plural}`
          : ''}
      </span>
    </div>
  );
}

// After a submit: focuses the first picker in `form` that holds text it could not take and
// returns true; false when there is none, so the form may be sent.
export function focusUnresolved(form: HTMLElement | null): boolean {
  const box = form?.querySelector<HTMLInputElement>('input[data-unresolved]');
  if (!box) return false;
  box.focus();
  return true;
}

type OwnProps = Omit<PickerProps, 'id' | 'onProblem' | 'aria-invalid' | 'aria-describedby'>;

// A picker as a form field: its label, hint, and its message or the server's `error` below.
export function PickerField(props: OwnProps & { label: string; hint?: string; error?: string }) {
  const { label, hint, error, ...picker } = props;
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <Field label={label} hint={hint} error={problem ?? error}>
      {(attrs) => <Picker {...picker} {...attrs} onProblem={setProblem} />}
    </Field>
  );
}

// A picker with its label above and its message or the server's `error` below, for a row of
// filters or a toolbar.
export function InlinePicker(props: OwnProps & { label: string; error?: string; class?: string }) {
  const { label, error, class: cls, ...picker } = props;
  const id = useId();
  const [problem, setProblem] = useState<string | null>(null);
  const message = problem ?? error;
  return (
    <div class={`inline-picker${cls ? ` ${cls}` : ''}`}>
      <label for={id}>{label}</label>
      <Picker
        {...picker}
        id={id}
        onProblem={setProblem}
        aria-invalid={message ? 'true' : undefined}
        aria-describedby={message ? `${id}-message` : undefined}
      />
      {message && (
        <span id={`${id}-message`} class="field__error">
          {message}
        </span>
      )}
    </div>
  );
}
