// A menu button (the WAI-ARIA pattern): a button with aria-haspopup and aria-expanded that opens
// a list of actions. Opening moves the focus to the first action (ArrowUp on the button: the
// last); ArrowDown/ArrowUp/Home/End move between them; Escape closes and gives the focus back to
// the button; Tab or a click elsewhere closes. Choosing an action closes the menu and puts the
// focus back on the button before the action runs, so a dialog it opens hands the focus back there
// when it closes.
import type { RefObject } from 'preact';
import { useEffect, useId, useLayoutEffect, useRef, useState } from 'preact/hooks';

export interface MenuAction {
  key: string;
  label: string;
  onSelect: () => void;
  danger?: boolean;
  // Starts a new group: a line above the item.
  separatorBefore?: boolean;
  // A short line under the label: what the action does, or why it is unavailable.
  hint?: string;
  disabled?: boolean;
}

export function MenuButton(props: {
  label: string;
  actions: MenuAction[];
  class?: string;
  // The menu's button, for a page that puts the focus back on it.
  buttonRef?: RefObject<HTMLButtonElement>;
}) {
  const { label, actions } = props;
  const [open, setOpen] = useState(false);
  // Which action takes the focus when the menu opens: the first, or -1 for the last.
  const [start, setStart] = useState(0);
  // Opens towards the right when the button is too close to the left edge for the menu to fit.
  const [alignStart, setAlignStart] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const own = useRef<HTMLButtonElement>(null);
  const button = props.buttonRef ?? own;
  const items = useRef<Array<HTMLButtonElement | null>>([]);
  const id = useId();

  // Layout effects: the focus is on the first action before the menu is painted.
  useLayoutEffect(() => {
    if (!open) return;
    const list = items.current.filter((el): el is HTMLButtonElement => !!el);
    (start < 0 ? list[list.length - 1] : list[0])?.focus();
  }, [open]);

  useEffect(() => {
    if (!open) return;
    const onPointer = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  function show(from: number) {
    const rect = button.current?.getBoundingClientRect();
    setAlignStart(!!rect && rect.right < 240);
    setStart(from);
    setOpen(true);
  }

  function close() {
    setOpen(false);
    button.current?.focus();
  }

  function move(e: KeyboardEvent) {
    const list = items.current.filter((el): el is HTMLButtonElement => !!el);
    const i = list.indexOf(document.activeElement as HTMLButtonElement);
    let next = -1;
    if (e.key === 'ArrowDown') next = (i + 1) % list.length;
    else if (e.key === 'ArrowUp') next = (i - 1 + list.length) % list.length;
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = list.length - 1;
    else return;
    e.preventDefault();
    list[next]?.focus();
  }

  if (!actions.length) return null;
  return (
    <div
      ref={root}
      class={`menu${props.class ? ` ${props.class}` : ''}`}
      onKeyDown={(e) => {
        if (!open) return;
        if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          close();
        } else if (e.key === 'Tab') {
          setOpen(false);
        }
      }}
    >
      <button
        ref={button}
        type="button"
        class="button menu__button"
        id={`${id}-button`}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? `${id}-menu` : undefined}
        onClick={() => (open ? setOpen(false) : show(0))}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault();
            show(e.key === 'ArrowDown' ? 0 : -1);
          }
        }}
      >
        {label}
        <span class="menu__caret" aria-hidden="true">
          ▾
        </span>
      </button>
      {open && (
        <ul
          role="menu"
          id={`${id}-menu`}
          aria-labelledby={`${id}-button`}
          class={`menu__list${alignStart ? ' menu__list--start' : ''}`}
          onKeyDown={move}
        >
          {actions.map((a, i) => [
            a.separatorBefore && i > 0 && (
              <li role="separator" class="menu__separator" key={`${a.key}-separator`} />
            ),
            <li role="none" key={a.key}>
              <button
                ref={(el) => {
                  items.current[i] = el;
                }}
                type="button"
                role="menuitem"
                tabIndex={-1}
                class={`menu__item${a.danger ? ' menu__item--danger' : ''}`}
                aria-disabled={a.disabled ? 'true' : undefined}
                aria-labelledby={a.hint ? `${id}-${a.key}-label` : undefined}
                aria-describedby={a.hint ? `${id}-${a.key}-hint` : undefined}
                onClick={() => {
                  if (a.disabled) return;
                  close();
                  a.onSelect();
                }}
              >
                <span class="menu__label" id={`${id}-${a.key}-label`}>
                  {a.label}
                </span>
                {a.hint && (
                  <span class="menu__hint" id={`${id}-${a.key}-hint`}>
                    {a.hint}
                  </span>
                )}
              </button>
            </li>,
          ])}
        </ul>
      )}
    </div>
  );
}
