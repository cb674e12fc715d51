import { CliError } from './cli-error.ts';

type Input = NodeJS.ReadStream;

/**
 * A new password: typed twice on the terminal, without echo; or, when standard input is not a
 * terminal (`printf '%s\n' "$PASSWORD" | hearth user add ada`), its first line, so scripts never
 * put a password on a command line, where `ps` and the shell's history would show it.
 */
export async function askNewPassword(
  name: string,
  input: Input = process.stdin,
  output: NodeJS.WritableStream = process.stderr,
): Promise<string> {
  if (!input.isTTY) return readFirstLine(input);
  const password = await readHidden(`Password for ${name}: `, input, output);
  const again = await readHidden('Repeat it: ', input, output);
  if (password !== again) throw new CliError('the two passwords differ');
  return password;
}

function readHidden(prompt: string, input: Input, output: NodeJS.WritableStream): Promise<string> {
  output.write(prompt);
  input.setRawMode(true);
  input.setEncoding('utf8');
  input.resume();
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = (error?: CliError) => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      output.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n') return finish();
        if (char === '\u0003' || char === '\u0004') return finish(new CliError('cancelled'));
        if (char === '\u007f' || char === '\b') value = [...value].slice(0, -1).join('');
        else value += char;
      }
    };
    input.on('data', onData);
  });
}

async function readFirstLine(input: Input): Promise<string> {
  let text = '';
  for await (const chunk of input) {
    text += chunk.toString();
    if (text.includes('\n') || text.length > 4096) break;
  }
  const line = text.split(/\r?\n/)[0] ?? '';
  if (line === '') throw new CliError('no password on standard input');
  return line;
}
