import type { IconName } from './Icon.tsx';

/**
 * Home Assistant names icons after the Material Design Icons (`mdi:thermometer`); the panel draws
 * its own few. These are the MDI names it can show, and what the edit dialog offers: a device's or
 * a user's icon among them replaces the card's default.
 */
export const MDI_ICONS: Readonly<Record<string, IconName>> = {
  'mdi:lightbulb': 'bulb',
  'mdi:power': 'power',
  'mdi:power-socket-eu': 'outlet',
  'mdi:thermometer': 'thermometer',
  'mdi:thermostat': 'thermostat',
  'mdi:water-percent': 'humidity',
  'mdi:water': 'water',
  'mdi:white-balance-sunny': 'sun',
  'mdi:flash': 'bolt',
  'mdi:battery': 'battery',
  'mdi:gauge': 'gauge',
  'mdi:motion-sensor': 'motion',
  'mdi:door': 'door',
  'mdi:window-closed-variant': 'window',
  'mdi:smoke-detector': 'smoke',
  'mdi:lock': 'lock',
  'mdi:fan': 'fan',
  'mdi:blinds': 'blinds',
  'mdi:garage': 'garage',
  'mdi:snowflake': 'snowflake',
  'mdi:fire': 'flame',
  'mdi:weather-cloudy': 'cloud',
  'mdi:weather-windy': 'wind',
  'mdi:account': 'person',
  'mdi:wifi': 'signal',
  'mdi:clock-outline': 'clock',
  'mdi:volume-high': 'sound',
  'mdi:vibrate': 'vibration',
  'mdi:tune': 'sliders',
};

/** The panel's icon for an `icon` attribute, when it has one. */
export function iconOf(attribute: unknown): IconName | undefined {
  return typeof attribute === 'string' ? MDI_ICONS[attribute] : undefined;
}
