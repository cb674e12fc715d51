import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMANDS } from '../../hub/api/commands/index.ts';
import { ERROR_CODES, type ErrorCode } from '../../hub/protocol/websocket-messages.ts';
import { HubClient } from '../helpers/hub-client.ts';
import type { TestHub } from '../helpers/start-test-hub.ts';
import { startTestHub } from '../helpers/start-test-hub.ts';
import { HOSTILE_NAMES, hostileJson, hostileKey } from './hostile-values.ts';
import { PROPERTY_RUNS, PROPERTY_TIMEOUT_MS } from './property-runs.ts';

/** Keys the commands take, so that messages often get past the envelope to a command's schema. */
const FIELDS = [
  'domain',
  'service',
  'service_data',
  'target',
  'entity_id',
  'device_id',
  'area_id',
  'event_type',
  'subscription',
  'features',
  'coalesce_messages',
  'entity_ids',
  'return_response',
  'client_name',
  'lifespan',
  'refresh_token_id',
  'brightness',
  'start_time',
  'end_time',
];

const SERVICES = ['light', 'switch', 'homeassistant', 'turn_on', 'toggle', 'set_temperature', '__proto__'];

type Envelope = { id: 'fresh' | unknown; text?: string; body: Record<string, unknown> };

/** A message as a client could send it: a command with a fresh id, or a broken envelope, or not JSON. */
const message: fc.Arbitrary<Envelope> = fc
  .record({
    id: fc.oneof(
      { weight: 6, arbitrary: fc.constant('fresh') },
      fc.constantFrom(undefined, 0, -1, 1.5, '7', null, 2 ** 53, 1),
    ),
    body: fc
      .record({
        type: fc.oneof(
          { weight: 6, arbitrary: fc.constantFrom(...COMMANDS.keys()) },
          fc.constantFrom('auth', '', 'result', ...HOSTILE_NAMES),
          hostileJson,
        ),
        fields: fc.dictionary(
          fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...FIELDS) }, hostileKey),
          fc.oneof(hostileJson, fc.constantFrom(...SERVICES), fc.constant({ entity_id: 'light.nothing' })),
          { maxKeys: 5 },
        ),
      })
      .map(({ type, fields }) => {
        // The id is the envelope's to choose: one from the fields could run ahead of the test's count.
        const { id: _ignored, ...rest } = fields;
        return { ...rest, type };
      }),
    text: fc.oneof(
      { weight: 12, arbitrary: fc.constant(null) },
      fc.string({ maxLength: 30 }),
      fc.constantFrom('[]', '[{"id":1}]', 'null', '1', '"x"', '{'),
    ),
  })
  .map(({ id, body, text }) => ({ id, body, ...(text === null ? {} : { text }) }));

/**
 * WebSocket messages through the real parser of a real hub: the envelope (JSON, id, type, depth,
 * rate) and each command's schema. The rate limit is raised so that the run is not cut short.
 */
describe('WebSocket messages, any of them', () => {
  let hub: TestHub;
  let client: HubClient;
  let configDir: string;

  beforeAll(async () => {
    configDir = mkdtempSync(path.join(tmpdir(), 'hearth-property-'));
    const config = path.join(configDir, 'config.json');
    writeFileSync(config, JSON.stringify({ messagesPerSecond: 100_000, messageBurst: 100_000 }));
    hub = await startTestHub({ args: ['--config', config] });
    client = await HubClient.connect(hub.wsUrl, hub.token);
  });

  afterAll(async () => {
    client?.close();
    await hub?.stop();
    rmSync(configDir, { recursive: true, force: true });
  });

  it(
    'each get one answer, a result or a precise error, and the connection goes on',
    async () => {
      let lastId = 0;
      /** Answers by id, for the commands sent with a valid id: each must get exactly one. */
      const answered = new Map<number, number>();
      const checkError = (answer: Record<string, unknown>) => {
        if (answer.type !== 'result' || answer.success !== false) return;
        const error = answer.error as { code: ErrorCode; message: string };
        expect(ERROR_CODES).toContain(error.code);
        expect(typeof error.message).toBe('string');
      };
      await fc.assert(
        fc.asyncProperty(message, async ({ id, body, text }) => {
          const fresh = id === 'fresh' && text === undefined ? ++lastId : undefined;
          const sent =
            text ??
            JSON.stringify(
              fresh === undefined ? (id === undefined ? body : { ...body, id }) : { ...body, id: fresh },
            );
          client.sendRaw(sent);
          // A ping with the next id: a message refused before its command runs is answered before its pong.
          const marker = ++lastId;
          client.sendRaw(JSON.stringify({ id: marker, type: 'ping' }));
          await client.next((m) => m.id === marker && m.type === 'pong');
          // A command may answer later than the ping (it may wait on something): wait for it by id.
          if (fresh !== undefined)
            await client
              .next((m) => m.id === fresh && (m.type === 'result' || m.type === 'pong'))
              .then((answer) => {
                answered.set(fresh, (answered.get(fresh) ?? 0) + 1);
                checkError(answer);
              });
          let refusals = 0;
          for (const answer of client.messages.splice(0)) {
            if (answer.type !== 'result' && answer.type !== 'pong') continue;
            checkError(answer);
            // A refusal echoes the id it was sent, when it was a number (`id_reuse` for 1, say).
            const refusal = fresh === undefined && refusals === 0 && (answer.id === null || answer.id === id);
            if (!refusal && typeof answer.id === 'number' && answered.has(answer.id))
              answered.set(answer.id, (answered.get(answer.id) ?? 0) + 1);
            else refusals += 1;
          }
          // A message without a usable id gets exactly one refusal; one with an id, nothing more.
          expect(refusals).toBe(fresh === undefined ? 1 : 0);
        }),
        { numRuns: PROPERTY_RUNS },
      );
      expect([...answered.values()].every((count) => count === 1)).toBe(true);
      const last = ++lastId;
      client.sendRaw(JSON.stringify({ id: last, type: 'get_states' }));
      expect((await client.next((m) => m.id === last)).success).toBe(true);
    },
    PROPERTY_TIMEOUT_MS,
  );
});
