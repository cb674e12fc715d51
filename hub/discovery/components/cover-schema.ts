import { z } from 'zod';
import { CoverFeature } from '../../domains/cover-services.ts';
import { commonFields, payload, template, topic } from '../discovery-schemas.ts';
import { deviceClassOf, nullablePayload } from './discovery-coercions.ts';

/** `CoverDeviceClass` (homeassistant/components/cover/__init__.py). */
const COVER_DEVICE_CLASSES = [
  'awning',
  'blind',
  'curtain',
  'damper',
  'door',
  'garage',
  'gate',
  'shade',
  'shutter',
  'window',
] as const;

// voluptuous' plain `int`: an integer, not a numeric string.
const int = z.number().int('must be an integer');

/**
 * https://www.home-assistant.io/integrations/cover.mqtt/, with the defaults and the cross-key
 * checks (`validate_options`) of homeassistant/components/mqtt/cover.py.
 */
export const coverSchema = z
  .looseObject({
    ...commonFields,
    device_class: deviceClassOf(COVER_DEVICE_CLASSES),
    command_topic: topic.optional(),
    state_topic: topic.optional(),
    value_template: template.optional(),
    position_topic: topic.optional(),
    position_template: template.optional(),
    set_position_topic: topic.optional(),
    set_position_template: template.optional(),
    tilt_command_topic: topic.optional(),
    tilt_command_template: template.optional(),
    tilt_status_topic: topic.optional(),
    tilt_status_template: template.optional(),
    optimistic: z.boolean().default(false),
    tilt_optimistic: z.boolean().default(false),
    payload_open: nullablePayload('OPEN'),
    payload_close: nullablePayload('CLOSE'),
    payload_stop: nullablePayload('STOP'),
    state_open: payload('open'),
    state_opening: payload('opening'),
    state_closed: payload('closed'),
    state_closing: payload('closing'),
    state_stopped: payload('stopped'),
    position_open: int.default(100),
    position_closed: int.default(0),
    tilt_min: int.default(0),
    tilt_max: int.default(100),
    tilt_opened_value: int.default(100),
    tilt_closed_value: int.default(0),
  })
  .superRefine((config, ctx) => {
    const together: [keyof typeof config, keyof typeof config][] = [
      ['set_position_topic', 'position_topic'],
      ['value_template', 'state_topic'],
      ['position_template', 'position_topic'],
      ['set_position_template', 'set_position_topic'],
      ['tilt_command_template', 'tilt_command_topic'],
      ['tilt_status_template', 'tilt_status_topic'],
    ];
    for (const [key, needs] of together) {
      if (config[key] !== undefined && config[needs] === undefined)
        ctx.addIssue({ code: 'custom', path: [key], message: `must be set together with '${needs}'` });
    }
    // Home Assistant divides by these differences; equal ends would divide by zero.
    if (config.position_open === config.position_closed)
      ctx.addIssue({
        code: 'custom',
        path: ['position_open'],
        message: "must differ from 'position_closed'",
      });
    if (config.tilt_min === config.tilt_max)
      ctx.addIssue({ code: 'custom', path: ['tilt_max'], message: "must differ from 'tilt_min'" });
  });

export type CoverConfig = z.output<typeof coverSchema>;

export type CoverState = 'open' | 'opening' | 'closed' | 'closing';

/**
 * HA's optimistic rule (mqtt/cover.py `_setup_from_config`): forced by `optimistic`, or when no
 * part of the cover that takes commands has a topic that reports back.
 */
export function isOptimisticCover(config: CoverConfig): boolean {
  const has = (key: keyof CoverConfig) => config[key] !== undefined;
  const noPosition = !has('set_position_topic') && !has('position_topic');
  const noState = !has('command_topic') && !has('state_topic');
  const noTilt = !has('tilt_command_topic') && !has('tilt_status_topic');
  const optimisticPosition = has('set_position_topic') && !has('position_topic');
  const optimisticState = has('command_topic') && !has('state_topic');
  const optimisticTilt = has('tilt_command_topic') && !has('tilt_status_topic');
  return (
    config.optimistic ||
    ((noPosition || optimisticPosition) && (noState || optimisticState) && (noTilt || optimisticTilt))
  );
}

/** CoverEntityFeature from the topics and payloads the config has (mqtt/cover.py). */
export function coverFeatures(config: CoverConfig): number {
  let features = 0;
  if (config.command_topic !== undefined) {
    if (config.payload_open !== null) features |= CoverFeature.OPEN;
    if (config.payload_close !== null) features |= CoverFeature.CLOSE;
    if (config.payload_stop !== null) features |= CoverFeature.STOP;
  }
  if (config.set_position_topic !== undefined) features |= CoverFeature.SET_POSITION;
  if (config.tilt_command_topic !== undefined) {
    features |=
      CoverFeature.OPEN_TILT |
      CoverFeature.CLOSE_TILT |
      CoverFeature.STOP_TILT |
      CoverFeature.SET_TILT_POSITION;
  }
  return features;
}
