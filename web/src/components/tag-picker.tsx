// A choice of customer tags from the store's own: an ARIA combobox whose list suggests the tags
// matching what is typed (case and accents aside; tag-names.ts), a tag a letter or two away before
// anything else, for arrow keys and Enter or the mouse. Chosen tags show as chips, each with its
// remove button; Backspace in the empty box removes the last. Text that names no tag becomes one
// only through the list's explicit "Create tag “…”" option (with `create`), and the chip of a tag
// the store does not have yet says "new": a typo never turns into a tag unnoticed. Text left in the
// box that names no tag stays there with a message, and marks the box for focusUnresolved.
// TagPickerField is the picker as a labelled form field.
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { plural } from '../format';
import { sameTag, suggestTags, tagNameProblem } from '../tag-names';
import type { Tag } from '../types';
import { Field } from './ui';
import './picker.css';
import './tag-picker.css';

export interface TagPickerProps {
  id: string;
  name?: string;
  // The store's tags; null while they load.
  tags: readonly Tag[] | null;
  // The chosen tags' names.
  value: readonly string[];
  onChange: (tags: string[]) => void;
  // One tag at most: a new choice replaces the chosen one.
  single?: boolean;
  // Offers to create a tag from text that names none; without it only the store's tags are taken.
  create?: boolean;
  disabled?: boolean;
  placeholder?: string;
  // The message for text the picker cannot take, or null once there is none.
  onProblem?: (message: string | null) => void;
  'aria-invalid'?: 'true';
  'aria-describedby'?: string;
}

type Option = { kind: 'tag'; name: string; count: number } | { kind: 'create'; name: string };

// With text typed, the list shows this many tags at most, so that "Create tag" stays in view.
const kMaxSuggestions = 8;

