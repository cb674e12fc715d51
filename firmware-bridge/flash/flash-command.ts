import { stat } from 'node:fs/promises';
import { CliError, EXIT_OK } from '../../hub/cli/cli-error.ts';
import { parseFlags } from '../../hub/cli/parse-flags.ts';
import { createProgress, type Progress } from '../../hub/cli/progress.ts';
import { INSTALL_DIR, UNIT_NAME, UNIT_PATH, UNIT_WANTS_LINK } from '../pack/bridge-layout.ts';
import { prepareBridgePayload } from '../pack/bridge-payload.ts';
import { hearthCacheDir } from '../pack/node-runtime.ts';
import { type PiBridgeConfig, piBridgeConfig } from '../pack/pi-bridge-config.ts';
import { TARGETS } from '../pack/target-arch.ts';
import { cloudInitFiles } from './cloud-init-files.ts';
import { Ext4Partition } from './ext4-partition.ts';
import { FatPartition } from './fat-partition.ts';
import { type DetectedFirstBoot, detectFirstBoot, FirstBootError } from './first-boot-mechanism.ts';
import { type FirstBootSettings, firstBootSettings, hasFirstBootSettings } from './first-boot-settings.ts';
import { cmdlineWithFirstrun, firstrunScript } from './firstrun-script.ts';
import { openFlashTarget, syncFlashTarget } from './flash-target.ts';
import { requireFlashTools } from './host-tools.ts';
import { imageArch } from './image-arch.ts';
import { PartitionLayoutError, raspberryPiOsPartitions } from './mbr-partitions.ts';

const HELP = `Usage: hearth flash --image FILE (--mqtt-url URL | --config FILE) [--hostname NAME]
                    [--wifi-ssid SSID --wifi-password PASSWORD --wifi-country CC]

Writes the hearth bridge onto a Raspberry Pi OS image, or onto a card it was written to, without
mounting anything: the bridge with its own Node runtime in ${INSTALL_DIR}, its config, and a systemd
service that starts it on every boot. The Pi comes up as an MQTT bridge for the microcontrollers on
its USB ports. Host name and Wi-Fi are set on the first boot, the way this image does it:
firstrun.sh (Bookworm) or cloud-init (Trixie), as Raspberry Pi Imager would.

  --image FILE          a Raspberry Pi OS image (.img, decompressed) or a card (/dev/sdX, as root)
  --mqtt-url URL        the hub's broker as the Pi reaches it: mqtt://[user:pass@]host:1883
                        (start the hub with --host 0.0.0.0 to let the Pi in)
  --config FILE         the bridge's config (see \`hearth bridge --help\`); --mqtt-url overrides
                        its broker; without "ports", /dev/ttyACM0 with JSON lines
  --hostname NAME       the Pi's host name
  --wifi-ssid SSID      a Wi-Fi network to join, with --wifi-password and --wifi-country (e.g. GB)
  -q, --quiet           no progress on stderr
  -h, --help            this help

Needs mtools and debugfs: apt-get install mtools e2fsprogs. The Node runtime for the Pi is
downloaded once with npm and kept in ~/.cache/hearth.
`;

