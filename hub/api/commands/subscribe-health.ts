import { z } from 'zod';
import type { TimerHandle } from '../../core/clock.ts';
import { readHubHealth } from '../../core/hub-health.ts';
import { HEALTH_SUBSCRIBE } from '../../protocol/settings-messages.ts';
import { defineCommand } from './command-handler.ts';

/**
 * A fresh reading this often: a device going offline, or a toggle landing in the histogram, shows
 * within a breath of looking, while one reading (a few gauges, one pass over the states, a frame of
 * under 1 KB) costs well under a millisecond, so a few open panels add nothing a Pi would notice.
 * Readings are chained, not on an interval: a busy hub is never asked for the next before the last.
 */
export const HEALTH_INTERVAL_MS = 2000;

/**
 * `hearth/health/subscribe`: the hub's health for the panel's settings, for any signed-in user. A
 * snapshot event at once, then one every HEALTH_INTERVAL_MS and one as soon as the broker link
 * changes; ended by `unsubscribe_events` or the socket closing.
 */
export const subscribeHealth = defineCommand({
  type: HEALTH_SUBSCRIBE,
  schema: z.looseObject({}),
  handle: (connection, message, { hub }) => {
    const owner = `api/health/${connection.remote}/${message.id}`;
    const broker = hub.config.mqttUrl ? 'external' : 'embedded';
    let active = true;
    let timer: TimerHandle | undefined;
    let reading = false;
    let readAgain = false;
    let failed = false;

    const send = async (): Promise<void> => {
      if (reading) {
        readAgain = true;
        return;
      }
      reading = true;
      if (timer) hub.clock.clearTimeout(timer);
      try {
        const health = await readHubHealth({
          metrics: hub.metrics,
          broker,
          link: hub.mqttLink.status,
          now: hub.clock.now(),
        });
        if (active) connection.sendEvent(message.id, JSON.stringify(health));
      } catch (error) {
        // Once per subscription: the same failure every two seconds would drown the log.
        if (!failed)
          hub.log.error(`api: health reading failed: ${error instanceof Error ? error.message : error}`);
        failed = true;
      } finally {
        reading = false;
        if (active && readAgain) {
          readAgain = false;
          void send();
        } else if (active) {
          timer = hub.clock.setTimeout(() => void send(), HEALTH_INTERVAL_MS);
        }
      }
    };

    hub.bus.on(owner, 'mqttConnectionChanged', () => void send());
    connection.subscriptions.set(message.id, () => {
      active = false;
      if (timer) hub.clock.clearTimeout(timer);
      hub.bus.removeListeners(owner);
    });
    connection.sendResult(message.id, null);
    void send();
  },
});
