import { z } from 'zod';
import { HA_VERSION } from '../../protocol/websocket-messages.ts';
import { defineCommand } from './command-handler.ts';

/** Home Assistant's core config, with what hearth has; clients read units and the version. */
export const getConfig = defineCommand({
  type: 'get_config',
  schema: z.looseObject({}),
  handle: (connection, message) =>
    connection.sendResult(message.id, {
      location_name: 'Home',
      latitude: 0,
      longitude: 0,
      elevation: 0,
      unit_system: {
        length: 'km',
        accumulated_precipitation: 'mm',
        mass: 'g',
        pressure: 'Pa',
        temperature: '°C',
        volume: 'L',
        wind_speed: 'm/s',
      },
      time_zone: Intl.DateTimeFormat().resolvedOptions().timeZone,
      components: ['mqtt', 'light', 'switch', 'sensor', 'binary_sensor', 'websocket_api'],
      config_dir: '',
      whitelist_external_dirs: [],
      allowlist_external_dirs: [],
      allowlist_external_urls: [],
      version: HA_VERSION,
      config_source: 'storage',
      recovery_mode: false,
      safe_mode: false,
      state: 'RUNNING',
      external_url: null,
      internal_url: null,
      currency: 'EUR',
      country: null,
      language: 'en',
    }),
});
