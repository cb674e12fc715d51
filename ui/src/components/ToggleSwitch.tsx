import { renderNow } from './render-now.ts';

interface ToggleSwitchProps {
  /** What the switch shows: the pending target while a call is under way, else the confirmed state. */
  checked: boolean;
  pending: boolean;
  disabled: boolean;
  /** The accessible name, usually the entity's name. */
  label: string;
  onToggle: () => void;
}

/** An ARIA switch (https://www.w3.org/WAI/ARIA/apg/patterns/switch/): a button, so Space and Enter work. */
export function ToggleSwitch({ checked, pending, disabled, label, onToggle }: ToggleSwitchProps) {
  return (
    <button
      type="button"
      role="switch"
      class="switch"
      aria-checked={checked ? 'true' : 'false'}
      aria-label={label}
      data-pending={pending ? 'true' : 'false'}
      disabled={disabled}
      onClick={() => renderNow(onToggle)}
    >
      <span class="switch__thumb" />
    </button>
  );
}
