import type { Attributes } from '../../protocol/entity-state.ts';
import { parseFloatText, roundHalfEven } from '../../template/template-numbers.ts';
import { PayloadError } from '../mqtt-entity.ts';
import type { ScaleRange } from './cover-position.ts';
import { rangedValueToPercentage } from './cover-position.ts';
import type { CoverConfig, CoverState } from './cover-schema.ts';

/**
 * What an MQTT cover knows of its device, and how each report changes it, as
 * homeassistant/components/mqtt/cover.py does: a state (null = unknown), a position and a tilt in
 * HA's 0..100, and the direction it last moved in. Reports arrive already rendered by their
 * templates; the entity wires topics and commands around this.
 */
export class CoverModel {
  state: CoverState | null = null;
  position: number | null = null;
  tilt: number | null = null;
  /** HA's `_cover_is_last_toggle_direction_open`: what `toggle` reverses when the cover is stopped. */
  lastDirectionOpen = true;
  /** Tilt commands apply at once: `tilt_optimistic`, or no `tilt_status_topic` to report. */
  tiltOptimistic: boolean;
  readonly positionRange: ScaleRange;
  readonly tiltRange: ScaleRange;
  readonly tiltOpenPercent: number;
  readonly tiltClosedPercent: number;

  constructor(private readonly config: CoverConfig) {
    this.tiltOptimistic = config.tilt_optimistic || config.tilt_status_topic === undefined;
    this.positionRange = [config.position_closed + 1, config.position_open];
    this.tiltRange = [config.tilt_min + 1, config.tilt_max];
    this.tiltOpenPercent = rangedValueToPercentage(this.tiltRange, config.tilt_opened_value);
    this.tiltClosedPercent = rangedValueToPercentage(this.tiltRange, config.tilt_closed_value);
  }

  /** HA's CoverEntity state attributes. */
  attributes(): Attributes {
    return {
      ...(this.position !== null && { current_position: this.position }),
      ...(this.tilt !== null && { current_tilt_position: this.tilt }),
    };
  }

  setState(state: CoverState | null): void {
    this.state = state;
    if (state === 'opening') this.lastDirectionOpen = true;
    else if (state === 'closing') this.lastDirectionOpen = false;
  }

  /** A non-empty state report: `state_stopped` becomes open or closed, from the position if known. */
  receiveState(value: string): void {
    const c = this.config;
    if (value === c.state_stopped) {
      if (c.position_topic !== undefined) this.setState(this.position === 0 ? 'closed' : 'open');
      else this.setState(this.state === 'closed' || this.state === 'closing' ? 'closed' : 'open');
    } else if (value === c.state_opening) this.setState('opening');
    else if (value === c.state_closing) this.setState('closing');
    else if (value === c.state_open) this.setState('open');
    else if (value === c.state_closed) this.setState('closed');
    else if (value === 'None') this.setState(null);
    else
      throw new PayloadError(
        `state "${value.slice(0, 64)}" is not open, closed, opening, closing or stopped`,
      );
  }

  /**
   * A non-empty position report, scaled and clamped to 0..100; without a state topic it decides
   * open/closed. A position_template may return `{"position": …, "tilt_position": …}`; a bad tilt
   * in it is reported through `onTiltError` and does not stop the position.
   */
  receivePosition(rendered: string, onTiltError: (error: unknown) => void): void {
    let value: unknown = rendered;
    const json = jsonObject(rendered);
    if (json) {
      if (!Object.hasOwn(json, 'position'))
        throw new PayloadError('position_template returned JSON without position');
      if (Object.hasOwn(json, 'tilt_position')) {
        if (!this.config.tilt_optimistic) this.tiltOptimistic = false;
        try {
          this.receiveTilt(json.tilt_position);
        } catch (error) {
          onTiltError(error);
        }
      }
      value = json.position;
    }
    const number = pythonFloat(value);
    if (number === undefined) throw new PayloadError(`position "${shown(value)}" is not numeric`);
    const percent = Math.min(100, Math.max(0, rangedValueToPercentage(this.positionRange, number)));
    this.position = percent;
    if (this.config.state_topic === undefined) this.setState(percent === 0 ? 'closed' : 'open');
  }

  /** HA's `tilt_payload_received`: `round(float(x))`, within tilt_min..tilt_max either way round. */
  receiveTilt(raw: unknown): void {
    const number = pythonFloat(raw);
    if (number === undefined) throw new PayloadError(`tilt "${shown(raw)}" is not numeric`);
    const tilt = roundHalfEven(number, 0);
    const { tilt_min: min, tilt_max: max } = this.config;
    if (!((min <= tilt && tilt <= max) || (max <= tilt && tilt <= min)))
      throw new PayloadError(`tilt ${tilt} is out of range, must be between ${min} and ${max} inclusive`);
    this.tilt = rangedValueToPercentage(this.tiltRange, tilt);
  }

  /** HA's `CoverEntity._get_toggle_function`. */
  toggleAction(supportsStop: boolean): 'open' | 'close' | 'stop' {
    if (supportsStop && (this.state === 'opening' || this.state === 'closing')) return 'stop';
    if (this.state === 'closed' || this.state === 'closing') return 'open';
    if (this.position === 100 || this.state === 'opening') return 'close';
    return this.lastDirectionOpen ? 'close' : 'open';
  }
}

/** Python's `float(x)` of a payload or JSON value; undefined where Python raises, and for nan/inf. */
function pythonFloat(value: unknown): number | undefined {
  let number: number | undefined;
  if (typeof value === 'number') number = value;
  else if (typeof value === 'boolean') number = Number(value);
  else if (typeof value === 'string') number = parseFloatText(value);
  return number !== undefined && Number.isFinite(number) ? number : undefined;
}

/** A non-empty JSON object, as HA's `if payload_dict and isinstance(payload_dict, dict)`. */
function jsonObject(text: string): Record<string, unknown> | undefined {
  if (!text.startsWith('{')) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
    return Object.keys(parsed).length > 0 ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

const shown = (value: unknown): string =>
  (typeof value === 'string' ? value : String(JSON.stringify(value))).slice(0, 64);
