/**
 * The MQTT layout hearth's simulated devices use, which is Zigbee2MQTT's: one JSON state topic per
 * device, commands on `/set`, a retained availability topic that is also the last will.
 * https://www.zigbee2mqtt.io/guide/usage/mqtt_topics_and_messages.html
 */
export const DEFAULT_DISCOVERY_PREFIX = 'homeassistant';
export const BASE_TOPIC = 'hearth';

/** Home Assistant's birth message; devices republish their discovery when they see it. */
export const BIRTH_TOPIC = `${DEFAULT_DISCOVERY_PREFIX}/status`;
export const BIRTH_PAYLOAD_ONLINE = 'online';
export const BIRTH_PAYLOAD_OFFLINE = 'offline';

export const AVAILABILITY_ONLINE = 'online';
export const AVAILABILITY_OFFLINE = 'offline';

export const deviceStateTopic = (device: string): string => `${BASE_TOPIC}/${device}`;
export const deviceCommandTopic = (device: string): string => `${BASE_TOPIC}/${device}/set`;
export const deviceAvailabilityTopic = (device: string): string => `${BASE_TOPIC}/${device}/availability`;
