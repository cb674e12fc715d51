import { STATE_UNKNOWN } from '../../../hub/protocol/entity-state.ts';
import { isAvailable, numberAttribute, stringAttribute } from '../store/entity-view.ts';
import { useHubStore } from '../store/hub-context.ts';
import type { EntitySlot } from '../store/hub-store.ts';
import { isChartable } from '../store/sensor-history.ts';
import { CardFrame } from './CardFrame.tsx';
import { formatNumber, parseNumber } from './format-number.ts';
import type { IconName } from './Icon.tsx';
import { relativeTime } from './relative-time.ts';
import { Sparkline } from './Sparkline.tsx';
import { useNow } from './use-now.ts';

/** Icons by `SensorDeviceClass` (https://developers.home-assistant.io/docs/core/entity/sensor#available-device-classes). */
const ICONS: Readonly<Record<string, IconName>> = {
  temperature: 'thermometer',
  humidity: 'humidity',
  moisture: 'humidity',
  precipitation: 'water',
  water: 'water',
  illuminance: 'sun',
  irradiance: 'sun',
  power: 'bolt',
  apparent_power: 'bolt',
  reactive_power: 'bolt',
  energy: 'bolt',
  energy_storage: 'bolt',
  voltage: 'bolt',
  current: 'bolt',
  power_factor: 'bolt',
  battery: 'battery',
  pressure: 'gauge',
  atmospheric_pressure: 'gauge',
  carbon_dioxide: 'cloud',
  carbon_monoxide: 'cloud',
  volatile_organic_compounds: 'cloud',
  volatile_organic_compounds_parts: 'cloud',
  aqi: 'cloud',
  pm1: 'cloud',
  pm10: 'cloud',
  pm25: 'cloud',
  nitrogen_dioxide: 'cloud',
  ozone: 'cloud',
  gas: 'flame',
  wind_speed: 'wind',
  sound_pressure: 'sound',
  signal_strength: 'signal',
  timestamp: 'clock',
  duration: 'clock',
};

/**
 * `21.4 °C`: a number in the user's locale, with `suggested_display_precision` decimals when the
 * entity gives them, then the unit; a text state as it is.
 */
export function sensorReading(state: string, unit: string | null, precision: number | null = null): string {
  if (state === STATE_UNKNOWN || state === '') return '—';
  const value = parseNumber(state);
  // A unit belongs to a number: `unavailable W` or `heat W` would read as nonsense.
  if (value === null) return state;
  const text = formatNumber(value, precision);
  return unit ? `${text} ${unit}` : text;
}

export function SensorCard({ slot }: { slot: EntitySlot }) {
  const view = slot.view.value;
  const deviceClass = stringAttribute(view, 'device_class') ?? '';
  const timestamp = deviceClass === 'timestamp';
  const chartable = isChartable(view);
  // A chart moves on with time even when the reading does not.
  const now = useNow(timestamp ? 30_000 : chartable ? 300_000 : 3_600_000);
  const store = useHubStore();
  const points = chartable ? store.sensorHistory.points(slot.id).value : [];
  let reading = '';
  if (isAvailable(view)) {
    reading = timestamp
      ? (relativeTime(view.state, now) ?? sensorReading(view.state, null))
      : sensorReading(
          view.state,
          stringAttribute(view, 'unit_of_measurement'),
          numberAttribute(view, 'suggested_display_precision') ?? numberAttribute(view, 'display_precision'),
        );
  }
  return (
    <CardFrame
      slot={slot}
      kind="sensor"
      icon={ICONS[deviceClass] ?? 'gauge'}
      active={false}
      status={reading}
      emphasis
      opensWhole
      tall={chartable}
    >
      {chartable && <Sparkline points={points} nowSeconds={now / 1000} />}
    </CardFrame>
  );
}
