import { describe, expect, it } from 'vitest';
import { binarySensorWord } from '../../ui/src/components/BinarySensorCard.tsx';
import { supportsBrightness } from '../../ui/src/components/LightCard.tsx';
import { sensorReading } from '../../ui/src/components/SensorCard.tsx';
import type { EntityView } from '../../ui/src/store/entity-view.ts';
import { friendlyName, nameInArea } from '../../ui/src/store/entity-view.ts';

const view = (entityId: string, attributes: Record<string, unknown> = {}, state = 'on'): EntityView => ({
  entity_id: entityId,
  domain: entityId.split('.')[0] ?? '',
  state,
  attributes,
});

describe('what the cards say', () => {
  it.each([
    ['Living Room Ceiling', 'Living Room', 'Ceiling'],
    ['living room climate humidity', 'Living Room', 'Climate humidity'],
    ['Living Room', 'Living Room', 'Living Room'],
    ['Hallway Door', null, 'Hallway Door'],
    ['Kitchenette light', 'Kitchen', 'Kitchenette light'],
  ])('names %s in area %s: %s', (name, area, shown) => {
    expect(nameInArea(name, area)).toBe(shown);
  });

  it('falls back to the object id when there is no friendly_name', () => {
    expect(friendlyName(view('light.living_room_ceiling'))).toBe('Living room ceiling');
    expect(friendlyName(view('light.x', { friendly_name: 'Ceiling' }))).toBe('Ceiling');
  });

  it.each([
    ['21.4', '°C', '21.4 °C'],
    ['45', '%', '45 %'],
    ['open', null, 'open'],
    ['unknown', '°C', '—'],
  ])('reads sensor %s %s as %s', (state, unit, shown) => {
    expect(sensorReading(state, unit)).toBe(shown);
  });

  it.each([
    ['motion', 'on', 'Detected'],
    ['motion', 'off', 'Clear'],
    ['door', 'on', 'Open'],
    ['door', 'off', 'Closed'],
    ['window', 'off', 'Closed'],
    ['', 'on', 'On'],
    ['motion', 'unknown', 'Unknown'],
  ])('words binary sensor %s %s as %s', (deviceClass, state, word) => {
    expect(binarySensorWord(deviceClass, state)).toBe(word);
  });

  it.each([
    [{ supported_color_modes: ['onoff'] }, false],
    [{ supported_color_modes: ['brightness'] }, true],
    [{ supported_color_modes: ['color_temp', 'hs'] }, true],
    [{ brightness: 128 }, true],
    [{}, false],
  ])('dims a light with %j: %s', (attributes, dimmable) => {
    expect(supportsBrightness(view('light.x', attributes))).toBe(dimmable);
  });
});
