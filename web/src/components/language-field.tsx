// A language as a form field: found by name (in the admin's language, or its own) or typed as a
// BCP 47 tag (de, pt-BR), and reported as the tag. Used by the customer forms and the settings.
import { kLanguages } from '../languages';
import { PickerField } from './picker';

export function LanguageField(props: {
  label?: string;
  name?: string;
  value: string;
  onChange: (tag: string) => void;
  error?: string;
  hint?: string;
  // Offers the empty choice (the value ''), as "Not given"; without it a language is always
  // chosen.
  optional?: boolean;
  disabled?: boolean;
}) {
  const empty = props.optional ? 'Not given' : undefined;
  return (
    <PickerField
      label={props.label ?? 'Language'}
      name={props.name ?? 'language'}
      hint={props.hint}
      error={props.error}
      source={kLanguages}
      value={props.value}
      onChange={props.onChange}
      empty={empty}
      placeholder={empty ?? 'Type a name or a code'}
      disabled={props.disabled}
    />
  );
}
