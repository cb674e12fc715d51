import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HubClient } from '../helpers/hub-client.ts';
import type { RunningProcess } from '../helpers/run-cli.ts';
import type { HubOnBroker } from '../helpers/start-hub-on-broker.ts';
import { BROKER_KINDS, startHubOnBroker } from '../helpers/start-hub-on-broker.ts';
import { startTestSim } from '../helpers/start-test-hub.ts';

type State = { entity_id: string; state: string; attributes: Record<string, unknown> };

/**
 * One call per domain through the real hub and the real simulator, and what the device then
 * reports. Each row finds an entity of its domain in the simulated house.
 */
const ROUND_TRIPS: {
  domain: string;
  pick?: (s: State) => boolean;
  service: string;
  data: (s: State) => Record<string, unknown>;
  expect: (after: State, before: State) => void;
}[] = [
  {
    domain: 'light',
    pick: (s) => (s.attributes.supported_color_modes as string[] | undefined)?.includes('hs') ?? false,
    service: 'turn_on',
    data: () => ({ hs_color: [120, 80], brightness: 200 }),
    expect: (after) => {
      expect(after.state).toBe('on');
      expect(after.attributes.brightness).toBe(200);
      expect(after.attributes.color_mode).toBe('hs');
      expect((after.attributes.hs_color as number[])[0]).toBeCloseTo(120, 0);
    },
  },
  {
    domain: 'light',
    pick: (s) =>
      (s.attributes.supported_color_modes as string[] | undefined)?.includes('color_temp') ?? false,
    service: 'turn_on',
    data: () => ({ color_temp_kelvin: 3000 }),
    expect: (after) => {
      expect(after.attributes.color_mode).toBe('color_temp');
      expect(Math.abs(Number(after.attributes.color_temp_kelvin) - 3000)).toBeLessThan(60);
    },
  },
  {
    domain: 'switch',
    service: 'toggle',
    data: () => ({}),
    expect: (after, before) => expect(after.state).not.toBe(before.state),
  },
  {
    domain: 'climate',
    service: 'set_temperature',
    data: (s) => ({
      temperature: Math.min(Number(s.attributes.max_temp), Number(s.attributes.temperature ?? 20) + 1),
    }),
    expect: (after, before) =>
      expect(after.attributes.temperature).toBe(
        Math.min(Number(before.attributes.max_temp), Number(before.attributes.temperature ?? 20) + 1),
      ),
  },
  {
    domain: 'climate',
    service: 'set_hvac_mode',
    data: (s) => ({
      hvac_mode: (s.attributes.hvac_modes as string[]).find((m) => m !== s.state && m !== 'off'),
    }),
    expect: (after, before) =>
      expect(after.state).toBe(
        (before.attributes.hvac_modes as string[]).find((m) => m !== before.state && m !== 'off'),
      ),
  },
  {
    domain: 'cover',
    service: 'set_cover_position',
    data: (s) => ({ position: Number(s.attributes.current_position) === 40 ? 60 : 40 }),
    expect: (after, before) =>
      expect(after.attributes.current_position).toBe(
        Number(before.attributes.current_position) === 40 ? 60 : 40,
      ),
  },
  {
    domain: 'lock',
    service: 'lock',
    data: () => ({}),
    expect: (after) => expect(after.state).toBe('locked'),
  },
  {
    domain: 'lock',
    service: 'unlock',
    data: () => ({}),
    expect: (after) => expect(after.state).toBe('unlocked'),
  },
  {
    domain: 'fan',
    service: 'set_percentage',
    data: () => ({ percentage: 100 }),
    expect: (after) => {
      expect(after.state).toBe('on');
      expect(after.attributes.percentage).toBe(100);
    },
  },
  {
    domain: 'number',
    service: 'set_value',
    data: (s) => ({ value: Number(s.attributes.min) + Number(s.attributes.step) }),
    expect: (after, before) =>
      expect(Number(after.state)).toBe(Number(before.attributes.min) + Number(before.attributes.step)),
  },
  {
    domain: 'select',
    service: 'select_option',
    data: (s) => ({ option: (s.attributes.options as string[]).find((o) => o !== s.state) }),
    expect: (after, before) =>
      expect(after.state).toBe((before.attributes.options as string[]).find((o) => o !== before.state)),
  },
  {
    domain: 'button',
    service: 'press',
    data: () => ({}),
    expect: (after) => expect(Date.parse(after.state)).toBeGreaterThan(Date.now() - 60_000),
  },
];

