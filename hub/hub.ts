import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { fileURLToPath } from 'node:url';
import { HttpServer } from './api/http-server.ts';
import { AuthStore } from './auth/auth-store.ts';
import type { EmbeddedBroker } from './broker/embedded-broker.ts';
import { startEmbeddedBroker } from './broker/embedded-broker.ts';
import { MqttClientTransport } from './broker/mqtt-client-transport.ts';
import { redactMqttUrl, resolveMqttEndpoint } from './broker/mqtt-endpoint.ts';
import type { HubConfig } from './config/hub-config.ts';
import { AreaRegistry } from './core/area-registry.ts';
import type { Clock } from './core/clock.ts';
import { systemClock } from './core/clock.ts';
import { CommandConfirmations } from './core/command-confirmations.ts';
import { countedMqttTransport } from './core/counted-mqtt-transport.ts';
import { DeviceRegistry } from './core/device-registry.ts';
import { EntityRegistry } from './core/entity-registry.ts';
import { EventBus } from './core/event-bus.ts';
import { HubError } from './core/hub-error.ts';
import { HubMetrics } from './core/hub-metrics.ts';
import { LogRing } from './core/log-ring.ts';
import type { Logger } from './core/logger.ts';
import { MqttLink } from './core/mqtt-link.ts';
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
import { Recorder } from './recorder/recorder.ts';
import type { DataDirLock } from './storage/data-dir-lock.ts';
import { lockDataDir } from './storage/data-dir-lock.ts';
import type { Database } from './storage/database.ts';
import { openDatabase } from './storage/database.ts';
import { RegistryStore } from './storage/registry-store.ts';

/**
 * Unique per hub process, readable in the broker's log: two hubs on one broker must never share a
 * client id, or the broker would take turns disconnecting them [MQTT-3.1.4-2].
 */
function defaultClientId(): string {
  const host =
    hostname()
      .replace(/[^A-Za-z0-9]/g, '')
      .slice(0, 24) || 'host';
  return `hearth-${host}-${randomBytes(4).toString('hex')}`;
}

/**
 * A command held while the broker is away is dropped this long before its call times out: sent any
 * later, the device could not confirm it in time anyway, and the call's timer (which counts from the
 * start of the event-loop turn) may already have failed it — a command must never go out after that.
 */
const DELIVERY_MARGIN_MS = 250;

/**
 * A stopping hub gives the commands in flight this long (at most their own timeout) to be confirmed,
 * then fails the rest: within systemd's stop timeout (90 s) and Docker's (10 s) with room to spare.
 */
