import { fileURLToPath } from 'node:url';
import { HttpServer } from './api/http-server.ts';
import { AuthStore } from './auth/auth-store.ts';
import type { EmbeddedBroker } from './broker/embedded-broker.ts';
import { startEmbeddedBroker } from './broker/embedded-broker.ts';
import { MqttClientTransport } from './broker/mqtt-client-transport.ts';
import type { HubConfig } from './config/hub-config.ts';
import { AreaRegistry } from './core/area-registry.ts';
import type { Clock } from './core/clock.ts';
import { systemClock } from './core/clock.ts';
import { CommandConfirmations } from './core/command-confirmations.ts';
import { DeviceRegistry } from './core/device-registry.ts';
import { EntityRegistry } from './core/entity-registry.ts';
import { EventBus } from './core/event-bus.ts';
import { HubError } from './core/hub-error.ts';
import type { Logger } from './core/logger.ts';
import type { MqttTransport } from './core/mqtt-transport.ts';
import { ServiceRegistry } from './core/service-registry.ts';
import { StateMachine } from './core/state-machine.ts';
import { TargetResolver } from './core/target-resolver.ts';
import { EntityControllers } from './domains/entity-controllers.ts';
import { registerDomainServices } from './domains/register-domain-services.ts';
import type { Extension } from './extensions.ts';
import { builtInExtensions } from './extensions.ts';
import type { HubContext } from './hub-context.ts';
import { BIRTH_PAYLOAD_OFFLINE } from './protocol/mqtt-conventions.ts';
import type { Database } from './storage/database.ts';
import { openDatabase } from './storage/database.ts';

const DEFAULT_UI_DIR = fileURLToPath(new URL('../ui/dist/', import.meta.url));

/**
 * The hub: builds the context, then starts from the bottom up — database, broker, MQTT client,
 * extensions, HTTP — and stops from the top down, so no request arrives at a part already gone.
 */
export class Hub {
  private broker: EmbeddedBroker | undefined;
  private mqtt: MqttClientTransport | undefined;
  private http: HttpServer | undefined;
  private extensions: Extension[] = [];
  private stopped = false;

  private constructor(
    readonly context: HubContext,
    private readonly db: Database,
  ) {}

  static async start(config: HubConfig, log: Logger, clock: Clock = systemClock): Promise<Hub> {
    const db = openDatabase(config.dataDir);
    const bus = new EventBus(log);
    const confirmations = new CommandConfirmations(clock);
    const states = new StateMachine(bus, clock, confirmations);
    const registries = {
      states,
      entities: new EntityRegistry(bus),
      devices: new DeviceRegistry(bus),
      areas: new AreaRegistry(bus),
    };
    const context: HubContext = {
      config,
      clock,
      log,
      bus,
      ...registries,
      confirmations,
      services: new ServiceRegistry(states, clock, new TargetResolver(registries)),
      controllers: new EntityControllers(),
      auth: new AuthStore(db, clock),
    };
    registerDomainServices(context.services, states, context.controllers);
    context.auth.owner();

    const hub = new Hub(context, db);
    try {
      await hub.startParts();
    } catch (error) {
      await hub.stop();
      throw error;
    }
    return hub;
  }

  get httpPort(): number {
    return this.http?.port ?? 0;
  }

  /** The broker the hub uses: the embedded one's address, or `--mqtt-url`. */
  get mqttUrl(): string {
    return this.broker?.url ?? this.context.config.mqttUrl ?? '';
  }

  get mqttPort(): number | undefined {
    return this.broker?.port;
  }

  private async startParts(): Promise<void> {
    const { config, log } = this.context;
    const mqtt = await this.connectMqtt();
    for (const extension of builtInExtensions(this.context, mqtt)) {
      try {
        await extension.start();
        this.extensions.push(extension);
      } catch (error) {
        log.error(
          `extension ${extension.name} failed to start: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
    this.http = new HttpServer(this.context, config.uiDir ?? DEFAULT_UI_DIR);
    await this.http.listen(config.host, config.httpPort);
    this.http.ready = true;
  }

  /** The embedded broker, which the hub uses in-process; or a client of `--mqtt-url`. */
  private async connectMqtt(): Promise<MqttTransport> {
    const { config, log } = this.context;
    if (!config.mqttUrl) {
      this.broker = await startEmbeddedBroker({ host: config.host, port: config.mqttPort, log });
      return this.broker.local;
    }
    this.mqtt = new MqttClientTransport({
      url: config.mqttUrl,
      clientId: `hearth-hub-${process.pid}`,
      log,
      will: { topic: `${config.discoveryPrefix}/status`, payload: BIRTH_PAYLOAD_OFFLINE },
    });
    await this.mqtt.connect();
    return this.mqtt;
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    const { log } = this.context;
    await this.http?.close();
    for (const extension of this.extensions.reverse()) {
      try {
        await extension.stop();
      } catch (error) {
        log.error(
          `extension ${extension.name} failed to stop: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
    this.context.confirmations.rejectAll(new HubError('device_unavailable', 'the hub is stopping'));
    await this.mqtt?.close();
    await this.broker?.close();
    this.db.close();
  }
}
