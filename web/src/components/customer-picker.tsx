// A searchable choice of one customer, for a filter: an ARIA combobox whose listbox shows the
// customers whose name, e-mail address or phone matches what is typed (searched by the server as
// one types, up to 8), for arrow keys and Enter or the mouse. The box shows the chosen customer
// by name and reports only ids; a customer id typed or pasted whole is taken as it is. Emptying
// the box or its Clear button removes the choice. Escape closes the list, then puts the chosen
// customer back; text that names no customer is never taken and gives way to the choice when the
// box is left.
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { api, isApiError } from '../api';
import { customerName } from '../format';
import { useDebounced, useResource } from '../hooks';
import type { Customer, CustomerPage } from '../types';
import './picker.css';
import './customer-picker.css';

const kCustomerId = /^cus_[0-9a-z]+$/;
const kLimit = 8;

// A customer as the box and the list name it.
interface Named {
  id: string;
  name: string;
  detail: string;
  missing?: boolean; // no customer has this id (any more)
}

function named(c: Customer): Named {
  const name = customerName(c);
  const detail = [c.email, c.phone].filter((v) => v && v !== name).join(' · ');
  return { id: c.id, name, detail };
}

export interface CustomerPickerProps {
  id: string;
  name: string;
  // The chosen customer's id, or '' for none.
  value: string;
  // Called with a customer id chosen from the list or typed whole, or '' once the box is cleared.
  onChange: (id: string) => void;
  // Names the page already knows by customer id (such as the audit log's target names). With
  // them, a chosen customer is never looked up: reading a profile counts as viewing it.
  knownNames?: Record<string, string>;
  placeholder?: string;
}

