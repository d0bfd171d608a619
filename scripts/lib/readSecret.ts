import { createInterface } from 'node:readline';

/**
 * Reads one line from the terminal without echoing it (for passwords). When stdin is not a
 * terminal (a pipe), reads the first line as it is.
 */
export async function readSecret(prompt: string): Promise<string> {
  const [secret = ''] = await readSecrets([prompt]);
  return secret;
}

/**
 * Reads one line per prompt (a password, then the same again), none of them echoed on a
 * terminal. From a pipe the lines are read in order from one reader: a second reader would find
 * the first one had already taken the whole input. A missing line reads as empty.
 */
export async function readSecrets(prompts: readonly string[]): Promise<string[]> {
  const input = process.stdin;
  if (!input.isTTY) {
    const lines: string[] = [];
    const rl = createInterface({ input });
    for (const prompt of prompts) process.stdout.write(`${prompt}\n`);
    for await (const line of rl) {
      lines.push(line);
      if (lines.length === prompts.length) break;
    }
    rl.close();
    return prompts.map((_, index) => lines[index] ?? '');
  }
  const secrets: string[] = [];
  for (const prompt of prompts) secrets.push(await readHidden(prompt));
  return secrets;
}

function readHidden(prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const input = process.stdin;
    process.stdout.write(prompt);
    input.setRawMode(true);
    input.resume();
    let secret = '';
    const onData = (chunk: Buffer) => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\r' || char === '\n') {
          cleanup();
          process.stdout.write('\n');
          resolve(secret);
          return;
        }
        if (char === '\u0003') {
          cleanup();
          process.stdout.write('\n');
          reject(new Error('cancelled'));
          return;
        }
        if (char === '\u007f') secret = secret.slice(0, -1);
        else secret += char;
      }
    };
    const cleanup = () => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
    };
    input.on('data', onData);
  });
}
