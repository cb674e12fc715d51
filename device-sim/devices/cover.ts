import { z } from 'zod';
import { type CommandResult, describeIssues } from '../command-payload.ts';
import type { CoverEntity, EntitySpec } from '../entity-spec.ts';
import { clamp } from '../sim-random.ts';
import {
  type DeviceContext,
  type DeviceKind,
  type DeviceSpec,
  SimulatedDevice,
} from '../simulated-device.ts';

/** Zigbee2MQTT's cover keys: 100 is open, 0 closed. */
export interface CoverState {
  /** `OPEN` whenever it is not fully closed. */
  readonly state: 'OPEN' | 'CLOSE';
  readonly position: number;
  readonly motor_state: 'opening' | 'closing' | 'stopped';
  /** The slats of a venetian blind, 0..100. */
  readonly tilt?: number;
}

export interface CoverSpec extends DeviceSpec {
  /** A venetian blind: slats that tilt. */
  readonly tilt?: boolean;
  readonly deviceClass?: CoverEntity['deviceClass'];
  /** Milliseconds from closed to open; default 5000. */
  readonly travelMs?: number;
  readonly initial?: { readonly position?: number; readonly tilt?: number };
}

/** The motor reports its position once a second while it moves. */
export const COVER_STEP_MS = 1000;
const DEFAULT_TRAVEL_MS = 5000;

const commandSchema = z.object({
  state: z
    .preprocess(
      (value) => (typeof value === 'string' ? value.toUpperCase() : value),
      z.enum(['OPEN', 'CLOSE', 'STOP', 'TOGGLE']),
    )
    .optional(),
  position: z.number().min(0).max(100).optional(),
  tilt: z.number().min(0).max(100).optional(),
});

/**
 * A roller blind (or, with `tilt`, a venetian blind) whose motor takes a few seconds end to end:
 * a command answers at once with `opening`/`closing`, the position follows every second, and the
 * motor reports `stopped` at the target or on STOP.
 */
export class SimulatedCover extends SimulatedDevice<CoverState> {
  readonly kind: DeviceKind = 'cover';
  readonly model: string;
  readonly #tilt: boolean;
  readonly #deviceClass: CoverEntity['deviceClass'];
  readonly #percentPerStep: number;
  #cancelTravel: (() => void) | undefined;

  constructor(spec: CoverSpec, context: DeviceContext) {
    const position = clamp(Math.round(spec.initial?.position ?? 0), 0, 100);
    super(spec, context, {
      state: position > 0 ? 'OPEN' : 'CLOSE',
      position,
      motor_state: 'stopped',
      ...(spec.tilt === true ? { tilt: spec.initial?.tilt ?? 0 } : {}),
    });
    this.#tilt = spec.tilt === true;
    this.#deviceClass = spec.deviceClass;
    this.#percentPerStep = (100 * COVER_STEP_MS) / (spec.travelMs ?? DEFAULT_TRAVEL_MS);
    this.model =
      spec.model ?? (this.#tilt ? 'Simulated venetian blind motor' : 'Simulated roller blind motor');
  }

  /** Whether the motor is running. */
  get moving(): boolean {
    return this.#cancelTravel !== undefined;
  }

  protected primaryEntities(): EntitySpec[] {
    return [
      {
        component: 'cover',
        key: 'cover',
        name: this.entityName,
        tilt: this.#tilt,
        ...(this.#deviceClass !== undefined ? { deviceClass: this.#deviceClass } : {}),
      },
    ];
  }

  protected applyCommand(input: Readonly<Record<string, unknown>>): CommandResult {
    const parsed = commandSchema.safeParse(input);
    if (!parsed.success) return { ok: false, reason: describeIssues(parsed.error) };
    const { state, position, tilt } = parsed.data;
    if (tilt !== undefined) {
      if (!this.#tilt) return { ok: false, reason: 'tilt: this blind has no slats' };
      this.update({ ...this.state, tilt: Math.round(tilt) });
    }
    if (state === 'STOP' || (state === 'TOGGLE' && this.moving)) this.#stop();
    else if (state === 'OPEN') this.#travelTo(100);
    else if (state === 'CLOSE') this.#travelTo(0);
    else if (state === 'TOGGLE') this.#travelTo(this.state.position > 0 ? 0 : 100);
    else if (position !== undefined) this.#travelTo(Math.round(position));
    return { ok: true };
  }

  /** "Position stuck": the motor does not start. */
  protected override distort(before: CoverState): CoverState {
    this.#cancelTravel?.();
    this.#cancelTravel = undefined;
    return before;
  }

  #stop(): void {
    this.#cancelTravel?.();
    this.#cancelTravel = undefined;
    this.update({ ...this.state, motor_state: 'stopped' });
  }

  #travelTo(target: number): void {
    this.#cancelTravel?.();
    this.#cancelTravel = undefined;
    const from = this.state.position;
    if (target === from) {
      this.update({ ...this.state, motor_state: 'stopped' });
      return;
    }
    const direction = Math.sign(target - from);
    this.update({ ...this.state, motor_state: direction > 0 ? 'opening' : 'closing' });
    const step = (): void => {
      const current = this.state;
      const moved = current.position + direction * this.#percentPerStep;
      const arrived = direction > 0 ? moved >= target : moved <= target;
      const position = arrived ? target : Math.round(moved);
      this.#cancelTravel = arrived ? undefined : this.after(COVER_STEP_MS, step);
      this.report({
        ...current,
        position,
        state: position > 0 ? 'OPEN' : 'CLOSE',
        motor_state: arrived ? 'stopped' : current.motor_state,
      });
    };
    this.#cancelTravel = this.after(COVER_STEP_MS, step);
  }
}
