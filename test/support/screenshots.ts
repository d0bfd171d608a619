import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Where browser tests leave screenshots for people to look at (`SCREENSHOT_DIR`, else a folder
 * in the system's temp directory). They are never compared by the tests: a picture is reviewed
 * by eye, behaviour is asserted.
 */
export function screenshotPath(name: string): string {
  const dir = process.env.SCREENSHOT_DIR ?? path.join(os.tmpdir(), 'va-screenshots');
  mkdirSync(dir, { recursive: true });
  return path.join(dir, name);
}
