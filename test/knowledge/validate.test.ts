import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { KnowledgeArticle } from '../../contracts/article.js';
import { loadArticleFiles, serializeArticleFile } from '../../knowledge/content/articleFiles.js';
import {
  formatProblem,
  parseTopics,
  validateArticleSet,
  type Problem,
} from '../../knowledge/content/validateArticles.js';
import { useArticleFolder } from './support/articleFolder.js';
import { article } from './support/testArticle.js';
import { stringMatching } from '../support/matchers.js';

/** The same article in both locales. */
function pair(id: string, overrides: Partial<KnowledgeArticle> = {}): KnowledgeArticle[] {
  return [article(id, 'en', overrides), article(id, 'es', overrides)];
}

const folder = useArticleFolder('articles-');
const { write } = folder;

async function writeRaw(relativePath: string, text: string): Promise<void> {
  await writeFile(path.join(folder.dir, relativePath), text);
}

async function validate(topics?: string[]): Promise<Problem[]> {
  return validateArticleSet(await loadArticleFiles(folder.dir), topics ? { topics } : {});
}

function messages(problems: Problem[]): string[] {
  return problems.map((problem) => formatProblem(problem));
}

describe('validateArticleSet', () => {
  it('when every article has its translation and valid links, then there are no problems', async () => {
    await write([...pair('alpha', { related: ['beta'] }), ...pair('beta', { related: ['alpha'] })]);
    expect(await validate(['alpha', 'beta'])).toEqual([]);
  });

  it('when a file breaks the schema, then the loading problem is reported with its file and field', async () => {
    await write(pair('alpha'));
    const broken = serializeArticleFile(article('beta', 'en')).replace(/^title: .*$/m, 'title: ""');
    await writeRaw('en/beta.md', broken);
    const problems = await validate();
    expect(problems).toContainEqual(
      expect.objectContaining({
        file: path.join(folder.dir, 'en', 'beta.md'),
        locale: 'en',
        message: stringMatching(/^title: /),
      }),
    );
  });

  it('when a file has an unknown field, then the strict schema reports it', async () => {
    await writeRaw(
      'en/alpha.md',
      serializeArticleFile(article('alpha', 'en')).replace('id: alpha', 'id: alpha\nauthor: me'),
    );
    await write([article('alpha', 'es')]);
    expect(messages(await validate()).join('\n')).toMatch(/en\/alpha\.md: .*author/i);
  });

  it('when two files differ only by letter case, then the duplicate is reported', async () => {
    await write(pair('alpha'));
    await writeRaw('en/Alpha.md', serializeArticleFile(article('alpha', 'en')));
    const problems = await validate();
    expect(messages(problems)).toContain(
      'en/alpha.md: duplicate files whose names differ only by letter case: Alpha.md, alpha.md',
    );
  });

  it('when the same id appears twice in one locale, then a duplicate id is reported', () => {
    const problems = validateArticleSet(
      { articles: [...pair('alpha'), article('alpha', 'en')], problems: [] },
      {},
    );
    expect(messages(problems)).toEqual(['en/alpha.md: duplicate id: 2 articles in en use "alpha"']);
  });

  it('when an article exists in one locale only, then a missing translation is reported', async () => {
    await write([...pair('alpha'), article('beta', 'en')]);
    expect(messages(await validate())).toEqual([
      'es/beta.md: missing translation: "beta" exists in en but not in es',
    ]);
  });

  it('when one locale was updated after the other was last reviewed, then the other is stale', async () => {
    await write([
      article('alpha', 'en', { updated: '2026-12-01', lastReviewed: '2026-12-01' }),
      article('alpha', 'es', { updated: '2026-11-20', lastReviewed: '2026-11-23' }),
    ]);
    expect(messages(await validate())).toEqual([
      'es/alpha.md: stale translation: the en text was updated on 2026-12-01, after this es text was last reviewed on 2026-11-23',
    ]);
  });

  it('when a translation was reviewed on the day its twin changed, then it is not stale', async () => {
    await write([
      article('alpha', 'en', { updated: '2026-12-01', lastReviewed: '2026-12-01' }),
      article('alpha', 'es', { updated: '2026-11-20', lastReviewed: '2026-12-01' }),
    ]);
    expect(await validate()).toEqual([]);
  });

  it('when related names a missing article, another locale only, or itself, then each is reported', async () => {
    await write([
      article('alpha', 'en', { related: ['ghost', 'only-en', 'alpha'] }),
      article('alpha', 'es', { related: ['only-en'] }),
      article('only-en', 'en'),
    ]);
    expect(messages(await validate())).toEqual([
      'en/alpha.md: related lists the article itself',
      'es/only-en.md: missing translation: "only-en" exists in en but not in es',
      'en/alpha.md: related "ghost" has no en article',
      'es/alpha.md: related "only-en" has no es article',
    ]);
  });

  it('when the answer or the body is only spaces and Markdown punctuation, then it is reported empty', async () => {
    await write([
      article('alpha', 'en', { answer: '## **** ---- ____ >>> ***', body: '## \n\n* * *\n\n---' }),
      article('alpha', 'es', { body: '   ' }),
    ]);
    expect(messages(await validate())).toEqual([
      'en/alpha.md: answer is empty (no words, only spaces or Markdown)',
      'en/alpha.md: body is empty (no words, only spaces or Markdown)',
      'es/alpha.md: body is empty (no words, only spaces or Markdown)',
    ]);
  });

  it('when an article repeats a question up to case, spacing and punctuation, then it is reported once', async () => {
    await write([
      article('alpha', 'en', {
        questions: ['How do I call USCIS?', 'how do i  call uscis', 'HOW DO I CALL USCIS'],
      }),
      // Accents are kept: "cómo" and "como" are different ways visitors type.
      article('alpha', 'es', { questions: ['¿Cómo llamo a USCIS?', 'como llamo a uscis'] }),
    ]);
    expect(messages(await validate())).toEqual([
      'en/alpha.md: question "how do i call uscis" appears 3 times',
    ]);
  });

  it('when a link is not https in a file, then loading rejects it', async () => {
    await write([
      article('alpha', 'en', { links: [{ title: 'Old page', url: 'http://www.uscis.gov/' }] }),
      article('alpha', 'es'),
    ]);
    expect(messages(await validate()).join('\n')).toMatch(
      /en\/alpha\.md: links\.0\.url: must be an https:\/\/ address/,
    );
  });

  it('when a link is not https in articles from elsewhere (a store), then the set check still reports it', () => {
    const links = [
      { title: 'Plain', url: 'http://www.uscis.gov/' },
      { title: 'Not an address', url: 'uscis.gov' },
    ];
    const problems = validateArticleSet(
      { articles: [article('alpha', 'en', { links }), article('alpha', 'es')], problems: [] },
      {},
    );
    expect(messages(problems)).toEqual([
      'en/alpha.md: link "http://www.uscis.gov/" is not an https:// address',
      'en/alpha.md: link "uscis.gov" is not an https:// address',
    ]);
  });

  it('when topics are given, then a topic without any article is reported and one in a locale is not', async () => {
    await write([...pair('alpha'), article('beta', 'en')]);
    expect(messages(await validate(['alpha', 'beta', 'gamma']))).toEqual([
      'es/beta.md: missing translation: "beta" exists in en but not in es',
      'gamma: is a topic but has no article in any locale',
    ]);
  });

  it('when a topic is listed as not written, then its missing article is accepted and a written one is refused', async () => {
    await write([...pair('alpha'), ...pair('beta')]);
    const problems = validateArticleSet(await loadArticleFiles(folder.dir), {
      topics: ['alpha', 'beta', 'gamma'],
      notWritten: ['beta', 'gamma'],
    });
    expect(messages(problems)).toEqual([
      'beta: has an article but is still listed as not written (topics.ts)',
    ]);
  });

  it('when a locale folder is missing, then the loader says so', async () => {
    await rm(path.join(folder.dir, 'es'), { recursive: true });
    await write([article('alpha', 'en')]);
    expect(messages(await validate())).toContain(
      `${path.join(folder.dir, 'es')}: missing folder for locale "es"`,
    );
  });
});