/** `hearth flash`. */
export async function flashCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseFlags(args, {
    image: { type: 'string' },
    config: { type: 'string' },
    'mqtt-url': { type: 'string' },
    hostname: { type: 'string' },
    'wifi-ssid': { type: 'string' },
    'wifi-password': { type: 'string' },
    'wifi-country': { type: 'string' },
    quiet: { type: 'boolean', short: 'q' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return EXIT_OK;
  }
  if (positionals.length > 0) throw new CliError(`unexpected argument "${positionals[0]}"`);
  if (values.image === undefined)
    throw new CliError('--image FILE is required: a Raspberry Pi OS image or card');
  const config = piBridgeConfig({ config: values.config, mqttUrl: values['mqtt-url'] });
  if (!config) throw new CliError('the bridge needs its broker: give --mqtt-url URL or --config FILE');
  const settings = firstBootSettings(values);
  const say = (line: string) => process.stderr.write(`hearth flash: ${line}\n`);
  for (const note of config.notes) say(note);

  const image = values.image;
  const progress = createProgress('hearth flash', { quiet: values.quiet });
  const flashed = await progress.run(() => flashImage(image, config, settings, progress));
  process.stdout.write(
    `hearth flash: ${flashed.system}, ${flashed.arch}, ${flashed.target.path}\n` +
      `  bridge:     ${INSTALL_DIR} (Node ${flashed.nodeVersion}), ${UNIT_NAME} enabled\n` +
      `  config:     ${describeConfig(config)}\n` +
      `  first boot: ${describeFirstBoot(flashed.firstBoot, settings, flashed.written)}\n`,
  );
  return EXIT_OK;
}

/** What `hearth flash` does, step by step; what it found and wrote, for its summary. */
async function flashImage(
  image: string,
  config: PiBridgeConfig,
  settings: FirstBootSettings,
  progress: Progress,
) {
  progress.step('reading the image');
  const tools = requireFlashTools();
  const target = await openFlashTarget(image);
  let partitions: ReturnType<typeof raspberryPiOsPartitions>;
  try {
    partitions = raspberryPiOsPartitions(target.firstSector, target.sizeBytes);
  } catch (error) {
    if (error instanceof PartitionLayoutError)
      throw new Error(`${target.path} is not a Raspberry Pi OS image: ${error.message}`);
    throw error;
  }
  const boot = new FatPartition(target.path, partitions.boot.offsetBytes, tools);
  const root = new Ext4Partition(target.path, partitions.root.offsetBytes, tools.debugfs);

  const cmdline = await boot.read('cmdline.txt');
  if (cmdline === undefined)
    throw new Error(`${target.path}: the boot partition has no cmdline.txt: is this Raspberry Pi OS?`);
  const rootSummary = await root.summary();
  if (rootSummary.needsRecovery)
    throw new Error(
      `${target.path}: the root partition was not unmounted cleanly (its journal needs recovery): run e2fsck on it, or boot the card once, first`,
    );
  const system = osName((await root.read('/etc/os-release'))?.toString('utf8'));
  const arch = await imageArch(root);
  const firstBoot = await detectFirstBoot(root);
  // Everything that could refuse is decided before anything is written.
  const firstBootFiles = await planFirstBoot(boot, cmdline, firstBoot, settings);

  const payload = await prepareBridgePayload({
    target: TARGETS[arch],
    configText: config.text,
    cacheDir: hearthCacheDir(),
    progress,
  });
  try {
    let needed = 0;
    for (const file of payload.files) needed += (await stat(file.source)).size;
    // debugfs tells nothing while it writes: the step shows what it writes, not how far it is.
    progress.step(`writing the root partition (${(needed / 1e6).toFixed(1)} MB)`);
    // Room for the directories and the journal's own needs.
    if (needed + 16e6 > rootSummary.freeBytes)
      throw new Error(
        `${target.path}: the root partition has ${(rootSummary.freeBytes / 1e6).toFixed(0)} MB free, the bridge needs ${(needed / 1e6).toFixed(0)} MB`,
      );
    await root.install(payload.files, [{ path: UNIT_WANTS_LINK, pointsTo: UNIT_PATH }]);
  } finally {
    await payload.dispose();
  }
  const written = Object.keys(firstBootFiles);
  if (written.length > 0) {
    progress.step('writing the boot partition');
    await boot.write(firstBootFiles);
  }
  if (target.isDevice) {
    progress.step(`syncing ${target.path}`);
    await syncFlashTarget(target);
  }
  return { system, arch, target, nodeVersion: payload.nodeVersion, firstBoot, written };
}

/** The boot partition's first-boot files to write, for the mechanism the image uses; none without settings. */
async function planFirstBoot(
  boot: FatPartition,
  cmdline: string,
  detected: DetectedFirstBoot | undefined,
  settings: FirstBootSettings,
): Promise<Record<string, string>> {
  if (!hasFirstBootSettings(settings)) return {};
  if (!detected)
    throw new FirstBootError(
      'cannot tell how this image sets itself up on first boot (neither cloud-init nor systemd is on it), so --hostname and --wifi-* cannot be applied',
    );
  if (detected.mechanism === 'firstrun')
    return {
      'firstrun.sh': firstrunScript(await boot.read('firstrun.sh'), settings),
      'cmdline.txt': cmdlineWithFirstrun(cmdline),
    };
  const existing = {
    userData: await boot.read('user-data'),
    networkConfig: await boot.read('network-config'),
  };
  return cloudInitFiles(existing, settings, Date.now());
}

function osName(osRelease: string | undefined): string {
  const pretty = osRelease?.match(/^PRETTY_NAME="?([^"\n]*)"?$/m)?.[1];
  return pretty ? `Raspberry Pi OS (${pretty})` : 'Raspberry Pi OS';
}

function describeConfig({ config }: PiBridgeConfig): string {
  const ports = (config.ports ?? []).map((port) => `${port.path} (${port.protocol})`).join(', ');
  return `${config.mqttUrl.replace(/\/\/[^@/]*@/, '//')}, ${ports}`;
}

function describeFirstBoot(
  detected: DetectedFirstBoot | undefined,
  settings: FirstBootSettings,
  written: readonly string[],
): string {
  const how = detected
    ? `${detected.mechanism === 'firstrun' ? 'firstrun.sh' : 'cloud-init'} (${detected.evidence})`
    : 'neither firstrun.sh nor cloud-init (no systemd on the image)';
  if (written.length === 0) return `nothing to set (no --hostname or --wifi-*); the image would use ${how}`;
  const what = [
    settings.hostname && `host name ${settings.hostname}`,
    settings.wifi && `Wi-Fi ${JSON.stringify(settings.wifi.ssid)} (${settings.wifi.country})`,
  ].filter(Boolean);
  return `${what.join(', ')} through ${how}: wrote ${written.join(', ')}`;
}