describe.each(BROKER_KINDS)('every domain, through the real hub and the real simulator (%s)', (broker) => {
  let hub: HubOnBroker;
  let sim: RunningProcess;
  let client: HubClient;

  beforeAll(async () => {
    // Covers travel for a few seconds before they report their final position.
    hub = await startHubOnBroker(broker, { env: { HEARTH_COMMAND_TIMEOUT_MS: '20000' } });
    sim = await startTestSim(hub.mqttUrl);
    client = await HubClient.connect(hub.wsUrl, hub.token);
    const domains = new Set(ROUND_TRIPS.map((r) => r.domain));
    for (let i = 0; i < 100; i++) {
      // A button's state is the time of its last press: `unknown` until then, and live all the same.
      const live = (await states()).filter(
        (s) => s.state !== 'unavailable' && (s.state !== 'unknown' || s.entity_id.startsWith('button.')),
      );
      if ([...domains].every((d) => live.some((s) => s.entity_id.startsWith(`${d}.`)))) break;
      await new Promise((r) => setTimeout(r, 100));
    }
  });

  afterAll(async () => {
    client?.close();
    await sim?.stop();
    await hub?.stop();
  });

  const states = async () => (await client.command({ type: 'get_states' })).result as State[];

  it.each(ROUND_TRIPS.map((row) => [`${row.domain}.${row.service}`, row] as const))(
    '%s reaches the device and confirms',
    async (_name, row) => {
      const candidates = (await states()).filter(
        (s) =>
          s.entity_id.startsWith(`${row.domain}.`) && s.state !== 'unavailable' && (row.pick?.(s) ?? true),
      );
      const before = candidates[0];
      expect(before, `a live ${row.domain} in the simulated house`).toBeDefined();
      if (!before) return;
      const answer = await client.command({
        type: 'call_service',
        domain: row.domain,
        service: row.service,
        service_data: row.data(before),
        target: { entity_id: before.entity_id },
      });
      expect(answer.error, JSON.stringify(answer.error)).toBeUndefined();
      expect(answer.success).toBe(true);
      const after = (await states()).find((s) => s.entity_id === before.entity_id);
      expect(after).toBeDefined();
      if (after) row.expect(after, before);
    },
  );

  it('turns off every light and switch of an area with homeassistant.turn_off', async () => {
    const areas = (await client.command({ type: 'config/area_registry/list' })).result as {
      area_id: string;
    }[];
    const livingRoom = areas.find((a) => a.area_id === 'living_room');
    expect(livingRoom).toBeDefined();
    const answer = await client.command({
      type: 'call_service',
      domain: 'homeassistant',
      service: 'turn_off',
      target: { area_id: 'living_room' },
    });
    expect(answer.success).toBe(true);
    const lights = (await states()).filter((s) => s.entity_id.startsWith('light.living_room'));
    expect(lights.length).toBeGreaterThan(0);
    for (const light of lights) expect(light.state).toBe('off');
  });

  it('refuses a climate setpoint outside the device range, naming the field', async () => {
    const climate = (await states()).find((s) => s.entity_id.startsWith('climate.'));
    const answer = await client.command({
      type: 'call_service',
      domain: 'climate',
      service: 'set_temperature',
      service_data: { temperature: 99 },
      target: { entity_id: climate?.entity_id },
    });
    expect((answer.error as { code: string; message: string }).code).toBe('service_validation_error');
    expect((answer.error as { message: string }).message).toContain('temperature');
  });
});
