import { createInterface } from 'node:readline';

/**
 * Reads one line from the terminal without echoing it (for passwords). When stdin is not a
 * terminal (a pipe), reads the first line as it is.
 */
export function readSecret(prompt: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const input = process.stdin;
    if (!input.isTTY) {
      const rl = createInterface({ input });
      rl.once('line', (line) => {
        rl.close();
        resolve(line);
      });
      rl.once('close', () => resolve(''));
      return;
    }
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
