import { describe, expect, it } from 'vitest';
import { KnowledgeIndexHolder } from '../../knowledge/engine/knowledgeIndexHolder.js';
import type { IndexDocument } from '../../knowledge/engine/types.js';

/**
 * Two article sets that answer the same questions with different articles, so an answer tells
 * which index produced it. `filler` articles make a build long enough to be interleaved with queries.
 */
function articleSet(generation: string, fillerCount: number): IndexDocument[] {
  const documents: IndexDocument[] = [
    {
      id: `${generation}-green-card`,
      locale: 'en',
      title: 'Replacing a lost green card',
      questions: ['I lost my green card', 'how do I replace my permanent resident card'],
    },
    {
      id: `${generation}-biometrics`,
      locale: 'en',
      title: 'Rescheduling a biometrics appointment',
      questions: ['reschedule my fingerprints appointment', 'change my biometrics date'],
    },
  ];
  for (let i = 0; i < fillerCount; i++) {
    documents.push({
      id: `${generation}-filler-${i}`,
      locale: 'en',
      title: `Topic ${i} about harbor ${i} lighthouse ${i % 97}`,
      questions: [`question about lighthouse ${i}`, `where is harbor ${i} keeper ${i % 31}`],
      body: `Filler text ${i} about harbors, ships and lighthouse keepers number ${i}.`,
    });
  }
  return documents;
}

function answeredGeneration(holder: KnowledgeIndexHolder, text: string): string | undefined {
  const result = holder.answer(text, 'en');
  return result.ranking[0]?.document.id.split('-')[0];
}

describe('KnowledgeIndexHolder', () => {
  it('when nothing has been built, then it is not ready and answers none', () => {
    const holder = new KnowledgeIndexHolder();
    expect(holder.ready).toBe(false);
    expect(holder.articleCount).toBe(0);
    expect(holder.answer('I lost my green card', 'en').decision).toBe('none');
  });

  it('when a large rebuild runs, then questions keep being answered from the old index until the swap', async () => {
    const holder = new KnowledgeIndexHolder({ sliceBudgetMs: 2 });
    await holder.rebuild(articleSet('old', 0));
    expect(holder.ready).toBe(true);
    expect(holder.articleCount).toBe(2);

    const seenDuringRebuild: (string | undefined)[] = [];
    let rebuilding = true;
    const rebuild = holder.rebuild(articleSet('new', 2_000)).finally(() => {
      rebuilding = false;
    });
    // Ask a question on every turn of the event loop the build gives up.
    while (rebuilding) {
      seenDuringRebuild.push(answeredGeneration(holder, 'I lost my green card'));
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    await rebuild;

    expect(seenDuringRebuild.length).toBeGreaterThan(5);
    // Answers came from the old index, then (maybe) from the new one; never back again.
    const firstNew = seenDuringRebuild.indexOf('new');
    const beforeSwap = firstNew === -1 ? seenDuringRebuild : seenDuringRebuild.slice(0, firstNew);
    expect(beforeSwap.length).toBeGreaterThan(5);
    expect(beforeSwap.every((generation) => generation === 'old')).toBe(true);
    if (firstNew !== -1)
      expect(seenDuringRebuild.slice(firstNew).every((generation) => generation === 'new')).toBe(true);

    expect(answeredGeneration(holder, 'I lost my green card')).toBe('new');
    expect(holder.articleCount).toBe(2_002);
  });

  it('when a question is answered after the swap, then no article of the old set is among its candidates', async () => {
    const holder = new KnowledgeIndexHolder();
    await holder.rebuild(articleSet('old', 50));
    await holder.rebuild(articleSet('new', 50));
    for (const text of [
      'I lost my green card',
      'reschedule my fingerprints appointment',
      'harbor 7 keeper',
    ]) {
      const ranking = holder.answer(text, 'en').ranking;
      expect(ranking.length).toBeGreaterThan(0);
      expect(ranking.every((item) => item.document.id.startsWith('new-'))).toBe(true);
    }
  });

  it('when rebuilds overlap, then the one started last wins whatever order they finish in', async () => {
    const holder = new KnowledgeIndexHolder({ sliceBudgetMs: 1 });
    await holder.rebuild(articleSet('first', 0));
    // The older rebuild is much larger: without care it would finish last and win.
    const older = holder.rebuild(articleSet('old', 1_500));
    const newer = holder.rebuild(articleSet('new', 10));
    await Promise.all([older, newer]);
    expect(answeredGeneration(holder, 'I lost my green card')).toBe('new');
    expect(holder.articleCount).toBe(12);

    // And when the newest is the larger one, it still wins.
    const small = holder.rebuild(articleSet('old', 5));
    const large = holder.rebuild(articleSet('new', 300));
    await Promise.all([small, large]);
    expect(holder.articleCount).toBe(302);
  });

  it('when the caller changes its array during a rebuild, then the index keeps the set it was given', async () => {
    const holder = new KnowledgeIndexHolder();
    const documents = articleSet('new', 20);
    const rebuild = holder.rebuild(documents);
    documents.length = 0;
    await rebuild;
    expect(holder.articleCount).toBe(22);
  });
});
