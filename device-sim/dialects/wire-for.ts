import type { SimulatedDevice } from '../simulated-device.ts';
import type { DeviceWire } from './device-wire.ts';
import { EsphomeWire } from './esphome.ts';
import { TasmotaWire } from './tasmota.ts';
import { Zigbee2MqttWire } from './zigbee2mqtt.ts';

/** The wire for a device's dialect; throws when the dialect cannot express one of its entities. */
export function wireFor(device: SimulatedDevice): DeviceWire {
  switch (device.dialect) {
    case 'zigbee2mqtt':
      return new Zigbee2MqttWire(device);
    case 'tasmota':
      return new TasmotaWire(device);
    case 'esphome':
      return new EsphomeWire(device);
  }
}
