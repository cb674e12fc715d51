import { CredentialError, DeviceCredentials } from '../broker/device-credentials.ts';
import { systemClock } from '../core/clock.ts';
import { openDatabase } from '../storage/database.ts';
import { CliError, EXIT_OK } from './cli-error.ts';
import { operands, subcommandArgs } from './subcommand-args.ts';

const HELP = `Usage: hearth device add NAME [--data DIR]
       hearth device list [--data DIR]
       hearth device remove NAME [--data DIR]

MQTT credentials for devices on the embedded broker. NAME is the device's MQTT username, and
should be its name in its firmware (Tasmota topic, ESPHome node name, Zigbee2MQTT base topic):
the default ACL gives it the topics under that name (see README, "MQTT security").

add     prints the new password, and nothing else, on stdout; it is shown this once and
        stored only as a hash
list    the devices, by name
remove  the device can no longer connect; a connection it has open is closed

  --data DIR   data folder (default ./hearth-data)
  -h, --help   this help
`;

export async function deviceCommand(args: string[]): Promise<number> {
  const {
    values,
    action,
    operands: given,
  } = subcommandArgs('device', args, { data: { type: 'string' } }, ['add', 'list', 'remove']);
  if (action === undefined) {
    process.stdout.write(HELP);
    return EXIT_OK;
  }
  const [name] = operands('device', action, given, action === 'list' ? [] : ['a NAME']);

  const db = openDatabase(values.data ?? './hearth-data');
  try {
    const devices = new DeviceCredentials(db, systemClock);
    if (action === 'list') {
      for (const device of devices.list())
        process.stdout.write(`${device.username}\tcreated ${new Date(device.createdAt).toISOString()}\n`);
      return EXIT_OK;
    }
    const username = name as string;
    if (action === 'remove') {
      if (!devices.remove(username)) throw new Error(`no device "${username}"`);
      process.stderr.write(`device "${username}" removed\n`);
      return EXIT_OK;
    }
    const password = await devices.add(username).catch((error: unknown) => {
      throw error instanceof CredentialError ? new CliError(error.message) : error;
    });
    process.stdout.write(`${password}\n`);
    process.stderr.write(
      `device "${username}" added: MQTT username "${username}" and the password above, which is not shown again\n`,
    );
    return EXIT_OK;
  } finally {
    db.close();
  }
}
