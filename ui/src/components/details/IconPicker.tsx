import { Icon } from '../Icon.tsx';
import { MDI_ICONS } from '../mdi-icons.ts';

/** The icons the panel can draw, as a grid of toggle buttons; "Default" gives back the device's. */
export function IconPicker({
  value,
  onChange,
}: {
  value: string | null;
  onChange: (icon: string | null) => void;
}) {
  return (
    <fieldset class="icon-picker">
      <legend class="field__label">Icon</legend>
      <button
        type="button"
        class="icon-picker__choice icon-picker__choice--default"
        aria-pressed={value === null ? 'true' : 'false'}
        onClick={() => onChange(null)}
      >
        Default
      </button>
      {Object.entries(MDI_ICONS).map(([mdi, name]) => (
        <button
          key={mdi}
          type="button"
          class="icon-picker__choice"
          aria-label={mdi.slice('mdi:'.length).replaceAll('-', ' ')}
          aria-pressed={value === mdi ? 'true' : 'false'}
          data-icon={mdi}
          onClick={() => onChange(mdi)}
        >
          <Icon name={name} />
        </button>
      ))}
    </fieldset>
  );
}
