import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { configReference } from '../../../hub/config/config-reference.ts';
import { runCli } from '../../helpers/run-cli.ts';
import { useTempFolder } from '../../helpers/temp-folder.ts';

describe('hearth config', () => {
  const { path: folder, write } = useTempFolder('hearth-config-cli-');

  it.each([
    ['hearth.yaml', 'httpPort: 9000\nrecorder:\n  keepDays: 30\nmqtt:\n  acl:\n    admins: [hub]\n'],
    ['hearth.json', '{"httpPort": 9000, "recorder": {"keepDays": 30}}'],
    ['empty.yaml', ''],
  ])('check prints ok for the good file %s', async (name, text) => {
    const result = await runCli(['config', 'check', write(name, text)]);
    expect(result).toMatchObject({ code: 0, stdout: 'ok\n', stderr: '' });
  });

  it.each([
    ['port.yaml', 'host: 0.0.0.0\nhttpPort: 70000\n', 'port.yaml:2: httpPort: must be 0..65535, got 70000'],
    ['typo.yaml', 'httpPrt: 8080\n', 'typo.yaml:1: unknown key `httpPrt`; did you mean `httpPort`?'],
    [
      'nested.json',
      '{\n  "mqtt": {\n    "allowAnonymus": false\n  }\n}',
      'nested.json:3: mqtt: unknown key `allowAnonymus`; did you mean `allowAnonymous`?',
    ],
    ['pair.yaml', 'mqtt:\n  tlsPort: 8883\n', 'pair.yaml:2: mqtt: tlsPort and tls (cert, key) go together'],
    ['level.yaml', 'logLevel: loud\n', 'level.yaml:1: logLevel: Invalid option: expected one of'],
  ])('check names the bad key of %s and why, and exits 1', async (name, text, message) => {
    const result = await runCli(['config', 'check', write(name, text)]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(message);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('check says so when the file is missing, and FILE is required', async () => {
    const missing = await runCli(['config', 'check', path.join(folder(), 'absent.yaml')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/cannot read config file .*absent\.yaml: ENOENT/);
    const bare = await runCli(['config', 'check']);
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain('config check needs FILE');
  });

  it('prints its help and is listed by hearth --help', async () => {
    const help = await runCli(['config', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('hearth config check FILE');
    expect((await runCli(['--help'])).stdout).toMatch(/^ {2}config /m);
  });

  it('keys prints the reference generated from the schema', async () => {
    const result = await runCli(['config', 'keys']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(configReference());
    expect(result.stdout).toMatch(/\| `recorder\.keepDays` +\| `10` +\| integer 1\.\.3650 +\| days +\|/);
  });

  it('is what README says: its configuration reference is the output of `hearth config keys`', () => {
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    const section = readme.match(/<!-- hearth config keys -->\n([\s\S]*?)<!-- end -->/)?.[1];
    expect(
      section,
      'README lacks the section between <!-- hearth config keys --> and <!-- end -->',
    ).toBeDefined();
    expect(section, 'README differs from the schema: put the output of `npx hearth config keys` there').toBe(
      configReference(),
    );
  });

  it("passes README's hearth.yaml example", async () => {
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    const example = readme.match(/```yaml\n(# hearth\.yaml\n[\s\S]*?)```/)?.[1];
    expect(example).toContain('recorder:');
    const result = await runCli(['config', 'check', write('readme.yaml', example ?? '')]);
    expect(result).toMatchObject({ code: 0, stdout: 'ok\n' });
  });

  it('refuses a bad value of a flag named as its key, naming the flag', async () => {
    const result = await runCli(['start', '--recorder-keep-days', '0']);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe(
      'hearth: --recorder-keep-days Too small: expected number to be >=1, got "0"',
    );
  });
});
