import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AnswerIndex } from '../../knowledge/engine/answerIndex.js';
import { countInScopeMisses } from '../../scripts/lib/inScopeMisses.js';
import { preciseAnswers } from '../../scripts/lib/preciseAnswers.js';
import { percentile } from '../../scripts/lib/percentile.js';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Runs a script as `npm run` does: `tsx` there is a node process that starts a second one with
 * tsx's loader and waits for it; the test starts that second one itself (one node start-up fewer
 * per run, 0.3-0.4 s of a 1.3 s run on a busy two-core machine), as the other script tests do.
 */
function run(script: string, args: string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', path.join(REPO_ROOT, 'scripts', script), ...args],
    {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    },
  );
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('the evaluation and benchmark commands', () => {
  // Each fails before it loads articles, starts a server or reads a file.
  it.each([
    ['calibrate.ts', ['--bogus'], /^calibrate: Unknown option '--bogus'/],
    ['calibrate.ts', ['--oos-target', '2'], /^calibrate: --oos-target must be a number from 0 to 1, not "2"/],
    ['eval.ts', ['--errors', 'many'], /^eval: --errors must be a whole number of at least 0, not "many"/],
    ['eval.ts', ['--split'], /^eval: --split needs --calibrate/],
    ['eval-bot.ts', ['--concurrency', '0'], /^eval:bot: --concurrency must be a whole number of at least 1/],
    [
      'eval-topic-switch.ts',
      ['--errors', 'x'],
      /^eval:switch: --errors must be a whole number of at least 0/,
    ],
    ['bench.ts', ['--turns', '1.5'], /^bench: --turns must be a whole number of at least 1, not "1.5"/],
    ['bench-search.ts', ['--queries', 'x'], /^bench:search: --queries must be a whole number/],
    ['bench-socket.ts', ['--bot', 'parrot'], /^bench:socket: --bot must be "assistant" or "echo"/],
    ['bench-handoff.ts', ['--agents', '-'], /^bench:handoff: --agents must be a whole number/],
    ['config-docs.ts', ['--chek'], /^config:docs: Unknown option '--chek'/],
  ])(
    'when %s is given %j, then it says what is wrong with the usage and exits 2',
    (script, args, message) => {
      const result = run(script, args);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).toMatch(/\nusage: npm run /);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    },
  );

  it('when a file cannot be read, then it fails with one line and no stack trace', () => {
    const missing = path.join(REPO_ROOT, 'no-such-folder', 'questions.jsonl');
    const result = run('eval.ts', ['--queries', missing]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`eval: ENOENT: no such file or directory, open '${missing}'\n`);
  });

  it('when asked for --help, then it prints the usage and exits 0', () => {
    const result = run('calibrate.ts', ['--help']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(/^usage: npm run calibrate -- /);
  });
});

describe('the evaluation of an external corpus', () => {
  const articles = [
    {
      id: 'pizza',
      locale: 'en',
      title: 'order a pizza',
      questions: ['i want to order a pizza', 'get me a pepperoni pizza delivered'],
    },
    {
      id: 'weather',
      locale: 'en',
      title: 'weather forecast',
      questions: ['what is the weather tomorrow', 'will it rain today'],
    },
    {
      id: 'alarm',
      locale: 'en',
      title: 'set an alarm',
      questions: ['wake me up at seven', 'set an alarm for 6 am'],
    },
  ];
  const queries = [
    { text: 'order a pepperoni pizza for me', locale: 'en', expect: 'pizza' },
    // Labelled with another article on purpose: the alarm article is ranked first.
    { text: 'set an alarm for seven', locale: 'en', expect: 'weather' },
    { text: 'tell me a joke', locale: 'en', expect: null },
  ];

  it('when it is measured, then it says how often the right article was ranked first and where the misses were lost', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'va-eval-external-'));
    try {
      const jsonl = (rows: object[]): string => rows.map((row) => JSON.stringify(row)).join('\n') + '\n';
      await writeFile(path.join(dir, 'articles.jsonl'), jsonl(articles));
      await writeFile(path.join(dir, 'queries.jsonl'), jsonl(queries));
      const result = run('eval.ts', [
        '--articles',
        path.join(dir, 'articles.jsonl'),
        '--queries',
        path.join(dir, 'queries.jsonl'),
      ]);
      expect(result).toMatchObject({ code: 0, stderr: '' });
      expect(result.stdout).toMatch(
        /\nen {6}ranked first 50\.0%; misses: 1 another article first, 0 right one first but held back\n/,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('countInScopeMisses', () => {
  it('when questions miss, then it tells a wrong article ranked first from a right one held back', () => {
    expect(
      countInScopeMisses([
        { expect: 'a', best: 'a', right: true },
        { expect: 'a', best: 'a', right: false },
        { expect: 'a', best: 'b', right: false },
        { expect: 'b', best: null, right: false },
        { expect: null, best: 'a', right: false },
        { expect: null, best: 'a', right: true },
      ]),
    ).toEqual({ inScope: 4, rankedFirst: 2, anotherFirst: 2, heldBack: 1 });
  });
});

describe('preciseAnswers', () => {
  it('when detail and general questions are asked of an article, then it counts those whose answer says what it must', async () => {
    const index = await AnswerIndex.build([
      {
        id: 'office',
        locale: 'en',
        title: 'Field office appointments',
        answer: 'Call the Contact Center to ask for an appointment at a field office.',
        questions: ['how do I get a field office appointment'],
        body: '## Walk-ins\n\nField offices do not take walk-in visitors.\n\n## Parking\n\nParking near the building is paid.',
      },
    ]);
    const result = preciseAnswers(index, [
      { text: 'can I walk in', locale: 'en', article: 'office', expect: 'do not take walk-in' },
      { text: 'where do I park', locale: 'en', article: 'office', expect: 'walk-in' },
      { text: 'how do I get an appointment', locale: 'en', article: 'office', expect: null },
    ]);
    expect(result).toMatchObject({ right: 2, total: 3 });
    expect(result.misses).toEqual([
      '[en] "where do I park" (office): wanted "walk-in", got "Parking near the building is paid.…"',
    ]);
  });
});

describe('percentile', () => {
  it('when given samples in any order, then it gives the nearest-rank value', () => {
    const samples = [5, 1, 4, 2, 3, 10, 9, 8, 7, 6];
    expect(percentile(samples, 50)).toBe(5);
    expect(percentile(samples, 99)).toBe(10);
    expect(percentile(samples, 100)).toBe(10);
    expect(percentile(samples, 0)).toBe(1);
    expect(percentile([], 50)).toBeNaN();
    expect(samples[0]).toBe(5);
  });
});
