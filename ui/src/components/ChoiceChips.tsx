import { renderNow } from './render-now.ts';

export interface Choice {
  value: string;
  label: string;
}

interface ChoiceChipsProps {
  /** The group's accessible name: "Mode". */
  label: string;
  choices: readonly Choice[];
  selected: string | null;
  disabled: boolean;
  onSelect: (value: string) => void;
}

/**
 * One of a few choices, each a toggle button (`aria-pressed`): every option visible and one tap
 * away, which a thermostat's modes need more than a drop-down does. They wrap on a narrow screen.
 */
export function ChoiceChips({ label, choices, selected, disabled, onSelect }: ChoiceChipsProps) {
  return (
    <fieldset class="chips">
      <legend class="visually-hidden">{label}</legend>
      {choices.map((choice) => (
        <button
          key={choice.value}
          type="button"
          class="chip"
          aria-pressed={choice.value === selected ? 'true' : 'false'}
          data-value={choice.value}
          disabled={disabled}
          onClick={() => {
            if (choice.value !== selected) renderNow(() => onSelect(choice.value));
          }}
        >
          {choice.label}
        </button>
      ))}
    </fieldset>
  );
}
