// The editable fields of a customer, shared by the create form and the profile's Account tab.
// Their forms check focusUnresolved before sending: a country, language or tag typed that names
// none is not sent.
import { useState } from 'preact/hooks';
import { api } from '../api';
import { CountryField } from '../components/country-field';
import { LanguageField } from '../components/language-field';
import { TagPickerField } from '../components/tag-picker';
import { Checkbox, Field } from '../components/ui';
import { useFieldErrors, useResource } from '../hooks';
import type { Customer, Group, Page, Tag } from '../types';

export interface CustomerDraft {
  kind: 'registered' | 'guest';
  first_name: string;
  last_name: string;
  email: string;
  phone: string;
  country: string;
  language: string;
  company: string;
  fax: string;
  note: string;
  group_id: string;
  tags: string; // the chosen tags, comma-separated (a tag has no comma)
  commission_reduced_percent: string;
  library_all_access: boolean;
  member_directory_access: boolean;
  email_marketing_consent: boolean;
  sms_marketing_consent: boolean;
  messenger_marketing_consent: boolean;
  custom_fields: Array<{ key: string; value: string }>;
}

export function emptyDraft(defaults: { country: string; language: string }): CustomerDraft {
  return {
    kind: 'registered',
    first_name: '',
    last_name: '',
    email: '',
    phone: '',
    country: defaults.country,
    language: defaults.language,
    company: '',
    fax: '',
    note: '',
    group_id: '',
    tags: '',
    commission_reduced_percent: '0',
    library_all_access: false,
    member_directory_access: false,
    email_marketing_consent: false,
    sms_marketing_consent: false,
    messenger_marketing_consent: false,
    custom_fields: [],
  };
}

export function draftOf(c: Customer): CustomerDraft {
  return {
    kind: c.kind,
    first_name: c.first_name,
    last_name: c.last_name,
    email: c.email,
    phone: c.phone,
    country: c.country,
    language: c.language,
    company: c.company,
    fax: c.fax,
    note: c.note,
    group_id: c.group_id,
    tags: c.tags.join(', '),
    commission_reduced_percent: String(c.commission_reduced_percent),
    library_all_access: c.library_all_access,
    member_directory_access: c.member_directory_access,
    email_marketing_consent: c.email_marketing_consent,
    sms_marketing_consent: c.sms_marketing_consent,
    messenger_marketing_consent: c.messenger_marketing_consent,
    custom_fields: Object.entries(c.custom_fields ?? {}).map(([key, value]) => ({ key, value })),
  };
}

function parseTags(text: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of text.split(',')) {
    const t = raw.trim();
    if (t && !seen.has(t.toLowerCase())) {
      seen.add(t.toLowerCase());
      out.push(t);
    }
  }
  return out;
}

// The customer's tags, picked from the store's (GET /api/admin/tags): a new tag only through the
// picker's "Create tag" option, made by the server when the form is saved.
function TagsField(props: {
  value: string;
  onChange: (value: string) => void;
  error?: string;
  disabled?: boolean;
}) {
  const tags = useResource(
    (signal) => api.get<Page<Tag>>('/api/admin/tags', { signal }).then((r) => r.data.items),
    [],
  );
  return (
    <TagPickerField
      label="Tags"
      name="tags"
      create
      hint={props.disabled ? undefined : 'Type to find a tag; “Create tag” makes a new one.'}
      tags={tags.data ?? null}
      value={parseTags(props.value)}
      onChange={(chosen) => props.onChange(chosen.join(', '))}
      error={props.error}
      disabled={props.disabled}
    />
  );
}

function customFieldsOf(rows: CustomerDraft['custom_fields']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const { key, value } of rows) if (key.trim()) out[key.trim()] = value;
  return out;
}

function sameJson(a: unknown, b: unknown): boolean {
  const canon = (v: unknown): string =>
    JSON.stringify(v, (_k, x) =>
      x && typeof x === 'object' && !Array.isArray(x)
        ? Object.fromEntries(Object.entries(x).sort(([p], [q]) => (p < q ? -1 : p > q ? 1 : 0)))
        : x,
    );
  return canon(a) === canon(b);
}

