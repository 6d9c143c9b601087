// A country: one of those the address rules describe, by name, or any other by its two-letter
// code (ISO 3166-1). Used by the address form and the customer area's profile.
import { useState } from 'preact/hooks';
import { kRuleCountries } from '../pages/address-rules';
import { Field } from './ui';

const kOther = '*';

function listed(code: string): boolean {
  return kRuleCountries.some((c) => c.code === code);
}

export function CountryField(props: {
  label?: string;
  name?: string;
  value: string;
  onChange: (code: string) => void;
  error?: string;
  hint?: string;
  // Offers "Not given" (the value ''); without it a country is always chosen.
  optional?: boolean;
}) {
  const { value, onChange, optional } = props;
  const name = props.name ?? 'country';
  const [other, setOther] = useState(value !== '' ? !listed(value) : !optional);
  const selected = other ? kOther : value;
  return (
    <>
      <Field
        label={props.label ?? 'Country'}
        hint={props.hint}
        error={other ? undefined : props.error}
      >
        {(attrs) => (
          <select
            {...attrs}
            name={name}
            value={selected}
            onChange={(e) => {
              const v = e.currentTarget.value;
              setOther(v === kOther);
              if (v !== kOther) onChange(v);
            }}
          >
            {optional && <option value="">Not given</option>}
            {kRuleCountries.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
            <option value={kOther}>Another country…</option>
          </select>
        )}
      </Field>
      {other && (
        <Field
          label="Country code"
          hint="Two letters (ISO 3166-1), such as PT."
          error={props.error}
        >
          {(attrs) => (
            <input
              {...attrs}
              name={`${name}_code`}
              maxLength={2}
              autoComplete="country"
              class="input--short"
              value={value}
              onInput={(e) => onChange(e.currentTarget.value.trim().toUpperCase())}
            />
          )}
        </Field>
      )}
    </>
  );
}
