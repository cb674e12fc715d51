/**
 * `npx tsx test/bench/profile-summary.ts <file.cpuprofile> [top] [--last SECONDS]`: the functions
 * that cost the most CPU in a `node --cpu-prof` profile (what `npm run bench -- <scenario>
 * --profile` writes), by self time and by total time, so a profile can be read without a
 * browser's DevTools. `--last` keeps only the end of the profile: the measurement, not the start-up.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const args = process.argv.slice(2);
const lastAt = args.indexOf('--last');
const lastUs = lastAt === -1 ? Number.POSITIVE_INFINITY : Number(args.splice(lastAt, 2)[1]) * 1e6;
const [file, topArg] = args;
if (!file) {
  process.stderr.write('usage: profile-summary.ts <file.cpuprofile> [top] [--last SECONDS]\n');
  process.exit(2);
}
const top = Number(topArg ?? 30);
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;

const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parent = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

const label = (node: ProfileNode): string => {
  const { functionName, url, lineNumber } = node.callFrame;
  const where = url ? `${path.relative(process.cwd(), url.replace(/^file:\/\//, ''))}:${lineNumber + 1}` : '';
  return `${functionName || '(anonymous)'} ${where}`.trim();
};

const selfUs = new Map<string, number>();
const totalUs = new Map<string, number>();
let allUs = 0;
const spanUs = profile.timeDeltas.reduce((a, b) => a + b, 0);
let elapsedUs = 0;
profile.samples.forEach((id, i) => {
  const us = profile.timeDeltas[i] ?? 0;
  elapsedUs += us;
  if (spanUs - elapsedUs > lastUs) return;
  allUs += us;
  const node = byId.get(id);
  if (!node) return;
  selfUs.set(label(node), (selfUs.get(label(node)) ?? 0) + us);
  // Each function once per sample, however deep its recursion.
  const seen = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    const frame = byId.get(at);
    if (!frame) break;
    const name = label(frame);
    if (seen.has(name)) continue;
    seen.add(name);
    totalUs.set(name, (totalUs.get(name) ?? 0) + us);
  }
});

const print = (title: string, table: Map<string, number>) => {
  console.log(`\n${title} (of ${(allUs / 1000).toFixed(0)} ms sampled)`);
  for (const [name, us] of [...table].sort((a, b) => b[1] - a[1]).slice(0, top))
    console.log(
      `${((100 * us) / allUs).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(7)} ms  ${name}`,
    );
};
print('self time', selfUs);
print('total time', totalUs);
