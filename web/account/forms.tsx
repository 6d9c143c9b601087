// Pieces the customer area's forms share: the page heading that takes the focus on navigation,
// the submit state (busy, the problem, focus on what went wrong), a password field that can show
// what is typed, the password rules, and the words for a refused SMS code.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, asApiError, isAbort } from '../src/api';
import { focusUnresolved } from '../src/components/picker';
import { Field, focusProblem } from '../src/components/ui';

let firstPage = true;

// The page's <h1>. After a navigation it takes the focus, so the keyboard and a screen reader
// start at the new page; the first page of a visit leaves the focus where the browser puts it.
export function PageTitle(props: { children: ComponentChildren }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (firstPage) firstPage = false;
    else ref.current?.focus();
  }, []);
  return (
    <h1 ref={ref} tabIndex={-1} class="page-title">
      {props.children}
    </h1>
  );
}

export interface Submit {
  ref: { current: HTMLFormElement | null };
  busy: boolean;
  error: ApiError | null;
  setError: (error: ApiError | null) => void;
  // Runs `action`, unless a country box holds text it could not take; a failure becomes `error`
  // and moves the focus to the first invalid field (or the form's alert). True when it
  // succeeded.
  run: (action: () => Promise<void>) => Promise<boolean>;
  field: (name: string) => string | undefined;
}

export function useSubmit(): Submit {
  const ref = useRef<HTMLFormElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  async function run(action: () => Promise<void>): Promise<boolean> {
    // A country typed that names none is not sent: the box says so and takes the focus.
    if (focusUnresolved(ref.current)) return false;
    setBusy(true);
    setError(null);
    try {
      await action();
      return true;
    } catch (e) {
      if (isAbort(e)) return false;
      setError(asApiError(e));
      setTimeout(() => focusProblem(ref.current), 0);
      return false;
    } finally {
      setBusy(false);
    }
  }
  return { ref, busy, error, setError, run, field: (name) => error?.field(name) };
}

export const kPasswordRules =
  'At least 10 characters. Not a common password, and not containing the name part of your e-mail address (before the @).';

// A password with a Show/Hide button; `hint` (such as the rules) and `error` are tied to the input.
export function PasswordField(props: {
  label: string;
  name: string;
  value: string;
  onInput: (value: string) => void;
  autoComplete: 'current-password' | 'new-password';
  error?: string;
  hint?: string;
}) {
  const [shown, setShown] = useState(false);
  return (
    <Field label={props.label} hint={props.hint} error={props.error}>
      {(attrs) => (
        <div class="password-input">
          <input
            {...attrs}
            name={props.name}
            type={shown ? 'text' : 'password'}
            autoComplete={props.autoComplete}
            autoCapitalize="off"
            spellcheck={false}
            value={props.value}
            onInput={(e) => props.onInput(e.currentTarget.value)}
          />
          <button
            type="button"
            class="button button--small"
            aria-controls={attrs.id}
            onClick={() => setShown(!shown)}
          >
            {shown ? 'Hide' : 'Show'}
            <span class="visually-hidden"> {props.label.toLowerCase()}</span>
          </button>
        </div>
      )}
    </Field>
  );
}

// A problem of sending an SMS code, in the shopper's words: the server's answer to too many codes
// speaks of e-mails.
export function inSmsWords(e: unknown): unknown {
  if (e instanceof ApiError && e.code === 'too_many_requests') {
    return new ApiError({
      status: e.status,
      code: e.code,
      detail: 'Too many codes were sent to your phone. Wait 15 minutes, then try again.',
      request_id: e.requestId,
      errors: [],
    });
  }
  return e;
}

// A link-looking button for a choice that stays on the page ("Use a recovery code").
export function TextButton(props: {
  onClick: () => void;
  children: ComponentChildren;
  disabled?: boolean;
}) {
  return (
    <button type="button" class="link-button" disabled={props.disabled} onClick={props.onClick}>
      {props.children}
    </button>
  );
}

// Languages offered for e-mails from the store; a stored one not in the list is offered too.
const kLanguages = ['en', 'de', 'fr', 'es', 'it', 'nl', 'pt', 'pl', 'sv', 'da', 'nb', 'fi', 'cs'];

function languageName(code: string): string {
  try {
    const own = new Intl.DisplayNames([code], { type: 'language' }).of(code) ?? code;
    const english = new Intl.DisplayNames(['en'], { type: 'language' }).of(code) ?? code;
    const ownCased = own.charAt(0).toLocaleUpperCase(code) + own.slice(1);
    return ownCased === english ? english : `${ownCased} (${english})`;
  } catch {
    return code;
  }
}

export function LanguageField(props: {
  value: string;
  onChange: (code: string) => void;
  error?: string;
  hint?: string;
}) {
  const codes = [...kLanguages];
  if (props.value && !codes.includes(props.value)) codes.push(props.value);
  return (
    <Field label="Language" hint={props.hint} error={props.error}>
      {(a) => (
        <select
          {...a}
          name="language"
          value={props.value}
          onChange={(e) => props.onChange(e.currentTarget.value)}
        >
          {!props.value && <option value="">Not given</option>}
          {codes.map((c) => (
            <option key={c} value={c} lang={c}>
              {languageName(c)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
