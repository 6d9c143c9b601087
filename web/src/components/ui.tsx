// Small building blocks shared by the pages: links, form fields with their error messages,
// error banners, confirmation dialogs, badges and pagination.
import type { ComponentChildren, JSX } from 'preact';
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

export function Checkbox(props: {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  disabled?: boolean;
  name?: string;
}) {
  return (
    <label class="checkbox">
      <input
        type="checkbox"
        name={props.name}
        checked={props.checked}
        disabled={props.disabled}
        onChange={(e) => props.onChange((e.currentTarget as HTMLInputElement).checked)}
      />
      <span>{props.label}</span>
    </label>
  );
}

// A failed request, readable by a store owner; field errors are shown by the form itself.
export function ErrorBanner(props: { error: unknown; onRetry?: () => void; title?: string }) {
  const { error, onRetry } = props;
  if (!error) return null;
  const e = error instanceof ApiError ? error : null;
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