export function CustomerPicker(props: CustomerPickerProps) {
  const { id, value, onChange } = props;
  const box = useRef<HTMLInputElement>(null);
  const listId = `${id}-list`;
  const optionId = (i: number) => `${id}-option-${i}`;
  // The words for customers met so far: the ones chosen from the list, the one the box opened with.
  const [known, setKnown] = useState<Record<string, Named>>({});
  const shown = (v: string) => (v ? (known[v]?.name ?? (props.knownNames?.[v] || v)) : '');
  const [text, setText] = useState(() => shown(value));
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const selectAll = useRef(false);

  // A chosen customer not met in the list (the URL named it, or its id was pasted) is looked up,
  // unless the page names its customers itself.
  const looked = useResource(
    async (signal) => {
      if (!value || known[value] || props.knownNames || !kCustomerId.test(value)) return null;
      try {
        const { data } = await api.get<Customer>(`/api/admin/customers/${value}`, { signal });
        // A merged customer's id leads to the survivor: the filter still names the old id.
        const found: Named =
          data.id === value ? named(data) : { ...named(data), name: `${value} (merged)` };
        setKnown((k) => ({ ...k, [value]: { ...found, id: value } }));
      } catch (e) {
        if (isApiError(e) && e.status === 404) {
          setKnown((k) => ({
            ...k,
            [value]: { id: value, name: value, detail: '', missing: true },
          }));
        } else {
          throw e;
        }
      }
      return null;
    },
    [value],
  );

  // A choice made elsewhere (the URL, the Clear button) or a name looked up shows in the box,
  // unless someone is typing there.
  const shownText = shown(value);
  useLayoutEffect(() => {
    if (document.activeElement !== box.current) setText(shownText);
  }, [shownText]);

  const typed = text.trim();
  const searching = open && typed !== '' && !kCustomerId.test(typed) && text !== shownText;
  const query = useDebounced(searching ? typed : '', 200);
  const found = useResource(
    async (signal) => {
      if (!query) return { query, items: [] as Named[] };
      const { data } = await api.get<CustomerPage>('/api/admin/customers', {
        signal,
        query: { q: query, limit: kLimit },
      });
      return { query, items: data.items.map(named) };
    },
    [query],
  );
  const options = searching && found.data?.query ? found.data.items : [];
  const settled = searching && found.data?.query === typed && !found.loading;
  const listShown = options.length > 0;
  const activeIndex = Math.min(active, options.length - 1);

  useLayoutEffect(() => {
    if (listShown) {
      document.getElementById(optionId(activeIndex))?.scrollIntoView({ block: 'nearest' });
    }
  }, [listShown, activeIndex, found.data]);

  function choose(c: Named) {
    setKnown((k) => ({ ...k, [c.id]: c }));
    setText(c.name);
    setOpen(false);
    if (c.id !== value) onChange(c.id);
  }

  function clear() {
    setText('');
    setOpen(false);
    if (value) onChange('');
    box.current?.focus();
  }

  // Leaving the box: an emptied box clears the choice; other text gives way to the choice.
  function commit() {
    setOpen(false);
    if (typed === '') {
      if (value) onChange('');
      setText('');
    } else if (kCustomerId.test(typed)) {
      setText(shown(typed));
    } else {
      setText(shownText);
    }
  }

  function onKeyDown(e: KeyboardEvent) {
    selectAll.current = false;
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (!listShown) {
        setOpen(true);
        return;
      }
      if (e.altKey) return;
      const step = e.key === 'ArrowDown' ? 1 : -1;
      setActive((activeIndex + step + options.length) % options.length);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      if (listShown) choose(options[activeIndex]!);
    } else if (e.key === 'Escape') {
      if (open && (listShown || settled)) {
        // Closes the list only, not a dialog around the box.
        e.preventDefault();
        e.stopPropagation();
        setOpen(false);
      } else if (text !== shownText) {
        e.preventDefault();
        e.stopPropagation();
        setText(shownText);
      }
    }
  }

  const knownName = value ? props.knownNames?.[value] : undefined;
  const chosen = !value
    ? undefined
    : (known[value] ?? (knownName ? { id: value, name: knownName, detail: '' } : undefined));
  const noMatch = settled && options.length === 0;
  return (
    <div class="picker customer-picker">
      <input
        ref={box}
        id={id}
        name={props.name}
        type="text"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={listShown}
        aria-controls={listId}
        aria-activedescendant={listShown ? optionId(activeIndex) : undefined}
        aria-describedby={`${id}-chosen`}
        autoComplete="off"
        autoCapitalize="off"
        spellcheck={false}
        placeholder={props.placeholder}
        title={
          chosen ? [chosen.name, chosen.detail, chosen.id].filter(Boolean).join(' · ') : undefined
        }
        data-customer-id={value || undefined}
        value={text}
        onInput={(e) => {
          const t = e.currentTarget.value;
          setText(t);
          setOpen(true);
          setActive(0);
          const whole = t.trim();
          if (whole === '') {
            if (value) onChange('');
          } else if (kCustomerId.test(whole) && whole !== value) {
            onChange(whole);
          }
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
        onBlur={() => {
          selectAll.current = false;
          commit();
        }}
      />
      {value && (
        <button
          type="button"
          class="customer-picker__clear"
          aria-label={`Clear the customer${chosen ? ` (${chosen.name})` : ''}`}
          title="Clear"
          onClick={clear}
        >
          ×
        </button>
      )}
      <ul
        id={listId}
        role="listbox"
        aria-label="Matching customers"
        aria-busy={found.loading}
        class="picker__list"
        hidden={!listShown}
        // Keeps the focus in the box, so the list stays while it is scrolled or clicked.
        onMouseDown={(e) => e.preventDefault()}
      >
        {options.map((c, i) => (
          <li
            key={c.id}
            id={optionId(i)}
            role="option"
            aria-selected={i === activeIndex}
            class={`picker__option${i === activeIndex ? ' is-active' : ''}`}
            onClick={() => choose(c)}
          >
            <span class="picker__name">{c.name}</span>
            {c.detail && (
              <>
                {' '}
                <span class="picker__code">{c.detail}</span>
              </>
            )}
          </li>
        ))}
      </ul>
      {noMatch && (
        <p class="picker__list customer-picker__none" data-testid="customer-picker-none">
          No customer matches “{typed}”.
        </p>
      )}
      <span id={`${id}-chosen`} class="visually-hidden">
        {chosen?.missing ? 'No customer has this id.' : chosen?.detail}
        {looked.error ? 'The customer could not be loaded.' : ''}
      </span>
      <span class="visually-hidden" aria-live="polite">
        {settled
          ? options.length === 0
            ? `No customer matches “${typed}”.`
            : `${options.length} ${options.length === 1 ? 'customer' : 'customers'}${
                options.length === kLimit ? ', the first ones' : ''
              }`
          : ''}
      </span>
    </div>
  );
}
