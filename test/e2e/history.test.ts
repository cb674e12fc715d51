import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HubClient } from '../helpers/hub-client.ts';
import type { RunningProcess } from '../helpers/run-cli.ts';
import type { TestHub } from '../helpers/start-test-hub.ts';
import { startTestHub, startTestSim } from '../helpers/start-test-hub.ts';

const LAMP = 'light.living_room_lamp';
type Compressed = { s: string; a?: Record<string, unknown>; lu: number; lc?: number };

describe('history, logbook and statistics over the WebSocket and REST APIs', () => {
  let hub: TestHub;
  let sim: RunningProcess;
  let client: HubClient;
  let userId: string;
  const start = new Date().toISOString();
  /** The states the lamp went through, as the toggles confirmed them. */
  const toggled: string[] = [];

  beforeAll(async () => {
    hub = await startTestHub();
    sim = await startTestSim(hub.mqttUrl);
    client = await HubClient.connect(hub.wsUrl, hub.token);
    userId = ((await client.command({ type: 'auth/current_user' })).result as { id: string }).id;
    for (let i = 0; i < 100; i++) {
      const states = (await client.command({ type: 'get_states' })).result as {
        entity_id: string;
        state: string;
      }[];
      if (states.some((s) => s.entity_id === LAMP && (s.state === 'on' || s.state === 'off'))) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    for (let i = 0; i < 4; i++) {
      const answer = await client.command({
        type: 'call_service',
        domain: 'light',
        service: 'toggle',
        target: { entity_id: LAMP },
      });
      expect(answer.success).toBe(true);
      const state = (await client.command({ type: 'get_states' })).result as {
        entity_id: string;
        state: string;
      }[];
      toggled.push(state.find((s) => s.entity_id === LAMP)?.state ?? '');
    }
  });

  afterAll(async () => {
    client?.close();
    await sim?.stop();
    await hub?.stop();
  });

  it('answers history/history_during_period with every toggle, in the compressed shape', async () => {
    const answer = await client.command({
      type: 'history/history_during_period',
      start_time: start,
      entity_ids: [LAMP],
      minimal_response: true,
      no_attributes: true,
    });
    const states = (answer.result as Record<string, Compressed[]>)[LAMP] ?? [];
    expect(states.map((s) => s.s).slice(-4)).toEqual(toggled);
    for (const state of states) {
      expect(Object.keys(state).sort()).toEqual(['lu', 's']);
      expect(typeof state.lu).toBe('number');
    }
    const full = await client.command({
      type: 'history/history_during_period',
      start_time: start,
      entity_ids: [LAMP],
    });
    const first = (full.result as Record<string, Compressed[]>)[LAMP]?.at(-1);
    expect(first?.a).toMatchObject({ friendly_name: 'Living Room Lamp' });
  });

  it('lists the toggles in the logbook, each with the user who asked for it', async () => {
    const answer = await client.command({
      type: 'logbook/get_events',
      start_time: start,
      entity_ids: [LAMP],
    });
    const entries = answer.result as {
      entity_id: string;
      state: string;
      when: number;
      context_user_id?: string;
    }[];
    expect(entries.slice(-4).map((e) => [e.state, e.context_user_id])).toEqual(
      toggled.map((s) => [s, userId]),
    );
  });

  it('serves GET /api/history/period/<start>?filter_entity_id= as Home Assistant does', async () => {
    const url = `${hub.httpUrl}/api/history/period/${encodeURIComponent(start)}?filter_entity_id=${LAMP}&minimal_response`;
    const response = await fetch(url, { headers: { Authorization: `Bearer ${hub.token}` } });
    expect(response.status).toBe(200);
    const [lamp] = (await response.json()) as Record<string, unknown>[][];
    expect(lamp?.[0]).toMatchObject({ entity_id: LAMP, attributes: { friendly_name: 'Living Room Lamp' } });
    expect(lamp?.slice(-4).map((s) => s.state)).toEqual(toggled);
    expect(lamp?.at(-1)).toEqual({ state: toggled.at(-1), last_changed: expect.any(String) });

    const missing = await fetch(`${hub.httpUrl}/api/history/period`, {
      headers: { Authorization: `Bearer ${hub.token}` },
    });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toEqual({ message: 'filter_entity_id is missing' });
    const anonymous = await fetch(`${hub.httpUrl}/api/history/period?filter_entity_id=${LAMP}`);
    expect(anonymous.status).toBe(401);
  });

  it('answers recorder/statistics_during_period for a measurement sensor', async () => {
    const answer = await client.command({
      type: 'recorder/statistics_during_period',
      start_time: start,
      statistic_ids: ['sensor.living_room_climate_temperature'],
      period: 'hour',
    });
    // The first 5-minute period is compiled five minutes after it ends; until then, nothing.
    expect(answer).toMatchObject({ success: true, result: {} });
  });

  it('refuses bad times and missing entities with Home Assistant’s errors', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [
        { type: 'history/history_during_period', start_time: 'yesterday', entity_ids: [LAMP] },
        'invalid_start_time',
      ],
      [
        {
          type: 'history/history_during_period',
          start_time: start,
          end_time: '2000-01-01',
          entity_ids: [LAMP],
        },
        'invalid_end_time',
      ],
      [{ type: 'history/history_during_period', start_time: start }, 'invalid_format'],
      [{ type: 'logbook/get_events', start_time: 'x' }, 'invalid_start_time'],
      [
        {
          type: 'recorder/statistics_during_period',
          start_time: start,
          statistic_ids: ['a'],
          period: 'year',
        },
        'invalid_format',
      ],
    ];
    for (const [message, code] of cases) {
      expect((await client.command(message)).error).toMatchObject({ code });
    }
  });
});