const kTextFields = [
  'first_name',
  'last_name',
  'email',
  'phone',
  'country',
  'language',
  'company',
  'fax',
  'note',
  'group_id',
] as const;
const kBoolFields = [
  'library_all_access',
  'member_directory_access',
  'email_marketing_consent',
  'sms_marketing_consent',
  'messenger_marketing_consent',
] as const;

// The JSON body for a draft: every field (create) or only those that differ from `base` (edit).
// A number that does not parse is sent as text, so the server names the field.
export function bodyOf(draft: CustomerDraft, base?: Customer): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const k of kTextFields) {
    const v = k === 'note' ? draft[k] : draft[k].trim();
    if (base ? v !== base[k] : v !== '') body[k] = v;
  }
  for (const k of kBoolFields) {
    if (base ? draft[k] !== base[k] : draft[k]) body[k] = draft[k];
  }
  const tags = parseTags(draft.tags);
  if (base ? !sameJson(tags, base.tags) : tags.length) body.tags = tags;
  const custom = customFieldsOf(draft.custom_fields);
  if (base ? !sameJson(custom, base.custom_fields ?? {}) : Object.keys(custom).length) {
    body.custom_fields = custom;
  }
  const pctText = draft.commission_reduced_percent.trim().replace(',', '.');
  const pct = pctText === '' ? 0 : Number(pctText);
  const pctValue = Number.isFinite(pct) ? pct : pctText;
  if (base ? pctValue !== base.commission_reduced_percent : pctValue !== 0) {
    body.commission_reduced_percent = pctValue;
  }
  if (!base) body.kind = draft.kind;
  return body;
}

interface Props {
  draft: CustomerDraft;
  onChange: (draft: CustomerDraft) => void;
  groups: Group[];
  // The server's last answer (its identity tells a new one) and its message for a field.
  answer: unknown;
  errors: (field: string) => string | undefined;
  creating?: boolean;
  disabled?: boolean;
}

