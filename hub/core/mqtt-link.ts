import type { MqttStatus } from '../protocol/mqtt-status.ts';
import type { Clock } from './clock.ts';
import type { EventBus } from './event-bus.ts';

/**
 * Whether the hub reaches its MQTT broker, for the health check and the panel. The transport
 * reports each change; this keeps the latest and emits `mqttConnectionChanged` once per change.
 */
export class MqttLink {
  private current: MqttStatus;

  constructor(
    private readonly bus: EventBus,
    private readonly clock: Clock,
  ) {
    this.current = { connected: false, since: this.isoNow() };
  }

  get status(): MqttStatus {
    return this.current;
  }

  set(connected: boolean): void {
    if (connected === this.current.connected) return;
    this.current = { connected, since: this.isoNow() };
    this.bus.emit('mqttConnectionChanged', this.current);
  }

  private isoNow(): string {
    return new Date(this.clock.now()).toISOString();
  }
}
