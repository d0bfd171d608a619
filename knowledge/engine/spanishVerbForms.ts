/**
 * Spanish stem-changing verbs, brought back to their infinitive before stemming. Snowball strips
 * endings but not the change inside the stem, so "renuevo" stems to "renuev" and "renovar" to
 * "renov", "pido" to "pid" and "pedir" to "ped": a visitor who writes "¿cómo renuevo mi permiso?"
 * or "pido mi expediente" shares no word with an article that says "renovar" or "pedir". The list
 * is short and chosen by hand: verbs that visitors use about their cases, and only forms that are
 * not also a common noun here ("cuenta", account, is not "contar"; "prueba", proof, is not
 * "probar"). Documents and questions go through the same analyzer, so the mapping is symmetric.
 */

type Conjugation = 'ar' | 'er' | 'ir';

interface StemChangingVerb {
  infinitive: string;
  /** The stem as it changes in the stressed forms: "renuev" for renovar, "pid" for pedir. */
  changed: string;
  /** Irregular first-person forms beyond the changed stem ("sigo", "corrijo"). */
  extra?: readonly string[];
}

const VERBS: readonly StemChangingVerb[] = [
  { infinitive: 'pedir', changed: 'pid' },
  { infinitive: 'renovar', changed: 'renuev' },
  { infinitive: 'perder', changed: 'pierd' },
  { infinitive: 'costar', changed: 'cuest' },
  { infinitive: 'devolver', changed: 'devuelv' },
  { infinitive: 'volver', changed: 'vuelv' },
  { infinitive: 'resolver', changed: 'resuelv' },
  { infinitive: 'encontrar', changed: 'encuentr' },
  { infinitive: 'cerrar', changed: 'cierr' },
  { infinitive: 'empezar', changed: 'empiez', extra: ['empiece', 'empiecen'] },
  { infinitive: 'requerir', changed: 'requier' },
  {
    infinitive: 'seguir',
    changed: 'sig',
    extra: ['sigo', 'sigue', 'sigues', 'siguen', 'siga', 'sigan', 'siguio', 'siguieron'],
  },
  {
    infinitive: 'conseguir',
    changed: 'consig',
    extra: [
      'consigo',
      'consigue',
      'consigues',
      'consiguen',
      'consiga',
      'consigan',
      'consiguio',
      'consiguieron',
    ],
  },
  { infinitive: 'corregir', changed: 'corrig', extra: ['corrijo', 'corrija', 'corrijan'] },
  { infinitive: 'elegir', changed: 'elig', extra: ['elijo', 'elija', 'elijan'] },
];

/** Present indicative and subjunctive forms with the changed stem, and for -ir verbs the forms with "i"/"u" in the preterite and gerund. */
function formsOf(verb: StemChangingVerb): string[] {
  const conjugation = verb.infinitive.slice(-2) as Conjugation;
  const indicative = conjugation === 'ar' ? ['o', 'as', 'a', 'an'] : ['o', 'es', 'e', 'en'];
  const subjunctive = conjugation === 'ar' ? ['e', 'es', 'en'] : ['a', 'as', 'an'];
  const forms = [...indicative, ...subjunctive].map((ending) => verb.changed + ending);
  if (conjugation === 'ir') {
    // e → i -ir verbs keep the "i" in the third-person preterite and the gerund (pidió, pidiendo).
    forms.push(`${verb.changed}io`, `${verb.changed}ieron`, `${verb.changed}iendo`, `${verb.changed}amos`);
  }
  return [...forms, ...(verb.extra ?? [])];
}

const INFINITIVE_OF: ReadonlyMap<string, string> = new Map(
  VERBS.flatMap((verb) => formsOf(verb).map((form) => [form, verb.infinitive] as const)),
);

/** The infinitive of a stem-changed form (lower case, accents folded), or undefined. */
export function spanishInfinitive(foldedWord: string): string | undefined {
  return INFINITIVE_OF.get(foldedWord);
}
