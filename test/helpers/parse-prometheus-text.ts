/**
 * A strict reader of Prometheus' text exposition format 0.0.4
 * (https://prometheus.io/docs/instrumenting/exposition_formats/#text-based-format): every line is
 * a `# HELP`, a `# TYPE` or a sample of a declared family, else it throws naming the line.
 * Returns each sample's value by its name and labels as written (`name{a="b"}`).
 */
export function parsePrometheusText(text: string): Map<string, number> {
  const samples = new Map<string, number>();
  const types = new Map<string, string>();
  const name = '[a-zA-Z_:][a-zA-Z0-9_:]*';
  const label = '[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\\\\n]|\\\\.)*"';
  const sample = new RegExp(
    `^(${name})(\\{(?:${label}(?:,${label})*,?)?\\})? ([-+]?(?:[0-9.]+(?:e[-+]?[0-9]+)?|NaN|Inf))( -?[0-9]+)?$`,
    // Go's ParseFloat, which Prometheus uses, takes NaN and Inf in any case; prom-client writes `Nan`.
    'i',
  );
  for (const [index, line] of text.split('\n').entries()) {
    if (line === '') continue;
    const fail = (why: string) => {
      throw new Error(`line ${index + 1}: ${why}: ${line}`);
    };
    if (line.startsWith('# HELP ')) {
      if (!new RegExp(`^# HELP ${name} `).test(line)) fail('bad HELP');
      continue;
    }
    if (line.startsWith('# TYPE ')) {
      const match = new RegExp(`^# TYPE (${name}) (counter|gauge|histogram|summary|untyped)$`).exec(line);
      if (!match) fail('bad TYPE');
      else types.set(match[1] as string, match[2] as string);
      continue;
    }
    if (line.startsWith('#')) continue;
    const match = sample.exec(line);
    if (!match) fail('not a sample');
    const [, metric = '', labels = '', value = ''] = match ?? [];
    const family = metric.replace(/_(bucket|sum|count|total|created)$/, '');
    if (!types.has(metric) && !types.has(family)) fail('sample of an undeclared family');
    samples.set(`${metric}${labels}`, Number(value.replace(/inf/i, 'Infinity').replace(/nan/i, 'NaN')));
  }
  return samples;
}
