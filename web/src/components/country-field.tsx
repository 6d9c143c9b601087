// A country as a form field: found by name (in the admin's language, or another name of it) or
// by its two-letter code (ISO 3166-1), and reported as that code. Used by the address form, the
// customer forms, the settings and the customer area's profile.
import { kCountries } from '../countries';
import { PickerField } from './picker';

export function CountryField(props: {
  label?: string;
  name?: string;
  value: string;
  onChange: (code: string) => void;
  error?: string;
  hint?: string;
  // Offers the empty choice (the value ''), under this label or "Not given"; without it a
  // country is always chosen.
  optional?: boolean;
  emptyLabel?: string;
  disabled?: boolean;
}) {
  const empty = props.optional ? (props.emptyLabel ?? 'Not given') : undefined;
  return (
    <PickerField
      label={props.label ?? 'Country'}
      name={props.name ?? 'country'}
      hint={props.hint}
      error={props.error}
      source={kCountries}
      value={props.value}
      onChange={props.onChange}
      empty={empty}
      placeholder={empty ?? 'Type a name or a code'}
      disabled={props.disabled}
    />
  );
}
