import { useHubStore } from '../../store/hub-context.ts';
import { Icon } from '../Icon.tsx';

export function DialogHeader({ title, subtitle }: { title: string; subtitle?: string | null }) {
  const store = useHubStore();
  return (
    <header class="dialog__header">
      <div class="dialog__titles">
        <h2 id="details-title" class="dialog__title">
          {title}
        </h2>
        {subtitle && <p class="dialog__subtitle">{subtitle}</p>}
      </div>
      <button type="button" class="icon-button" aria-label="Close" onClick={() => store.closeDetails()}>
        <Icon name="close" />
      </button>
    </header>
  );
}