describe('loader edge cases the validator relies on', () => {
  it('when a file has an upper-case .MD extension, then it is reported, not silently skipped', async () => {
    await write(pair('alpha'));
    await writeRaw('en/beta.MD', serializeArticleFile(article('beta', 'en')));
    expect(messages(await validate()).join('\n')).toMatch(
      /beta\.MD: id: is "beta" but the file is named beta\.MD/,
    );
  });

  it('when a file starts with a byte-order mark, then it loads like any other', async () => {
    await write([article('alpha', 'es')]);
    await writeRaw('en/alpha.md', `\uFEFF${serializeArticleFile(article('alpha', 'en'))}`);
    expect(await validate()).toEqual([]);
  });

  it('when the front matter has a body field, then it is reported rather than dropped', async () => {
    await write([article('alpha', 'es')]);
    await writeRaw(
      'en/alpha.md',
      serializeArticleFile(article('alpha', 'en')).replace('id: alpha', 'id: alpha\nbody: hidden'),
    );
    expect(messages(await validate()).join('\n')).toMatch(
      /en\/alpha\.md: body: belongs after the front matter/,
    );
  });
});

describe('formatProblem', () => {
  it('when the message spans lines (a YAML error), then it is printed on one line', async () => {
    await writeRaw('en/alpha.md', '---\nid: alpha\ntitle: [unclosed\n---\nbody\n');
    await write([article('alpha', 'es')]);
    const lines = messages(await validate());
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).not.toMatch(/\n/);
    expect(lines.join('\n')).toMatch(/alpha\.md: front matter is not valid YAML/);
  });

  it('when given the articles folder and a working directory, then locations are relative paths', () => {
    const line = formatProblem(
      { articleId: 'alpha', locale: 'en', message: 'something' },
      { articlesDir: path.join(folder.dir, 'knowledge', 'articles'), cwd: folder.dir },
    );
    expect(line).toBe(`${path.join('knowledge', 'articles', 'en', 'alpha.md')}: something`);
  });
});

describe('parseTopics', () => {
  it('when given a TSV with a header, comments and blank lines, then it returns the first column', () => {
    const tsv = 'slug\twhat it answers\nalpha\tfirst\n\n# a comment\nbeta\tsecond\r\n';
    expect(parseTopics(tsv)).toEqual(['alpha', 'beta']);
  });
});
