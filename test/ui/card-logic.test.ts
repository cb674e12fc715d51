import { describe, expect, it } from 'vitest';
import { buttonStatus } from '../../ui/src/components/ButtonCard.tsx';
import { climateStatus, formatTemperature, hvacModeWord } from '../../ui/src/components/ClimateCard.tsx';
import { coverFeatures } from '../../ui/src/components/CoverCard.tsx';
import { fanFeatures, speedCount } from '../../ui/src/components/FanCard.tsx';
import { formatNumber } from '../../ui/src/components/format-number.ts';
import { lockWord } from '../../ui/src/components/LockCard.tsx';
import {
  hsToRgb,
  kelvinRange,
  kelvinToRgb,
  lightColor,
  lightColorModes,
} from '../../ui/src/components/light-color.ts';
import { numberRange, snapNumber, usesBox } from '../../ui/src/components/NumberCard.tsx';
import { relativeTime } from '../../ui/src/components/relative-time.ts';
import { sensorReading } from '../../ui/src/components/SensorCard.tsx';
import type { EntityView } from '../../ui/src/store/entity-view.ts';
import { shownView } from '../../ui/src/store/entity-view.ts';

const view = (entityId: string, attributes: Record<string, unknown> = {}, state = 'on'): EntityView => ({
  entity_id: entityId,
  domain: entityId.split('.')[0] ?? '',
  state,
  attributes,
});

describe('numbers and times', () => {
  it.each([
    ['1234.5678', 'kWh', 1, '1,234.6 kWh'],
    ['1013.25', 'hPa', 0, '1,013 hPa'],
    ['21', '°C', 1, '21.0 °C'],
    ['21.456789', '°C', null, '21.5 °C'],
    ['0.613', 'A', null, '0.61 A'],
    ['1013.25', 'hPa', null, '1,013 hPa'],
    ['45', '%', null, '45 %'],
    ['-2.5', '°C', null, '-2.5 °C'],
    ['open', null, null, 'open'],
    ['', 'W', null, '—'],
    ['unavailable', 'W', null, 'unavailable'],
    ['heat', '°C', null, 'heat'],
  ])('reads %s %s with precision %s as %s', (state, unit, precision, shown) => {
    expect(sensorReading(state, unit, precision)).toBe(shown);
  });

  it('formats without noise', () => {
    expect(formatNumber(20.200000000000003)).toBe('20.2');
    expect(formatNumber(3, 0)).toBe('3');
  });

  const now = Date.parse('2025-01-02T12:00:00Z');
  it.each([
    ['2025-01-02T11:59:40Z', 'just now'],
    ['2025-01-02T11:58:00Z', '2 min ago'],
    ['2025-01-02T09:00:00Z', '3 h ago'],
    ['2025-01-01T08:00:00Z', 'yesterday'],
    ['unknown', null],
  ])('says %s was %s', (iso, said) => {
    expect(relativeTime(iso, now)).toBe(said);
  });

  it('says when a button was last pressed', () => {
    expect(buttonStatus('2025-01-02T11:58:00Z', now)).toBe('Pressed 2 min ago');
    expect(buttonStatus('unknown', now)).toBe('Never pressed');
  });
});

