import { createKnowledgeIndexHolder } from '../knowledge/engine/index.js';
import en from '../bot/i18n/locales/en/bot.json' with { type: 'json' };
import es from '../bot/i18n/locales/es/bot.json' with { type: 'json' };
import { AspectEvidence } from '../bot/assistant/followUps/aspectEvidence.js';
import { loadArticleFiles } from '../knowledge/content/articleFiles.js';
const aspect = process.argv[2] ?? 'time';
const q = { en: process.argv[3] ?? 'and how long does it take?', es: process.argv[4] ?? '¿y cuánto tarda?' };
const loaded: any = await loadArticleFiles();
const holder: any = createKnowledgeIndexHolder();
await holder.rebuild(loaded.articles);
for (const loc of ['en', 'es'] as const) {
  const cues = ((loc === 'en' ? en : es) as any).followUp.cues[aspect] as string[];
  const res = ((loc === 'en' ? en : es) as any).followUp;
  const ev = new AspectEvidence(res.evidence?.[aspect] ?? [], res.numberWords);
  for (const a of loaded.articles.filter((x: any) => x.locale === loc)) {
    const p = holder.passageFor(a.id, loc, [q[loc], ...cues].join('\n'), { followUp: true });
    console.log(loc, a.id, '→', p ? (ev.states(p.text) ? 'OK ' : 'XX ') + `(${p.score}) ${p.text.slice(0, 150)}` : 'NONE');
  }
}