export function CustomerFields({
  draft,
  onChange,
  groups,
  answer,
  errors: messageOf,
  creating,
  disabled,
}: Props) {
  // A field edited since the last answer shows none of its messages.
  const { fieldError: errors, edited } = useFieldErrors(answer, messageOf);
  const set = <K extends keyof CustomerDraft>(k: K, v: CustomerDraft[K]) => {
    edited(k);
    onChange({ ...draft, [k]: v });
  };
  const text = (
    k: (typeof kTextFields)[number],
    label: string,
    extra: Record<string, unknown> = {},
  ) => (
    <Field label={label} error={errors(k)}>
      {(a) => (
        <input
          {...a}
          {...extra}
          name={k}
          disabled={disabled}
          value={draft[k]}
          onInput={(e) => set(k, e.currentTarget.value)}
        />
      )}
    </Field>
  );
  const [newKey, setNewKey] = useState('');

  return (
    <div class="customer-fields">
      <fieldset class="form-section">
        <legend>Contact</legend>
        <div class="grid">
          {creating && (
            <Field label="Kind" error={errors('kind')}>
              {(a) => (
                <select
                  {...a}
                  name="kind"
                  value={draft.kind}
                  onChange={(e) => set('kind', e.currentTarget.value as CustomerDraft['kind'])}
                >
                  <option value="registered">Registered account</option>
                  <option value="guest">Guest</option>
                </select>
              )}
            </Field>
          )}
          {text('first_name', 'First name', { autoComplete: 'off', maxLength: 100 })}
          {text('last_name', 'Last name', { autoComplete: 'off', maxLength: 100 })}
          {text('email', 'E-mail', { type: 'email', autoComplete: 'off' })}
          {text('phone', 'Phone', {
            type: 'tel',
            autoComplete: 'off',
            placeholder: '+44 20 7946 0958',
          })}
          <CountryField
            optional
            value={draft.country}
            onChange={(v) => set('country', v)}
            error={errors('country')}
            disabled={disabled}
          />
          <LanguageField
            optional
            value={draft.language}
            onChange={(v) => set('language', v)}
            error={errors('language')}
            disabled={disabled}
          />
          {text('company', 'Company', { maxLength: 200 })}
          {text('fax', 'Fax', { type: 'tel' })}
        </div>
      </fieldset>

      <fieldset class="form-section">
        <legend>Group and tags</legend>
        <div class="grid">
          <Field label="Group" error={errors('group_id')}>
            {(a) => (
              <select
                {...a}
                name="group_id"
                disabled={disabled}
                value={draft.group_id}
                onChange={(e) => set('group_id', e.currentTarget.value)}
              >
                {creating && <option value="">Default</option>}
                {groups.map((g) => (
                  <option key={g.id} value={g.id}>
                    {g.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <TagsField
            value={draft.tags}
            onChange={(v) => set('tags', v)}
            error={errors('tags')}
            disabled={disabled}
          />
          <Field label="Commission reduced (%)" error={errors('commission_reduced_percent')}>
            {(a) => (
              <input
                {...a}
                name="commission_reduced_percent"
                inputMode="decimal"
                class="input--short"
                disabled={disabled}
                value={draft.commission_reduced_percent}
                onInput={(e) => set('commission_reduced_percent', e.currentTarget.value)}
              />
            )}
          </Field>
        </div>
      </fieldset>

      <fieldset class="form-section">
        <legend>Access and consents</legend>
        <div class="checks">
          <Checkbox
            name="library_all_access"
            label="Library: access to everything"
            disabled={disabled}
            checked={draft.library_all_access}
            onChange={(v) => set('library_all_access', v)}
          />
          <Checkbox
            name="member_directory_access"
            label="Member directory access"
            disabled={disabled}
            checked={draft.member_directory_access}
            onChange={(v) => set('member_directory_access', v)}
          />
          <Checkbox
            name="email_marketing_consent"
            label="E-mail marketing"
            disabled={disabled}
            checked={draft.email_marketing_consent}
            onChange={(v) => set('email_marketing_consent', v)}
          />
          <Checkbox
            name="sms_marketing_consent"
            label="SMS marketing"
            disabled={disabled}
            checked={draft.sms_marketing_consent}
            onChange={(v) => set('sms_marketing_consent', v)}
          />
          <Checkbox
            name="messenger_marketing_consent"
            label="Messenger marketing"
            disabled={disabled}
            checked={draft.messenger_marketing_consent}
            onChange={(v) => set('messenger_marketing_consent', v)}
          />
        </div>
      </fieldset>

      <fieldset class="form-section">
        <legend>Custom fields</legend>
        {errors('custom_fields') && <p class="field__error">{errors('custom_fields')}</p>}
        {draft.custom_fields.length === 0 && <p class="muted small">No custom fields.</p>}
        {draft.custom_fields.map((row, i) => (
          <div class="custom-field" key={i}>
            <span class="custom-field__key">{row.key}</span>
            <label class="visually-hidden" for={`cf-${i}`}>
              Value of {row.key}
            </label>
            <input
              id={`cf-${i}`}
              disabled={disabled}
              value={row.value}
              onInput={(e) => {
                const rows = draft.custom_fields.slice();
                rows[i] = { key: row.key, value: e.currentTarget.value };
                set('custom_fields', rows);
              }}
            />
            <button
              type="button"
              class="button button--small"
              disabled={disabled}
              aria-label={`Remove custom field ${row.key}`}
              onClick={() =>
                set(
                  'custom_fields',
                  draft.custom_fields.filter((_, j) => j !== i),
                )
              }
            >
              Remove
            </button>
          </div>
        ))}
        {!disabled && (
          <div class="custom-field custom-field--new">
            <label class="visually-hidden" for="cf-new">
              New custom field name
            </label>
            <input
              id="cf-new"
              placeholder="New field name"
              value={newKey}
              onInput={(e) => setNewKey(e.currentTarget.value)}
            />
            <button
              type="button"
              class="button button--small"
              disabled={!newKey.trim() || draft.custom_fields.some((r) => r.key === newKey.trim())}
              onClick={() => {
                set('custom_fields', [...draft.custom_fields, { key: newKey.trim(), value: '' }]);
                setNewKey('');
              }}
            >
              Add field
            </button>
          </div>
        )}
      </fieldset>

      <Field label="Pinned note" error={errors('note')}>
        {(a) => (
          <textarea
            {...a}
            name="note"
            rows={4}
            maxLength={10000}
            disabled={disabled}
            value={draft.note}
            onInput={(e) => set('note', e.currentTarget.value)}
          />
        )}
      </Field>
    </div>
  );
}
