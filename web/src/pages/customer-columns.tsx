// The customer list's columns: which there are, which show, and the "Columns" control that lets
// the owner choose them. The choice is kept in this browser's localStorage and read back on the
// next visit; a column added to the list later shows or not by its own default until chosen.
// The Name column always shows: it is the row's link.
import { useEffect, useId, useLayoutEffect, useRef, useState } from 'preact/hooks';
import './customer-columns.css';

export interface Column {
  key: string;
  label: string;
  sort?: string; // the API's sort key, when the API can sort by this column
  // What the Columns control calls it, when the header's short label would not say enough.
  choiceLabel?: string;
  // The header in the Guests view, where it means something else ("First seen").
  guestLabel?: string;
  // Left out of the Guests view (a guest has no group of its own to show).
  notForGuests?: boolean;
  // Shown until the owner chooses otherwise.
  shownByDefault?: boolean;
}

// Every column, in the order the list shows them; all but Name can be hidden.
export const kListColumns: Column[] = [
  { key: 'name', label: 'Name', sort: 'name' },
  { key: 'email', label: 'E-mail', sort: 'email', shownByDefault: true },
  { key: 'phone', label: 'Phone', shownByDefault: true },
  { key: 'company', label: 'Company' },
  { key: 'country', label: 'Country', shownByDefault: true },
  { key: 'language', label: 'Language' },
  { key: 'address', label: 'Address', shownByDefault: true },
  { key: 'group', label: 'Group', notForGuests: true, shownByDefault: true },
  { key: 'tags', label: 'Tags', shownByDefault: true },
  { key: 'status', label: 'Status', shownByDefault: true },
  { key: 'email_consent', label: 'E-mail consent', choiceLabel: 'E-mail marketing consent' },
  { key: 'sms_consent', label: 'SMS consent', choiceLabel: 'SMS marketing consent' },
  {
    key: 'messenger_consent',
    label: 'Messenger consent',
    choiceLabel: 'Messenger marketing consent',
  },
  {
    key: 'registered',
    label: 'Registered',
    guestLabel: 'First seen',
    sort: 'registered',
    shownByDefault: true,
  },
  { key: 'last_activity', label: 'Last activity', sort: 'last_activity', shownByDefault: true },
  { key: 'orders', label: 'Orders', sort: 'orders', shownByDefault: true },
  { key: 'total_spent', label: 'Total spent', sort: 'total_spent', shownByDefault: true },
  { key: 'last_order', label: 'Last order', sort: 'last_order', shownByDefault: true },
  { key: 'balance', label: 'Store credit', shownByDefault: true },
];

const kChoices = kListColumns.filter((c) => c.key !== 'name');

export function defaultColumns(): Set<string> {
  return new Set(kChoices.filter((c) => c.shownByDefault).map((c) => c.key));
}

// The columns a view shows, in order, with the view's labels.
export function columnsFor(shown: ReadonlySet<string>, guests: boolean): Column[] {
  return kListColumns
    .filter((c) => c.key === 'name' || shown.has(c.key))
    .filter((c) => !(guests && c.notForGuests))
    .map((c) => (guests && c.guestLabel ? { ...c, label: c.guestLabel } : c));
}

// The stored choice names the columns shown and those hidden, so that one in neither list (new
// since) follows its default.
const kStorageKey = 'clientele.customer-list.columns';
interface Stored {
  shown: string[];
  hidden: string[];
}

export function loadColumns(): Set<string> {
  const shown = defaultColumns();
  try {
    const raw = window.localStorage.getItem(kStorageKey);
    if (!raw) return shown;
    const stored = JSON.parse(raw) as Partial<Stored>;
    const known = new Set(kChoices.map((c) => c.key));
    for (const k of Array.isArray(stored.shown) ? stored.shown : []) if (known.has(k)) shown.add(k);
    for (const k of Array.isArray(stored.hidden) ? stored.hidden : []) shown.delete(k);
  } catch {
    // Unreadable or unavailable storage: the default columns.
  }
  return shown;
}

export function saveColumns(shown: ReadonlySet<string>): void {
  const stored: Stored = {
    shown: kChoices.filter((c) => shown.has(c.key)).map((c) => c.key),
    hidden: kChoices.filter((c) => !shown.has(c.key)).map((c) => c.key),
  };
  try {
    window.localStorage.setItem(kStorageKey, JSON.stringify(stored));
  } catch {
    // Storage full or refused: the choice holds for this visit only.
  }
}

// The columns shown, read from this browser's storage, and a setter that keeps the choice there.
export function useColumnChoice(): [ReadonlySet<string>, (shown: ReadonlySet<string>) => void] {
  const [shown, setShown] = useState<ReadonlySet<string>>(loadColumns);
  return [
    shown,
    (next) => {
      setShown(next);
      saveColumns(next);
    },
  ];
}

// The "Columns" button and the panel of checkboxes it opens (a disclosure): opening moves the
// focus to the first checkbox; Escape closes it and gives the focus back to the button; so do a
// click elsewhere and Tab past its last control.
export function ColumnsMenu(props: {
  shown: ReadonlySet<string>;
  onChange: (shown: ReadonlySet<string>) => void;
}) {
  const { shown, onChange } = props;
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLFieldSetElement>(null);
  const id = useId();

  useLayoutEffect(() => {
    if (open) panel.current?.querySelector<HTMLInputElement>('input')?.focus();
  }, [open]);

  useEffect(() => {
    if (!open) return;
    const onPointer = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  function toggle(key: string) {
    const next = new Set(shown);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    onChange(next);
  }

  const isDefault = (() => {
    const d = defaultColumns();
    return d.size === shown.size && [...d].every((k) => shown.has(k));
  })();

  return (
    <div
      ref={root}
      class="columns-menu"
      onKeyDown={(e) => {
        if (open && e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          setOpen(false);
          button.current?.focus();
        }
      }}
      onFocusOut={(e) => {
        const to = e.relatedTarget as Node | null;
        if (to && !root.current?.contains(to)) setOpen(false);
      }}
    >
      <button
        ref={button}
        type="button"
        class="button columns-menu__button"
        aria-expanded={open}
        aria-controls={open ? `${id}-panel` : undefined}
        onClick={() => setOpen(!open)}
      >
        Columns
        <span class="menu__caret" aria-hidden="true">
          ▾
        </span>
      </button>
      {open && (
        <fieldset ref={panel} id={`${id}-panel`} class="columns-menu__panel">
          <legend class="columns-menu__title">Show columns</legend>
          <ul class="columns-menu__list">
            {kChoices.map((c) => (
              <li key={c.key}>
                <label class="checkbox">
                  <input
                    type="checkbox"
                    name={`column-${c.key}`}
                    checked={shown.has(c.key)}
                    onChange={() => toggle(c.key)}
                  />
                  <span>{c.choiceLabel ?? c.label}</span>
                </label>
              </li>
            ))}
          </ul>
          <p class="muted small columns-menu__note">Name always shows. Kept in this browser.</p>
          <button
            type="button"
            class="button button--small"
            disabled={isDefault}
            onClick={() => onChange(defaultColumns())}
          >
            Reset to default
          </button>
        </fieldset>
      )}
    </div>
  );
}
