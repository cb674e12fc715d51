import type { ActionContext } from './action-context.ts';
import { runService } from './action-context.ts';

/** The one-value entities: number, select, button. */
export interface ValueActions {
  /** `number.set_value`; the value is the caller's, already within `min`..`max` on `step`. */
  setNumber(entityId: string, value: number): void;
  /** `select.select_option`. */
  selectOption(entityId: string, option: string): void;
  /** `button.press`; the button's state becomes the time of this press once the device confirms. */
  press(entityId: string): void;
}

export function createValueActions(context: ActionContext): ValueActions {
  return {
    setNumber(entityId, value) {
      runService(context, entityId, 'set_value', { value }, { state: String(value) });
    },
    selectOption(entityId, option) {
      runService(context, entityId, 'select_option', { option }, { state: option });
    },
    press(entityId) {
      runService(context, entityId, 'press', undefined, { claims: ['state'] });
    },
  };
}