const STOP_GRACE_MS = 3000;

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
    private readonly storage: {
      lock: DataDirLock;
      /** Stops copying the log into `context.logs`. */
      untapLog: () => void;
      db: Database;
      registryStore: RegistryStore;
      recorderDb: Database;
    },
  ) {}

  /** Each part logs as a module of `log` (`logLevels` in the config sets their levels). */
  static async start(config: HubConfig, rootLog: Logger, clock: Clock = systemClock): Promise<Hub> {
    const log = rootLog.child('core');
    const logs = new LogRing(clock);
    const untapLog = rootLog.onEntry?.((json) => logs.pushEntry(json)) ?? (() => {});
    // One hub per data folder: two would each believe their registry is the one on disk.
    const lock = lockDataDir(config.dataDir);
    const db = openDatabase(config.dataDir);
    const registryStore = new RegistryStore(db);
    const recorderDb = openDatabase(config.dataDir, { synchronous: 'NORMAL' });
    const bus = new EventBus(log);
    const confirmations = new CommandConfirmations(clock);
    const states = new StateMachine(bus, clock, confirmations);
    const registries = {
      states,
      entities: new EntityRegistry(bus, registryStore.entities),
      devices: new DeviceRegistry(bus, registryStore.devices),
      areas: new AreaRegistry(bus, registryStore.areas),
    };
    const recorder = new Recorder({
      ...registries,
      bus,
      clock,
      log: log.child('recorder'),
      db: recorderDb,
      ...config.recorder,
    });
    const metrics = new HubMetrics({ ...registries, recorderQueue: () => recorder.queueLength });
    const context: HubContext = {
      config,
      clock,
      log,
      bus,
      ...registries,
      confirmations,
      services: new ServiceRegistry(states, clock, new TargetResolver(registries), metrics),
      controllers: new EntityControllers(),
      auth: new AuthStore(db, clock, { accessTokenTtlMs: config.accessTokenTtlMs }),
      recorder,
      mqttLink: new MqttLink(bus, clock),
      metrics,
      logs,
    };
    registerDomainServices(context.services, states, context.controllers);

    const hub = new Hub(context, { lock, untapLog, db, registryStore, recorderDb });
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

  /** The broker the hub uses: the embedded one's address, or `--mqtt-url` without its password. */
  get mqttUrl(): string {
    return this.broker?.url ?? redactMqttUrl(this.context.config.mqttUrl ?? '');
  }

  /** The embedded broker, when the hub runs its own. */
  get embeddedBroker(): EmbeddedBroker | undefined {
    return this.broker;
  }

  get mqttPort(): number | undefined {
    return this.broker?.port;
  }

  private async startParts(): Promise<void> {
    const { config, log } = this.context;
    const mqtt = countedMqttTransport(await this.connectMqtt(), this.context.metrics.traffic);
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
    this.http = new HttpServer({ ...this.context, log: log.child('api') }, config.uiDir ?? DEFAULT_UI_DIR);
    await this.http.listen(config.host, config.httpPort);
    this.http.ready = true;
  }

  /**
   * The embedded broker, which the hub uses in-process (always connected, no will: the broker
   * lives and dies with the hub); or a client of `--mqtt-url`, which rides out outages.
   */
  private async connectMqtt(): Promise<MqttTransport> {
    const { config, log } = this.context;
    if (!config.mqttUrl) {
      this.broker = await startEmbeddedBroker({
        config,
        db: this.storage.db,
        clock: this.context.clock,
        log: log.child('broker'),
      });
      this.context.mqttLink.set(true);
      this.context.mqttDevices = this.broker.devices;
      const broker = this.broker;
      this.context.metrics.brokerClients = () => broker.connectedClients;
      return broker.local;
    }
    const { mqttClient } = config;
    if (!mqttClient.rejectUnauthorized)
      log.warn('mqtt: mqttClient.rejectUnauthorized is false: the broker certificate is not checked');
    const mqtt = new MqttClientTransport({
      endpoint: resolveMqttEndpoint(config.mqttUrl, mqttClient),
      displayUrl: this.mqttUrl,
      clientId: mqttClient.clientId ?? defaultClientId(),
      log: log.child('mqtt'),
      clock: this.context.clock,
      will: { topic: `${config.discoveryPrefix}/status`, payload: BIRTH_PAYLOAD_OFFLINE },
      reconnect: { minMs: mqttClient.reconnectMinMs, maxMs: mqttClient.reconnectMaxMs },
      holdMs: Math.max(0, config.commandTimeoutMs - DELIVERY_MARGIN_MS),
    });
    this.mqtt = mqtt;
    mqtt.onConnectionChange((connected) => this.context.mqttLink.set(connected));
    await mqtt.connect();
    return mqtt;
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    const { log, confirmations, config } = this.context;
    // Graceful, as SIGTERM asks: /api/health turns 503 so a balancer drains the hub; each command in
    // flight is answered (confirmed within the grace, else an error); then the panels are told
    // (close 1001, "going away"), the parts stop, the recorder writes its queue, the broker's
    // clients are disconnected (their wills fire, MQTT-3.1.2-8) and the databases are closed.
    if (this.http) this.http.stopping = true;
    await confirmations.settled(Math.min(STOP_GRACE_MS, config.commandTimeoutMs));
    confirmations.rejectAll(new HubError('device_unavailable', 'the hub is stopping'));
    // The failed callers' answers are written in the next turns, before the close frames.
    await new Promise((resolve) => setImmediate(resolve));
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
    await this.mqtt?.close();
    await this.broker?.close();
    this.storage.registryStore.flush();
    this.storage.recorderDb.close();
    this.storage.db.close();
    this.storage.lock.release();
    this.storage.untapLog();
  }
}
