// Forms with unsaved edits ask before they are left. A form marks itself with
// useUnsavedChanges(dirty); UnsavedChangesGuard, mounted once by the admin, then asks "Stay" or "Discard
// changes" (and "Save" when the one dirty form can save in one call) before another page, a
// Back or Forward, another tab of the profile or another item of an editor replaces it, and has
// the browser ask before the tab is closed or reloaded. Without an UnsavedChangesGuard in the page (the
// customer area) the marks change nothing.
import { useId, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { setLeaveGuard } from '../router';

interface Form {
  dirty: boolean;
  // Saves the edits; resolves true when they are saved, false when the form shows why not.
  save?: () => Promise<boolean>;
}

const forms = new Set<Form>();
const watchers = new Set<() => void>();

function dirtyForms(): Form[] {
  return [...forms].filter((f) => f.dirty);
}

function tell(): void {
  watchers.forEach((w) => w());
}

// Marks the calling form as holding unsaved edits while `dirty` is true: true only while the
// values differ from the saved ones, so that a saved form, or one whose values are back to the
// saved ones, is left without a question. `save`, when given, is offered in the question.
export function useUnsavedChanges(dirty: boolean, save?: () => Promise<boolean>): void {
  const form = useRef<Form>({ dirty: false }).current!;
  // Read at once by a click that follows the render, before any effect has run.
  form.dirty = dirty;
  form.save = save;
  useLayoutEffect(() => {
    forms.add(form);
    return () => {
      forms.delete(form);
      tell();
    };
  }, []);
  useLayoutEffect(tell, [dirty]);
}

interface Question {
  proceed: () => void;
  save?: () => Promise<boolean>;
}

// The question and the browser's own one before unload; installs the router's leave guard.
export function UnsavedChangesGuard() {
  const [question, setQuestion] = useState<Question | null>(null);
  const [dirty, setDirty] = useState(false);
  const [saving, setSaving] = useState(false);
  const ref = useRef<HTMLDialogElement>(null);
  // What had the focus when the question came, for when the browser does not give it back.
  const opener = useRef<Element | null>(null);
  const titleId = useId();

  useLayoutEffect(() => {
    const watch = () => setDirty(dirtyForms().length > 0);
    watchers.add(watch);
    watch();
    setLeaveGuard((proceed) => {
      const open = dirtyForms();
      if (!open.length) return true;
      if (!ref.current?.open) opener.current = document.activeElement;
      // A later attempt (another Back while asking) replaces the earlier one.
      setQuestion({ proceed, save: open.length === 1 ? open[0]!.save : undefined });
      return false;
    });
    return () => {
      watchers.delete(watch);
      setLeaveGuard(null);
    };
  }, []);

  // Registered only while something is unsaved: the browser then asks before the tab goes. In
  // the commit that marks the page dirty, not after the next paint: a reload right after the
  // first keystroke asks too.
  useLayoutEffect(() => {
    if (!dirty) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = ''; // what older Chromium versions look at
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [dirty]);

  useLayoutEffect(() => {
    const d = ref.current;
    if (question && d && !d.open) d.showModal();
  }, [question]);

  function close() {
    ref.current?.close(); // the browser gives the focus back to what had it
    const before = opener.current;
    const active = document.activeElement;
    if ((!active || active === document.body) && before instanceof HTMLElement) {
      if (before.isConnected) before.focus();
    }
    opener.current = null;
    setQuestion(null);
  }

  function stay() {
    if (!saving) close();
  }

  function discard() {
    const q = question;
    close();
    q?.proceed();
  }

  async function save() {
    const q = question;
    if (!q?.save) return;
    setSaving(true);
    const saved = await q.save().catch(() => false);
    setSaving(false);
    close();
    if (saved) q.proceed();
  }

  return (
    <dialog
      ref={ref}
      class="dialog"
      aria-labelledby={titleId}
      aria-describedby={`${titleId}-text`}
      onCancel={(e) => {
        e.preventDefault();
        stay();
      }}
    >
      {question && (
        <>
          <h2 id={titleId}>Discard unsaved changes?</h2>
          <p id={`${titleId}-text`}>
            Your changes on this page are not saved. Stay to keep editing, or discard them and go
            on.
          </p>
          <div class="dialog__actions dialog__actions--spread">
            <button
              type="button"
              class="button button--danger-outline"
              disabled={saving}
              onClick={discard}
            >
              Discard changes
            </button>
            <button type="button" class="button" autoFocus disabled={saving} onClick={stay}>
              Stay
            </button>
            {question.save && (
              <button
                type="button"
                class="button button--primary"
                disabled={saving}
                onClick={() => void save()}
              >
                {saving ? 'Saving…' : 'Save'}
              </button>
            )}
          </div>
        </>
      )}
    </dialog>
  );
}
