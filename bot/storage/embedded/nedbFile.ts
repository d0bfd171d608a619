import { readFile } from 'node:fs/promises';
import type { StoredDocument } from '../driver.js';

/** A line that is not a record: where it is and what it says, so it can be set aside and shown. */
export interface BadLine {
  file: string;
  /** 1-based. */
  line: number;
  text: string;
  reason: string;
}

export interface NedbFileContent {
  documents: StoredDocument[];
  badLines: BadLine[];
  /** Lines read, blank ones aside. */
  lines: number;
}

/**
 * Reads a data file of the previous embedded store (NeDB 4) as NeDB itself loads it: one JSON
 * document a line, a later line for the same `_id` replacing the earlier one, `$$deleted` lines
 * removing it, `$$indexCreated` / `$$indexRemoved` lines describing indexes. The difference is the
 * one that matters: NeDB drops up to 10 % of unreadable lines without a word; here every one is
 * reported, with its line number.
 */
export async function readNedbFile(file: string): Promise<NedbFileContent> {
  const text = await readFile(file, 'utf8');
  const byId = new Map<string, StoredDocument>();
  const badLines: BadLine[] = [];
  let lines = 0;
  text.split('\n').forEach((raw, index) => {
    if (raw === '') return;
    lines += 1;
    const bad = (reason: string) => badLines.push({ file, line: index + 1, text: raw, reason });
    let document: unknown;
    try {
      document = JSON.parse(raw, reviveNedbDate);
    } catch {
      bad('not JSON');
      return;
    }
    if (typeof document !== 'object' || document === null || Array.isArray(document)) {
      bad('not a document');
      return;
    }
    const fields = document as Record<string, unknown>;
    if ('$$indexCreated' in fields || '$$indexRemoved' in fields) return;
    if (typeof fields._id !== 'string' || fields._id === '') {
      bad('no _id');
      return;
    }
    if (fields.$$deleted === true) byId.delete(fields._id);
    else byId.set(fields._id, fields as StoredDocument);
  });
  return { documents: [...byId.values()], badLines, lines };
}

/** NeDB writes a Date as `{"$$date": <ms>}`; none of ours holds one, but an old file might. */
function reviveNedbDate(_key: string, value: unknown): unknown {
  if (typeof value === 'object' && value !== null && '$$date' in value) {
    return new Date((value as { $$date: number }).$$date).toISOString();
  }
  return value;
}
