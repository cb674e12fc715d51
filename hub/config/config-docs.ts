/**
 * What every key of `hubConfigSchema` means, in the schema's own key paths: the one place the
 * reference (`hearth config keys`, README's Configuration) is written from. Defaults and ranges are
 * read from the schema itself; `default` here only names what an absent optional key means.
 * `noFlag`: kept off the command line, where `ps` would show it (a password), or not a plain value.
 */
export interface KeyDoc {
  readonly doc: string;
  readonly unit?: string;
  readonly default?: string;
  readonly noFlag?: true;
}

export const CONFIG_DOCS: Readonly<Record<string, KeyDoc>> = {
  dataDir: {
    doc: 'the SQLite database (users, tokens, rooms and names, history); one hub each',
    unit: 'folder',
  },
  host: { doc: 'interface for HTTP and the embedded broker; loopback unless told otherwise' },
  httpPort: { doc: 'panel, `/api/websocket`, REST; `0` picks a free port', unit: 'port' },
  mqttPort: { doc: 'embedded broker; `0` picks a free port', unit: 'port' },
  mqttUrl: {
    doc: 'an external broker instead of the embedded one: `mqtt://user:pass@host:1883`, `mqtts://…`',
  },
  'mqttClient.username': { doc: "the hub's user at `mqttUrl`'s broker", default: "the URL's" },
  'mqttClient.password': { doc: "the hub's password there", default: "the URL's", noFlag: true },
  'mqttClient.ca': {
    doc: "PEM file of the CA that signed the broker's certificate (mqtts)",
    default: "Node's CAs",
  },
  'mqttClient.cert': { doc: "PEM file of the hub's client certificate (mqtts), with `key`" },
  'mqttClient.key': { doc: "PEM file of the client certificate's key" },
  'mqttClient.rejectUnauthorized': { doc: '`false` accepts any broker certificate: for trying only' },
  'mqttClient.clientId': {
    doc: 'must differ per hub: a broker disconnects the older of two',
    default: '`hearth-<host>-<random>`',
  },
  'mqttClient.reconnectMinMs': { doc: 'first reconnect delay, doubled per attempt (±20 %)', unit: 'ms' },
  'mqttClient.reconnectMaxMs': { doc: 'cap of the reconnect delay', unit: 'ms' },
  discoveryPrefix: { doc: 'MQTT discovery prefix' },
  commandTimeoutMs: {
    doc: 'how long a command waits for the device to confirm; a cover that reports its way nearer waits this long again from each report, up to 12×',
    unit: 'ms',
  },
  allowedOrigins: {
    doc: "origins allowed on the WebSocket besides the hub's own (a reverse proxy)",
    unit: 'URLs',
  },
  maxMessageBytes: { doc: 'largest WebSocket message from a client; more closes it (1009)', unit: 'bytes' },
  messagesPerSecond: {
    doc: 'WebSocket messages per connection, sustained; more get `rate_limited`',
    unit: '1/s',
  },
  messageBurst: { doc: '…and at once, after a quiet spell', unit: 'messages' },
  maxBufferedBytes: { doc: 'waiting for one slow panel before it is closed (1013) to resync', unit: 'bytes' },
  'tls.cert': { doc: 'PEM certificate (with its chain): HTTPS and WSS on `httpPort`', unit: 'file' },
  'tls.key': { doc: "the certificate's PEM key", unit: 'file' },
  accessTokenTtlMs: { doc: "life of a login's access token (the panel refreshes it)", unit: 'ms' },
  loginBanAfterFailures: { doc: 'failed logins that ban an address; `0`: throttle only', unit: 'logins' },
  loginFailureWindowMs: { doc: 'failed logins are forgotten after this long without one', unit: 'ms' },
  loginBanMs: { doc: 'how long a ban lasts', unit: 'ms' },
  loginBanLoopback: { doc: 'ban loopback addresses too (else only slowed down)' },
  uiDir: { doc: 'the built panel to serve', default: 'the bundled one', unit: 'folder' },
  logLevel: { doc: 'how much the hub logs' },
  logFormat: { doc: '`auto`: readable lines on a terminal, JSON lines (for a log collector) otherwise' },
  'logLevels.api': { doc: 'over `logLevel` for the WebSocket and HTTP API', default: '`logLevel`' },
  'logLevels.broker': { doc: '…for the embedded broker', default: '`logLevel`' },
  'logLevels.mqtt': { doc: '…for the link to an external broker', default: '`logLevel`' },
  'logLevels.discovery': { doc: '…for MQTT discovery', default: '`logLevel`' },
  'logLevels.recorder': { doc: '…for history', default: '`logLevel`' },
  'logLevels.core': { doc: '…for the rest', default: '`logLevel`' },
  'recorder.keepDays': { doc: 'history of states kept', unit: 'days' },
  'recorder.statisticsKeepDays': { doc: '5-minute statistics of measuring sensors kept', unit: 'days' },
  'mqtt.host': { doc: "interface of the embedded broker's plain listener", default: '`host`' },
  'mqtt.tlsPort': { doc: 'an `mqtts` listener (usually 8883), with `mqtt.tls`', unit: 'port' },
  'mqtt.tls.cert': { doc: "PEM certificate of the broker's `mqtts` listener", unit: 'file' },
  'mqtt.tls.key': { doc: "the broker certificate's PEM key", unit: 'file' },
  'mqtt.allowAnonymous': { doc: 'clients without a username on a loopback listener (never on others)' },
  'mqtt.maxPacketBytes': { doc: 'largest MQTT packet; a bigger one closes the connection', unit: 'bytes' },
  'mqtt.acl.patterns': {
    doc: 'rules for every device, `<read|write|readwrite|deny> <filter>` with `%u`, `%c`',
    default: 'see [Security](#security)',
  },
  'mqtt.acl.users': { doc: 'further rules per username', noFlag: true },
  'mqtt.acl.admins': { doc: 'usernames that may do anything but touch `$SYS`' },
};
