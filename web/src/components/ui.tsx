// Small building blocks shared by the pages (of the admin and of the customer area): links, form
// fields with their error messages, error banners, confirmation dialogs, badges and pagination.
import type { ComponentChildren, JSX, Ref } from 'preact';
import { useEffect, useId, useRef } from 'preact/hooks';
import { ApiError } from '../api';
import { href, onLinkClick } from '../router';
import type { CustomerStatus } from '../types';

export function Link(
  props: { to: string; children: ComponentChildren } & Omit<
    JSX.HTMLAttributes<HTMLAnchorElement>,
    'href'
  >,
) {
  const { to, children, ...rest } = props;
  return (
    <a {...rest} href={href(to)} onClick={(e) => onLinkClick(e as unknown as MouseEvent, to)}>
      {children}
    </a>
  );
}

interface FieldProps {
  label: string;
  error?: string;
  hint?: string;
  class?: string;
  children: (attrs: {
    id: string;
    'aria-invalid'?: 'true';
    'aria-describedby'?: string;
  }) => ComponentChildren;
}

// A labelled control with its hint and error message wired up for screen readers.
export function Field({ label, error, hint, children, class: cls }: FieldProps) {
  const id = useId();
  const describedBy = [error ? `${id}-error` : '', hint ? `${id}-hint` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div class={`field${error ? ' field--invalid' : ''}${cls ? ` ${cls}` : ''}`}>
      <label for={id}>{label}</label>
      {children({
        id,
        ...(error ? { 'aria-invalid': 'true' as const } : {}),
        ...(describedBy ? { 'aria-describedby': describedBy } : {}),
      })}
      {hint && (
        <p class="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p class="field__error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

// A one-time code: 6 digits from an authenticator app or an SMS (`numeric`, the default), or a
// recovery code of letters and digits.
export function CodeField(props: {
  label: string;
  name: string;
  value: string;
  onInput: (value: string) => void;
  error?: string;
  hint?: string;
  numeric?: boolean;
  inputRef?: Ref<HTMLInputElement>;
}) {
  const numeric = props.numeric ?? true;
  return (
    <Field label={props.label} hint={props.hint} error={props.error}>
      {(a) => (
        <input
          {...a}
          ref={props.inputRef}
          name={props.name}
          inputMode={numeric ? 'numeric' : 'text'}
          autoComplete={numeric ? 'one-time-code' : 'off'}
          autoCapitalize="off"
          spellcheck={false}
          class={numeric ? 'input--short' : 'input--code'}
          value={props.value}
          onInput={(e) => props.onInput(e.currentTarget.value)}
        />
      )}
    </Field>
  );
}

// A checkbox with its label; a `hint` goes on its own line below, tied to the box.
export function Checkbox(props: {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  disabled?: boolean;
  name?: string;
  hint?: string;
}) {
  const id = useId();
  const box = (
    <label class="checkbox">
      <input
        type="checkbox"
        name={props.name}
        checked={props.checked}
        disabled={props.disabled}
        aria-describedby={props.hint ? `${id}-hint` : undefined}
        onChange={(e) => props.onChange((e.currentTarget as HTMLInputElement).checked)}
      />
      <span>{props.label}</span>
    </label>
  );
  if (!props.hint) return box;
  return (
    <div class="checkbox-field">
      {box}
      <p class="field__hint checkbox-field__hint" id={`${id}-hint`}>
        {props.hint}
      </p>
    </div>
  );
}

// A failed request, readable by a store owner; field errors are shown by the form itself. A
// refusal for the admin's role (403) comes without Retry, which could not help.
export function ErrorBanner(props: { error: unknown; onRetry?: () => void; title?: string }) {
  const { error } = props;
  if (!error) return null;
  const e = error instanceof ApiError ? error : null;
  const onRetry = e?.status === 403 ? undefined : props.onRetry;
  const message = e ? e.detail : error instanceof Error ? error.message : String(error);
  return (
    <div class="banner banner--error" role="alert">
      <div>
        {props.title && <strong>{props.title} </strong>}
        {message}
        {e?.requestId && <span class="muted small"> (request {e.requestId})</span>}
      </div>
      {onRetry && (
        <button type="button" class="button button--small" onClick={onRetry}>
          Retry
        </button>
      )}
    </div>
  );
}

// The problem of a submitted form above its fields: the general one in an alert, or how many fields
// need attention (each field shows its own message). Messages for fields the form does not show
// (anything outside `fields`, when given) are listed in the alert.
export function FormErrors(props: { error: ApiError | null; fields?: string[] }) {
  const { error, fields } = props;
  if (!error) return null;
  if (!error.errors.length) return <ErrorBanner error={error} />;
  const shown = (field: string) =>
    !fields || fields.some((f) => field === f || field.startsWith(`${f}.`));
  const here = error.errors.filter((e) => shown(e.field)).length;
  const elsewhere = error.errors.filter((e) => !shown(e.field));
  return (
    <div class="banner banner--error" role="alert">
      <div>
        {here > 0 && (here === 1 ? 'One field needs attention.' : `${here} fields need attention.`)}
        {elsewhere.length > 0 && (
          <ul class="banner__list">
            {elsewhere.map((e) => (
              <li key={`${e.field}:${e.code}`}>{e.message}</li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}

interface ConfirmProps {
  open: boolean;
  title: string;
  children?: ComponentChildren;
  confirmLabel: string;
  danger?: boolean;
  busy?: boolean;
  error?: unknown;
  onConfirm: () => void;
  onCancel: () => void;
}

// A modal confirmation on the native <dialog>: focus is trapped, Escape cancels.
export function ConfirmDialog(props: ConfirmProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (props.open && !d.open) d.showModal();
    if (!props.open && d.open) d.close();
  }, [props.open]);
  return (
    <dialog
      ref={ref}
      class="dialog"
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        props.onCancel();
      }}
    >
      {props.open && (
        <form
          method="dialog"
          onSubmit={(e) => {
            e.preventDefault();
            props.onConfirm();
          }}
        >
          <h2 id={titleId}>{props.title}</h2>
          <div class="dialog__body">{props.children}</div>
          <ErrorBanner error={props.error} />
          <div class="dialog__actions">
            <button type="button" class="button" onClick={props.onCancel}>
              Cancel
            </button>
            <button
              type="submit"
              class={`button ${props.danger ? 'button--danger' : 'button--primary'}`}
              disabled={props.busy}
            >
              {props.confirmLabel}
            </button>
          </div>
        </form>
      )}
    </dialog>
  );
}

// A modal on the native <dialog> for more than a confirmation; Escape (or the caller's Close
// button) closes it, and the focus goes back to what opened it.
export function Modal(props: {
  title: string;
  wide?: boolean;
  class?: string;
  onClose: () => void;
  children: ComponentChildren;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    // Closed while still in the page, so the browser gives the focus back to what opened it.
    return () => {
      if (d?.open) d.close();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      class={`dialog${props.wide ? ' dialog--wide' : ''}${props.class ? ` ${props.class}` : ''}`}
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        props.onClose();
      }}
    >
      <h2 id={titleId}>{props.title}</h2>
      {props.children}
    </dialog>
  );
}

const kStatusLabels: Record<CustomerStatus, string> = {
  active: 'Active',
  inactive: 'Deactivated',
  banned: 'Banned',
};

export function StatusBadge({ status }: { status: string }) {
  const label = kStatusLabels[status as CustomerStatus] ?? status;
  return <span class={`badge badge--${status}`}>{label}</span>;
}

export function Pager(props: {
  hasPrevious: boolean;
  hasNext: boolean;
  onPrevious: () => void;
  onNext: () => void;
  busy?: boolean;
  label?: string;
}) {
  if (!props.hasPrevious && !props.hasNext) return null;
  return (
    <nav class="pager" aria-label={props.label ?? 'Pagination'}>
      <button
        type="button"
        class="button"
        disabled={!props.hasPrevious || props.busy}
        onClick={props.onPrevious}
      >
        ← Previous
      </button>
      <button
        type="button"
        class="button"
        disabled={!props.hasNext || props.busy}
        onClick={props.onNext}
      >
        Next →
      </button>
    </nav>
  );
}

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <p class="loading" role="status">
      {label}
    </p>
  );
}

export function PageHeader(props: { title: string; children?: ComponentChildren }) {
  return (
    <div class="page-header">
      <h1>{props.title}</h1>
      {props.children && <div class="page-header__actions">{props.children}</div>}
    </div>
  );
}

// Focuses and scrolls to the first invalid control of a form after a failed submit.
export function focusFirstInvalid(form: HTMLElement | null): void {
  const el = form?.querySelector<HTMLElement>('[aria-invalid="true"]');
  el?.focus();
}

// After a failed submit: the first invalid control, else the form's alert, else the page heading,
// so the keyboard and a screen reader land on what went wrong.
export function focusProblem(form: HTMLElement | null): void {
  const target =
    form?.querySelector<HTMLElement>('[aria-invalid="true"]') ??
    form?.querySelector<HTMLElement>('[role="alert"]') ??
    document.querySelector<HTMLElement>('main h1');
  if (!target) return;
  if (!target.matches('input, select, textarea, button, a[href]')) target.tabIndex = -1;
  target.focus();
}
