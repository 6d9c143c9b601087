// Hooks shared by the pages: loading a resource with cancellation, and debouncing.
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { isAbort } from './api';

export interface Resource<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
  setData: (data: T) => void;
}

// Runs `load` when `deps` change; a newer run aborts the older one, so a slow stale answer never
// overwrites a fresh one. `loading` is true from the render in which `deps` change or `reload` is
// called, not only once the effect has started the new run (after the next paint): until the new
// answer is in, `data` belongs to the old run.
export function useResource<T>(
  load: (signal: AbortSignal) => Promise<T>,
  deps: unknown[],
): Resource<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const runDeps = [...deps, tick];
  const started = useRef<unknown[] | null>(null); // the deps of the latest run
  const stale = started.current?.some((d, i) => d !== runDeps[i]) ?? true;
  useEffect(() => {
    started.current = runDeps;
    const controller = new AbortController();
    setLoading(true);
    load(controller.signal).then(
      (value) => {
        if (controller.signal.aborted) return;
        setData(value);
        setError(null);
        setLoading(false);
      },
      (e) => {
        if (controller.signal.aborted || isAbort(e)) return;
        setError(e);
        setLoading(false);
      },
    );
    return () => controller.abort();
  }, runDeps);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { data, error, loading: loading || stale, reload, setData };
}

// `value`, settled for `ms` milliseconds.
export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  // Always arm the timer, even when `value` equals the settled value of this render: that value
  // may be stale (a timer of an earlier value can fire before this effect runs), and setting an
  // equal state is a no-op.
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

// The field errors of the last answer, each dropped as soon as its field is edited, so that a
// corrected field no longer says what was wrong with it. `messageOf` reads a field's message
// from that answer; `edited(name)` marks the field changed since. Edits belong to the answer
// they followed: a new answer shows all its messages in its first render already.
export function useFieldErrors(
  answer: unknown,
  messageOf: (field: string) => string | undefined,
): { fieldError: (field: string) => string | undefined; edited: (field: string) => void } {
  const [since, setSince] = useState<{ answer: unknown; fields: ReadonlySet<string> }>({
    answer,
    fields: new Set(),
  });
  const changed = since.answer === answer ? since.fields : kNoFields;
  return {
    fieldError: (field) => (changed.has(field) ? undefined : messageOf(field)),
    edited: (field) =>
      setSince((s) => {
        const fields = s.answer === answer ? s.fields : kNoFields;
        return fields.has(field) && s.answer === answer
          ? s
          : { answer, fields: new Set([...fields, field]) };
      }),
  };
}
const kNoFields: ReadonlySet<string> = new Set();
