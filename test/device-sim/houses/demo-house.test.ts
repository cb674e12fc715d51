import { describe, expect, it } from 'vitest';
import { createDemoHouse } from '../../../device-sim/houses/demo-house.ts';
import { systemSimClock } from '../../../device-sim/sim-clock.ts';
import { DEMO_ENTITIES, entityIdOf } from '../demo-entities.ts';
import { seededRandom } from '../manual-clock.ts';

const house = () => createDemoHouse({ clock: systemSimClock, random: seededRandom(1), pace: 1 });

describe('createDemoHouse', () => {
  it('announces every entity of the table, with its id, in its dialect', () => {
    const announced = house().flatMap((device) =>
      device.discoveryMessages().map((message) => ({
        device: device.name,
        dialect: device.dialect,
        entityId: entityIdOf(message.topic, message.config),
        topic: message.topic,
      })),
    );
    expect(announced).toEqual(DEMO_ENTITIES);
  });

  it('keeps the entity ids of the first house', () => {
    const ids = DEMO_ENTITIES.map((entity) => entity.entityId);
    expect(ids).toEqual(
      expect.arrayContaining([
        'light.living_room_ceiling',
        'light.living_room_lamp',
        'switch.kitchen_plug',
        'sensor.kitchen_plug_power',
        'sensor.living_room_climate_temperature',
        'sensor.living_room_climate_humidity',
        'binary_sensor.hallway_motion',
        'binary_sensor.hallway_door',
      ]),
    );
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('has every component, and every dialect', () => {
    const components = new Set(DEMO_ENTITIES.map((entity) => entity.topic.split('/')[1]));
    expect([...components].sort()).toEqual(
      [
        'binary_sensor',
        'button',
        'climate',
        'cover',
        'fan',
        'light',
        'lock',
        'number',
        'select',
        'sensor',
        'switch',
      ].sort(),
    );
    expect(new Set(house().map((device) => device.dialect))).toEqual(
      new Set(['zigbee2mqtt', 'tasmota', 'esphome']),
    );
  });

  it('puts the Zigbee2MQTT lights first, for tests that take the first light', () => {
    const lights = house().filter((device) => device.kind === 'light' || device.kind === 'color-light');
    expect(lights.slice(0, 3).map((device) => device.dialect)).toEqual([
      'zigbee2mqtt',
      'zigbee2mqtt',
      'zigbee2mqtt',
    ]);
  });

  it('gives every config a unique id of its own', () => {
    const ids = house().flatMap((device) =>
      device.discoveryMessages().map((message) => String(message.config.unique_id ?? message.config.uniq_id)),
    );
    expect(new Set(ids).size).toBe(ids.length);
  });
});
