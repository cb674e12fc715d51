import { renderNow } from './render-now.ts';

interface SelectFieldProps {
  /** Shown above the select, and its accessible name, unless `hideLabel`. */
  label: string;
  hideLabel?: boolean;
  value: string | null;
  options: readonly string[];
  /** How an option reads: "eco" → "Eco". */
  format?: (option: string) => string;
  /** The empty choice shown while the entity has no value: "Preset…". Default "—". */
  placeholder?: string;
  disabled: boolean;
  onSelect: (value: string) => void;
}

/** A native `<select>`: the phone's own picker, keyboard and screen reader support for free. */
export function SelectField({
  label,
  hideLabel,
  value,
  options,
  format,
  placeholder = '—',
  disabled,
  onSelect,
}: SelectFieldProps) {
  const known = value !== null && options.includes(value);
  return (
    <label class="field">
      <span class={hideLabel ? 'visually-hidden' : 'field__caption'}>{label}</span>
      <select
        class="select"
        value={known ? value : ''}
        disabled={disabled}
        onChange={(event) => {
          const next = event.currentTarget.value;
          if (next !== '') renderNow(() => onSelect(next));
        }}
      >
        {!known && <option value="">{value === null ? placeholder : (format?.(value) ?? value)}</option>}
        {options.map((option) => (
          <option key={option} value={option}>
            {format ? format(option) : option}
          </option>
        ))}
      </select>
    </label>
  );
}
