import { HubError } from '../core/hub-error.ts';
import type { Attributes } from '../protocol/entity-state.ts';

/**
 * Checks a service call against the entity's own attributes — its supported_features, its lists
 * of modes, its ranges — as Home Assistant's entity components do before calling the integration
 * (climate's `_valid_mode_or_raise`, fan's `_valid_preset_mode_or_raise`, `temp_out_of_range`, …).
 * Each refusal is a service_validation_error naming the field.
 */
export class AttributeChecks {
  constructor(
    private readonly domain: string,
    private readonly entityId: string,
    private readonly attributes: Attributes,
  ) {}

  invalid(field: string, message: string): HubError {
    return new HubError('service_validation_error', `service_data.${field}: ${message}`);
  }

  /**
   * Home Assistant's required_features: the entity needs one of the bits in `features`. Without
   * a field (turn_on, …) the refusal is Home Assistant's ServiceNotSupported.
   */
  feature(features: number, field: string | undefined, what: string): void {
    const supported = this.attributes.supported_features;
    if (((typeof supported === 'number' ? supported : 0) & features) !== 0) return;
    if (field === undefined)
      throw new HubError(
        'service_validation_error',
        `Entity ${this.entityId} does not support action ${this.domain}.${what}`,
      );
    throw this.invalid(field, `${this.entityId} does not support ${what}`);
  }

  /**
   * Home Assistant's required_features for an action that needs every bit of `features` at once
   * (`OPEN | CLOSE` for `cover.toggle`): refused with ServiceNotSupported before any command leaves.
   */
  allFeatures(features: number, action: string): void {
    const supported = this.attributes.supported_features;
    if (((typeof supported === 'number' ? supported : 0) & features) === features) return;
    throw new HubError(
      'service_validation_error',
      `Entity ${this.entityId} does not support action ${this.domain}.${action}`,
    );
  }

  /** `value` must be in the list attribute `list` (hvac_modes, preset_modes, …). */
  listed(list: string, field: string, value: string): void {
    const options = Array.isArray(this.attributes[list]) ? (this.attributes[list] as unknown[]) : [];
    if (!options.includes(value))
      throw this.invalid(
        field,
        `must be one of ${options.length ? options.join(', ') : '(none)'}, got "${value}"`,
      );
  }

  /** `value` must lie within the attributes `low`..`high` (min_temp..max_temp, …). */
  inRange(field: string, value: number, low: string, high: string): void {
    const min = this.attributes[low];
    const max = this.attributes[high];
    if ((typeof min === 'number' && value < min) || (typeof max === 'number' && value > max))
      throw this.invalid(field, `must be ${String(min)}..${String(max)}, got ${value}`);
  }
}