describe('light colour', () => {
  it('knows which colour controls a light has', () => {
    expect(lightColorModes(view('light.x', { supported_color_modes: ['xy', 'color_temp'] }))).toEqual({
      color: true,
      temperature: true,
    });
    expect(lightColorModes(view('light.x', { supported_color_modes: ['rgbww'] }))).toEqual({
      color: true,
      temperature: false,
    });
    expect(lightColorModes(view('light.x', { supported_color_modes: ['brightness'] }))).toEqual({
      color: false,
      temperature: false,
    });
  });

  it('converts hue/saturation and kelvin to a colour to show', () => {
    expect(hsToRgb(0, 100)).toEqual([255, 0, 0]);
    expect(hsToRgb(120, 100)).toEqual([0, 255, 0]);
    expect(hsToRgb(240, 50)).toEqual([128, 128, 255]);
    expect(hsToRgb(77, 0)).toEqual([255, 255, 255]);
    const [r, , b] = kelvinToRgb(2000);
    expect(r).toBe(255);
    expect(b).toBeLessThan(60);
    expect(kelvinToRgb(6600)).toEqual([255, 255, 255]);
  });

  it('shows the colour of the mode the light is in', () => {
    expect(lightColor(view('light.x', { color_mode: 'hs', hs_color: [0, 100] }))).toEqual([255, 0, 0]);
    expect(
      lightColor(view('light.x', { color_mode: 'color_temp', color_temp_kelvin: 6600, hs_color: [0, 100] })),
    ).toEqual([255, 255, 255]);
    expect(lightColor(view('light.x', { rgb_color: [1, 2, 3] }))).toEqual([1, 2, 3]);
    expect(lightColor(view('light.x', {}))).toBeNull();
  });

  it('takes the kelvin range from the entity, else Home Assistant defaults', () => {
    expect(
      kelvinRange(view('light.x', { min_color_temp_kelvin: 2200, max_color_temp_kelvin: 6500 })),
    ).toEqual([2200, 6500]);
    expect(kelvinRange(view('light.x'))).toEqual([2000, 6535]);
  });
});

describe('what the control cards say', () => {
  it('words a thermostat by what it does, then the room temperature', () => {
    expect(
      climateStatus(view('climate.x', { hvac_action: 'heating', current_temperature: 20.5 }, 'heat')),
    ).toBe('Heating · 20.5° now');
    expect(climateStatus(view('climate.x', {}, 'fan_only'))).toBe('Fan');
    expect(hvacModeWord('heat_cool')).toBe('Heat/Cool');
    expect(hvacModeWord('eco_plus')).toBe('Eco plus');
    expect(formatTemperature(21, view('climate.x', { temperature_unit: '°F' }), 1)).toBe('21.0 °F');
  });

  it.each([
    ['locked', 'Locked'],
    ['jammed', 'Jammed'],
    ['unlocking', 'Unlocking…'],
    ['open', 'Open'],
    ['unknown', 'Unknown'],
  ])('words lock state %s as %s', (state, word) => {
    expect(lockWord(state)).toBe(word);
  });

  it('derives cover features from the attributes when the entity does not state them', () => {
    expect(coverFeatures(view('cover.x', { supported_features: 11 }))).toBe(11);
    expect(coverFeatures(view('cover.x', { current_position: 40 }))).toBe(1 | 2 | 4 | 8);
    expect(coverFeatures(view('cover.x', { current_position: 40, current_tilt_position: 0 }))).toBe(
      1 | 2 | 4 | 8 | 128,
    );
  });

  it('counts fan speeds from percentage_step', () => {
    expect(speedCount(view('fan.x', { percentage_step: 100 / 3 }))).toBe(3);
    expect(speedCount(view('fan.x', { percentage_step: 1 }))).toBe(100);
    expect(speedCount(view('fan.x'))).toBe(100);
    expect(fanFeatures(view('fan.x', { percentage: 50, oscillating: false }))).toBe(1 | 2);
  });

  it('chooses a slider or a box for a number, and snaps what is typed', () => {
    expect(usesBox(view('number.x', { min: 0, max: 100, step: 1 }))).toBe(false);
    expect(usesBox(view('number.x', { min: 0, max: 1000, step: 1 }))).toBe(true);
    expect(usesBox(view('number.x', { mode: 'box' }))).toBe(true);
    const range = numberRange(view('number.x', { min: 5, max: 25, step: 0.5 }));
    expect(snapNumber(14.3, range)).toBe(14.5);
    expect(snapNumber(99, range)).toBe(25);
    expect(snapNumber(5.1, numberRange(view('number.x', { min: 0, max: 1, step: 0.1 })))).toBe(1);
  });

  it('lays the calls in flight over the confirmed state', () => {
    const confirmed = view('climate.x', { temperature: 21, preset_mode: 'none' }, 'heat');
    expect(
      shownView(confirmed, { callId: 3, service: 'set_temperature', attributes: { temperature: 22 } }),
    ).toEqual({ ...confirmed, attributes: { temperature: 22, preset_mode: 'none' } });
    expect(shownView(confirmed, null)).toBe(confirmed);
  });
});
