import type { ComponentChildren } from 'preact';

/** One entry of a settings list: a name, a line about it, and the button that removes it. */
export function SettingsRow(props: {
  name: ComponentChildren;
  meta: ComponentChildren;
  /** The button's text and, for screen readers, what it does to which entry. */
  action?: { label: string; describe: string; run: () => void };
  data?: Record<`data-${string}`, string>;
}) {
  const { action } = props;
  return (
    <li class="token" {...props.data}>
      <div class="token__text">
        <span class="token__name">{props.name}</span>
        <span class="token__meta">{props.meta}</span>
      </div>
      {action && (
        <button type="button" class="button button--quiet" aria-label={action.describe} onClick={action.run}>
          {action.label}
        </button>
      )}
    </li>
  );
}