export function TagPicker(props: TagPickerProps) {
  const { id, tags, value, onChange, single, create } = props;
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [problem, setProblem] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const listId = `${id}-list`;
  const optionId = (i: number) => `${id}-option-${i}`;

  const names = (tags ?? []).map((t) => t.name);
  const counts = new Map((tags ?? []).map((t) => [t.name, t.customer_count]));
  const chosen = (name: string) => value.some((v) => sameTag([v], name) !== null);
  const isNew = (name: string) => tags !== null && sameTag(names, name) === null;

  const typed = text.trim();
  let options: Option[] = [];
  if (open && tags !== null) {
    const found = suggestTags(names, typed, chosen);
    options = (typed ? found.slice(0, kMaxSuggestions) : found).map((name) => ({
      kind: 'tag',
      name,
      count: counts.get(name) ?? 0,
    }));
    if (
      create &&
      typed &&
      sameTag(names, typed) === null &&
      !chosen(typed) &&
      tagNameProblem(typed) === null
    ) {
      options.push({ kind: 'create', name: typed });
    }
  }
  const shown = options.length > 0;
  const activeIndex = Math.min(active, options.length - 1);

  useLayoutEffect(() => {
    if (shown) document.getElementById(optionId(activeIndex))?.scrollIntoView({ block: 'nearest' });
  }, [shown, activeIndex, text]);

  function report(message: string | null) {
    setProblem(message);
    props.onProblem?.(message);
  }

  function choose(name: string) {
    setText('');
    setOpen(false);
    report(null);
    if (chosen(name)) return;
    onChange(single ? [name] : [...value, name]);
  }

  function remove(name: string) {
    onChange(value.filter((v) => v !== name));
    input.current?.focus();
  }

  // What a text left in the box says: taken when it is a tag's whole name, else a message.
  function commit() {
    setOpen(false);
    if (!typed) {
      setText('');
      report(null);
      return;
    }
    const existing = sameTag(names, typed);
    if (existing !== null) {
      choose(existing);
      return;
    }
    if (chosen(typed)) {
      setText('');
      report(null);
      return;
    }
    if (tags === null) return;
    if (!create) report(`No tag is called “${typed}”: choose one from the list.`);
    else
      report(
        tagNameProblem(typed) ?? `“${typed}” is not a tag yet: choose “Create tag” to add it.`,
      );
  }

  function onKeyDown(e: KeyboardEvent) {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!shown) {
        setOpen(true);
        setActive(0);
        return;
      }
      if (e.altKey) return;
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((activeIndex + step + options.length) % options.length);
    } else if (e.key === 'Enter') {
      if (shown) {
        e.preventDefault();
        const o = options[activeIndex]!;
        choose(o.name);
      } else if (typed) {
        // Text is never sent with the form: it names a tag, or the list says what it could be.
        e.preventDefault();
        const existing = sameTag(names, typed);
        if (existing !== null) choose(existing);
        else if (!open) {
          setOpen(true);
          setActive(0);
        } else commit();
      }
    } else if (e.key === 'Escape') {
      if (shown) {
        // Closes the list only, not the dialog around the box.
        e.preventDefault();
        e.stopPropagation();
        setOpen(false);
      } else if (text) {
        e.preventDefault();
        e.stopPropagation();
        setText('');
        report(null);
      }
    } else if (e.key === 'Backspace' && text === '' && value.length > 0) {
      e.preventDefault();
      onChange(value.slice(0, -1));
    }
  }

  let announced = '';
  if (open && typed && tags !== null) {
    const found = options.filter((o) => o.kind === 'tag').length;
    announced = found ? plural(found, 'tag') : 'No tag matches.';
    if (options.some((o) => o.kind === 'create')) announced += ` Create tag “${typed}” is offered.`;
  }

  return (
    <div class={`tag-picker${single ? ' tag-picker--single' : ''}`}>
      {value.length > 0 && (
        <ul class="tag-picker__chips">
          {value.map((t) => {
            const fresh = isNew(t);
            return (
              <li key={t} class={`tag tag-chip${fresh ? ' tag--new' : ''}`}>
                <span class="tag-chip__name">{t}</span>
                {fresh && <span class="tag-chip__new">new</span>}
                {!props.disabled && (
                  <button
                    type="button"
                    class="tag-chip__remove"
                    aria-label={`Remove ${t}`}
                    title={`Remove ${t}`}
                    onClick={() => remove(t)}
                  >
                    ×
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <div class="picker">
        <input
          ref={input}
          id={id}
          name={props.name}
          type="text"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={shown}
          aria-controls={listId}
          aria-activedescendant={shown ? optionId(activeIndex) : undefined}
          aria-invalid={props['aria-invalid']}
          aria-describedby={props['aria-describedby']}
          data-unresolved={problem ? '' : undefined}
          autoComplete="off"
          autoCapitalize="off"
          spellcheck={false}
          disabled={props.disabled}
          placeholder={tags === null ? 'Loading tags…' : props.placeholder}
          value={text}
          onInput={(e) => {
            setText(e.currentTarget.value);
            setOpen(true);
            setActive(0);
            const t = e.currentTarget.value.trim();
            // A name the server would refuse is said at once; other text when it is left.
            report(create && t && t.includes(',') ? tagNameProblem(t) : null);
          }}
          onKeyDown={onKeyDown}
          onClick={() => {
            if (!shown) {
              setOpen(true);
              setActive(0);
            }
          }}
          onBlur={commit}
        />
        <ul
          id={listId}
          role="listbox"
          aria-label="Suggestions"
          class="picker__list"
          hidden={!shown}
          // Keeps the focus in the box, so the list stays while it is scrolled or clicked.
          onMouseDown={(e) => e.preventDefault()}
        >
          {options.map((o, i) => (
            <li
              key={`${o.kind}:${o.name}`}
              id={optionId(i)}
              role="option"
              aria-selected={i === activeIndex}
              class={`picker__option${i === activeIndex ? ' is-active' : ''}${o.kind === 'create' ? ' picker__option--create' : ''}`}
              onClick={() => choose(o.name)}
            >
              {o.kind === 'tag' ? (
                <>
                  <span class="picker__name">{o.name}</span>{' '}
                  <span class="picker__code">{plural(o.count, 'customer')}</span>
                </>
              ) : (
                <>
                  <span class="picker__name">Create tag “{o.name}”</span>{' '}
                  <span class="badge badge--new">New tag</span>
                </>
              )}
            </li>
          ))}
        </ul>
        <span class="visually-hidden" aria-live="polite">
          {announced}
        </span>
      </div>
    </div>
  );
}

type OwnProps = Omit<TagPickerProps, 'id' | 'onProblem' | 'aria-invalid' | 'aria-describedby'>;

// A tag picker as a form field: its label, hint, and its message or the server's `error` below.
export function TagPickerField(props: OwnProps & { label: string; hint?: string; error?: string }) {
  const { label, hint, error, ...picker } = props;
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <Field label={label} hint={hint} error={problem ?? error}>
      {(attrs) => <TagPicker {...picker} {...attrs} onProblem={setProblem} />}
    </Field>
  );
}
