/**
 * A toggler's view of its lights: the last state each reported (Zigbee2MQTT JSON on
 * `hearth/<device>`), and a way to time a command until the light reports the state asked for.
 */
export class LightReports {
  private readonly states = new Map<string, string>();
  private waiting: { topic: string; state: string; resolve: () => void } | undefined;

  /** A device's report, however it reached the toggler. */
  receive(topic: string, payload: string): void {
    const state = (JSON.parse(payload) as { state?: string }).state;
    if (state === undefined) return;
    this.states.set(topic, state);
    if (this.waiting && this.waiting.topic === topic && this.waiting.state === state) this.waiting.resolve();
  }

  /**
   * Sends the light the opposite of its last report with `send(commandTopic, payload)` (the
   * payload hearth sends for `light.turn_on`/`turn_off` of a json-schema light), and resolves with
   * the ms until the light reports it.
   */
  async toggle(device: string, send: (topic: string, payload: string) => void): Promise<number> {
    const topic = `hearth/${device}`;
    const state = this.states.get(topic) === 'ON' ? 'OFF' : 'ON';
    const start = performance.now();
    await new Promise<void>((resolve) => {
      this.waiting = { topic, state, resolve };
      send(`${topic}/set`, `{"state": "${state}"}`);
    });
    this.waiting = undefined;
    return performance.now() - start;
  }
}
