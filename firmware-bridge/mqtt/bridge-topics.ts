/**
 * Where the bridge publishes, under `<baseTopic>/<bridgeId>`, in the layout Zigbee2MQTT's bridge
 * uses: a retained availability topic that is also the last will, one per MCU beside it, a state
 * topic per entity with commands on `/set`.
 */
export interface BridgeTopics {
  readonly availability: string;
  /** Every command topic of every MCU, for one subscription. */
  readonly commandWildcard: string;
  mcuAvailability(mcu: string): string;
  diagnostics(mcu: string): string;
  state(mcu: string, entity: string): string;
  command(mcu: string, entity: string): string;
  /** The MCU and entity a command topic addresses; undefined for any other topic. */
  parseCommand(topic: string): { mcu: string; entity: string } | undefined;
}

export function bridgeTopics(baseTopic: string, bridgeId: string): BridgeTopics {
  const base = `${baseTopic}/${bridgeId}`;
  return {
    availability: `${base}/availability`,
    commandWildcard: `${base}/+/+/set`,
    mcuAvailability: (mcu) => `${base}/${mcu}/availability`,
    diagnostics: (mcu) => `${base}/${mcu}/diagnostics`,
    state: (mcu, entity) => `${base}/${mcu}/${entity}`,
    command: (mcu, entity) => `${base}/${mcu}/${entity}/set`,
    parseCommand(topic) {
      if (!topic.startsWith(`${base}/`) || !topic.endsWith('/set')) return undefined;
      const parts = topic.slice(base.length + 1, -'/set'.length).split('/');
      if (parts.length !== 2 || parts.some((part) => part === '')) return undefined;
      return { mcu: parts[0] as string, entity: parts[1] as string };
    },
  };
}
