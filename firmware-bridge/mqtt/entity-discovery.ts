import type { McuEntity, McuInfo } from '../mcu/mcu-driver.ts';
import type { BridgeTopics } from './bridge-topics.ts';

/** What the discovery of one MCU's entities needs to know. */
export interface McuIdentity {
  readonly discoveryPrefix: string;
  readonly topics: BridgeTopics;
  readonly bridgeId: string;
  readonly bridgeName: string;
  readonly mcuId: string;
  /** The port's name in the config: it wins over the name the MCU gives, which wins over the id. */
  readonly configuredName: string | undefined;
}

export interface DiscoveryMessage {
  readonly topic: string;
  readonly config: Record<string, unknown>;
}

/** The bridge's own device identifier, which every MCU names as its `via_device`. */
export const bridgeDeviceId = (bridgeId: string): string => `hearth-bridge-${bridgeId}`;
const mcuDeviceId = (id: McuIdentity): string => `${bridgeDeviceId(id.bridgeId)}-${id.mcuId}`;
/** For unique ids, object ids and discovery topics, which take `[a-zA-Z0-9_-]`. */
const slug = (text: string): string => text.toLowerCase().replace(/[^a-z0-9_]+/g, '_');

/**
 * Home Assistant MQTT discovery for one entity of an MCU
 * (https://www.home-assistant.io/integrations/mqtt/#mqtt-discovery): the MCU is a device reached
 * `via_device` the bridge, and the entity is available only while both the bridge (its last will)
 * and the MCU (its serial link) are (`availability_mode: all`).
 */
export function entityDiscovery(id: McuIdentity, info: McuInfo, entity: McuEntity): DiscoveryMessage {
  const { topics, mcuId } = id;
  const objectId = `${slug(mcuId)}_${entity.key}`;
  const config: Record<string, unknown> = {
    name: entity.name ?? entity.key,
    unique_id: `${slug(id.bridgeId)}_${objectId}`,
    default_entity_id: `${entity.component}.${objectId}`,
    state_topic: topics.state(mcuId, entity.key),
    availability: [{ topic: topics.availability }, { topic: topics.mcuAvailability(mcuId) }],
    availability_mode: 'all',
    device: mcuDevice(id, info),
    ...(entity.deviceClass !== undefined ? { device_class: entity.deviceClass } : {}),
    ...(entity.entityCategory !== undefined ? { entity_category: entity.entityCategory } : {}),
    ...(entity.icon !== undefined ? { icon: entity.icon } : {}),
  };
  switch (entity.component) {
    case 'switch':
      Object.assign(config, { command_topic: topics.command(mcuId, entity.key), qos: 1 });
      break;
    case 'light':
      // The JSON schema: `{"state":"ON","brightness":128}` both ways.
      Object.assign(config, {
        schema: 'json',
        command_topic: topics.command(mcuId, entity.key),
        supported_color_modes: [entity.dimmable ? 'brightness' : 'onoff'],
        qos: 1,
      });
      break;
    case 'sensor':
      if (entity.unit !== undefined) config.unit_of_measurement = entity.unit;
      if (entity.stateClass !== undefined) config.state_class = entity.stateClass;
      break;
    case 'binary_sensor':
      break;
  }
  return {
    topic: `${id.discoveryPrefix}/${entity.component}/${slug(id.bridgeId)}/${objectId}/config`,
    config,
  };
}

const DIAGNOSTICS = [
  { key: 'frames_good', name: 'Frames good', extra: { state_class: 'total_increasing' } },
  { key: 'frames_bad', name: 'Frames bad', extra: { state_class: 'total_increasing' } },
  { key: 'last_seen', name: 'Last seen', extra: { device_class: 'timestamp' } },
] as const;

/**
 * The diagnostic sensors of an MCU's serial link, all from one JSON message on its diagnostics
 * topic. Available with the bridge alone: they matter most when the MCU is not.
 */
export function diagnosticsDiscovery(id: McuIdentity, info: McuInfo): DiscoveryMessage[] {
  const objectBase = slug(id.mcuId);
  return DIAGNOSTICS.map(({ key, name, extra }) => ({
    topic: `${id.discoveryPrefix}/sensor/${slug(id.bridgeId)}/${objectBase}_${key}/config`,
    config: {
      name,
      unique_id: `${slug(id.bridgeId)}_${objectBase}_${key}`,
      default_entity_id: `sensor.${objectBase}_${key}`,
      state_topic: id.topics.diagnostics(id.mcuId),
      value_template: `{{ value_json.${key} }}`,
      entity_category: 'diagnostic',
      availability_topic: id.topics.availability,
      device: mcuDevice(id, info),
      ...extra,
    },
  }));
}

function mcuDevice(id: McuIdentity, info: McuInfo): Record<string, unknown> {
  return {
    identifiers: [mcuDeviceId(id)],
    name: id.configuredName ?? info.name ?? id.mcuId,
    manufacturer: 'hearth',
    model: info.model ?? 'Serial MCU',
    ...(info.sw !== undefined ? { sw_version: info.sw } : {}),
    via_device: bridgeDeviceId(id.bridgeId),
  };
}

/**
 * The bridge itself as a device, so that its MCUs' `via_device` leads somewhere: one diagnostic
 * connectivity sensor that reads the bridge's own availability topic (its last will turns it off).
 */
export function bridgeDiscovery(
  discoveryPrefix: string,
  topics: BridgeTopics,
  bridgeId: string,
  bridgeName: string,
): DiscoveryMessage {
  return {
    topic: `${discoveryPrefix}/binary_sensor/${slug(bridgeId)}/bridge_status/config`,
    config: {
      name: 'Status',
      unique_id: `${slug(bridgeId)}_bridge_status`,
      default_entity_id: `binary_sensor.${slug(bridgeId)}_status`,
      state_topic: topics.availability,
      payload_on: 'online',
      payload_off: 'offline',
      device_class: 'connectivity',
      entity_category: 'diagnostic',
      device: {
        identifiers: [bridgeDeviceId(bridgeId)],
        name: bridgeName,
        manufacturer: 'hearth',
        model: 'hearth serial bridge',
      },
    },
  };
}
