import { startBenchHub } from '../bench-hub.ts';
import type { Scenario } from '../bench-scenario.ts';
import { hubToggler } from '../hub-toggler.ts';
import { formatLatency, ratio, summarizeLatencies } from '../latency-summary.ts';
import { installNodeRed, startNodeRed } from '../node-red.ts';
import { nodeRedToggler } from '../node-red-toggler.ts';
import { rawMqttToggler } from '../raw-mqtt-toggler.ts';
import type { Contender } from '../side-by-side.ts';
import { measureSideBySide, shareLights } from '../side-by-side.ts';

/**
 * Scenario 6: Node-RED running the same bridge (MQTT in → WebSocket out and back) against the
 * same broker and devices, toggled by the same kind of client; hearth / Node-RED, with raw MQTT
 * beside them for scale.
 */
export const peer: Scenario = {
  name: 'peer',
  title: 'peer: Node-RED running the same bridge (MQTT ⇄ WebSocket); hearth / Node-RED',
  async run(report, options) {
    let version: string;
    try {
      version = await installNodeRed();
    } catch (error) {
      report.note(
        `Node-RED could not be installed here, so there is no peer figure: ${error instanceof Error ? error.message : String(error)}`,
      );
      return;
    }
    const bench = await startBenchHub({ devices: 100, profile: options.profile });
    try {
      const [hearthLights = [], peerLights = [], rawLights = []] = shareLights(bench.lights, 3, 9);
      const nodeRed = await startNodeRed(bench.mqttUrl, version, peerLights);
      const contenders: Contender[] = [
        {
          toggler: await hubToggler(bench.hub.wsUrl, bench.hub.token, { coalesce: true }),
          lights: hearthLights,
        },
        { toggler: await nodeRedToggler(nodeRed.wsUrl), lights: peerLights },
        { toggler: await rawMqttToggler(bench.mqttUrl, rawLights), lights: rawLights },
      ];
      try {
        const samples = await measureSideBySide(contenders, {
          warmup: options.quick ? 100 : 300,
          count: options.quick ? 300 : 2000,
          block: 100,
        });
        const figures = new Map(
          contenders.map(({ toggler }) => [
            toggler.name,
            summarizeLatencies(samples.get(toggler.name) ?? []),
          ]),
        );
        for (const [name, summary] of figures) report.figure(name, formatLatency(summary), summary);
        const hearth = figures.get('hearth');
        const peer = figures.get('Node-RED');
        if (hearth && peer)
          report.figure(
            'hearth / Node-RED',
            `p50 ${ratio(hearth.p50, peer.p50)}×, p99 ${ratio(hearth.p99, peer.p99)}× (Node-RED ${version})`,
            { p50: ratio(hearth.p50, peer.p50), p99: ratio(hearth.p99, peer.p99), nodeRed: version },
          );
      } finally {
        for (const { toggler } of contenders) await toggler.close();
        await nodeRed.stop();
      }
    } finally {
      await bench.stop();
    }
  },
};
