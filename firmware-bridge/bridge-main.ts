// The bridge as a program of its own, without the hub: what `hearth flash` bundles for the Pi.
import { bridgeCommand } from './bridge-command.ts';

bridgeCommand(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`hearth bridge: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
