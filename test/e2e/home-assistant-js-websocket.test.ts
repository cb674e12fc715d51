import type { Connection, HassEntities } from 'home-assistant-js-websocket';
import {
  callService,
  createConnection,
  createLongLivedTokenAuth,
  ERR_INVALID_AUTH,
  subscribeEntities,
} from 'home-assistant-js-websocket';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { RunningProcess } from '../helpers/run-cli.ts';
import type { HubOnBroker } from '../helpers/start-hub-on-broker.ts';
import { BROKER_KINDS, startHubOnBroker } from '../helpers/start-hub-on-broker.ts';
import { startTestSim } from '../helpers/start-test-hub.ts';

// The library uses the global WebSocket, which Node 20 lacks; `ws` is the one it runs on in Node.
(globalThis as { WebSocket?: unknown }).WebSocket = WebSocket;

describe.each(BROKER_KINDS)('home-assistant-js-websocket works against hearth unchanged (%s)', (broker) => {
  let hub: HubOnBroker;
  let sim: RunningProcess;
  let connection: Connection;

  beforeAll(async () => {
    hub = await startHubOnBroker(broker);
    sim = await startTestSim(hub.mqttUrl);
    connection = await createConnection({ auth: createLongLivedTokenAuth(hub.httpUrl, hub.token) });
  });

  afterAll(async () => {
    connection?.close();
    await sim?.stop();
    await hub?.stop();
  });

  const entitiesWhere = (predicate: (entities: HassEntities) => boolean): Promise<HassEntities> =>
    new Promise((resolve) => {
      const unsubscribe = subscribeEntities(connection, (entities) => {
        if (predicate(entities)) {
          unsubscribe();
          resolve(entities);
        }
      });
    });

  it('sees the simulator entities through subscribeEntities', async () => {
    const liveLights = (e: HassEntities) =>
      Object.values(e).filter(
        (x) => x.entity_id.startsWith('light.') && (x.state === 'on' || x.state === 'off'),
      );
    const entities = await entitiesWhere((e) => liveLights(e).length >= 2);
    const lights = Object.values(entities).filter((e) => e.entity_id.startsWith('light.'));
    expect(lights.length).toBeGreaterThanOrEqual(2);
    for (const light of lights) expect(typeof light.attributes.friendly_name).toBe('string');
  });

  it('toggles a light with callService and sees the new state', async () => {
    const entities = await entitiesWhere((e) => Object.keys(e).some((id) => id.startsWith('light.')));
    const light = Object.values(entities).find(
      (e) => e.entity_id.startsWith('light.') && e.state !== 'unavailable',
    );
    expect(light).toBeDefined();
    const target = light?.state === 'on' ? 'off' : 'on';
    await callService(connection, 'light', 'toggle', undefined, { entity_id: light?.entity_id as string });
    const after = await entitiesWhere((e) => e[light?.entity_id as string]?.state === target);
    expect(after[light?.entity_id as string]?.state).toBe(target);
  });

  it('is refused with a wrong token', async () => {
    await expect(createConnection({ auth: createLongLivedTokenAuth(hub.httpUrl, 'wrong') })).rejects.toBe(
      ERR_INVALID_AUTH,
    );
  });
});
