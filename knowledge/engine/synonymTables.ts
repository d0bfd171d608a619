import englishTable from './synonyms.en.json' with { type: 'json' };
import spanishTable from './synonyms.es.json' with { type: 'json' };
import type { SynonymGroup, SynonymTable } from './synonymMatcher.js';

/**
 * The built-in synonym tables (engine data, one JSON file per locale: `synonyms.<locale>.json`),
 * keyed by language code. Editors' per-article `synonyms` come on top of these.
 */
export const BUILT_IN_SYNONYMS: Readonly<Record<string, readonly SynonymGroup[]>> = Object.fromEntries(
  ([englishTable, spanishTable] as SynonymTable[]).map((table) => [table.locale, table.groups]),
);
