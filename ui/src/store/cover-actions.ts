import type { ActionContext } from './action-context.ts';
import { clamp, runService } from './action-context.ts';

/** `CoverEntityFeature` (https://developers.home-assistant.io/docs/core/entity/cover#supported-features). */
export const CoverFeature = {
  OPEN: 1,
  CLOSE: 2,
  SET_POSITION: 4,
  STOP: 8,
  OPEN_TILT: 16,
  CLOSE_TILT: 32,
  STOP_TILT: 64,
  SET_TILT_POSITION: 128,
} as const;

export type CoverMove = 'open' | 'close' | 'stop';

export interface CoverActions {
  /** `cover.open_cover`, `cover.close_cover`, `cover.stop_cover`. */
  moveCover(entityId: string, move: CoverMove): void;
  /** 0 (closed) .. 100 (open): `cover.set_cover_position`. */
  setCoverPosition(entityId: string, position: number): void;
  /** 0 .. 100: `cover.set_cover_tilt_position`. */
  setCoverTilt(entityId: string, tiltPosition: number): void;
}

// A move takes over the state and the position: a stop ends an open still in flight.
const MOVES = {
  open: { service: 'open_cover', change: { state: 'opening', claims: ['current_position'] } },
  close: { service: 'close_cover', change: { state: 'closing', claims: ['current_position'] } },
  stop: { service: 'stop_cover', change: { claims: ['state', 'current_position'] } },
} as const;

export function createCoverActions(context: ActionContext): CoverActions {
  return {
    moveCover(entityId, move) {
      const { service, change } = MOVES[move];
      runService(context, entityId, service, undefined, change);
    },
    setCoverPosition(entityId, value) {
      const position = clamp(Math.round(value), 0, 100);
      runService(
        context,
        entityId,
        'set_cover_position',
        { position },
        { attributes: { current_position: position }, claims: ['state'] },
      );
    },
    setCoverTilt(entityId, value) {
      const tilt_position = clamp(Math.round(value), 0, 100);
      runService(
        context,
        entityId,
        'set_cover_tilt_position',
        { tilt_position },
        { attributes: { current_tilt_position: tilt_position } },
      );
    },
  };
}
