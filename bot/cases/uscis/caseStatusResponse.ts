/**
 * Reads a 200 answer of `GET /case-status/{receiptNumber}` into `CaseDetails`. Lenient where the
 * contract is loose (dates, missing Spanish, `hist_case_status: null`, extra fields), strict only
 * about what a reply cannot do without: a `case_status` object with an English status title.
 */
import { z } from 'zod';
import type { CaseDetails, CaseHistoryEntry, CaseStatusText } from '../caseStatusProvider.js';
import { parseCaseDate } from '../parseCaseDate.js';

/** A string with content, else undefined (null, "", "   ", numbers and objects all count as missing). */
const textOrUndefined = z.unknown().transform((value) => {
  if (typeof value !== 'string') return undefined;
  const trimmed = value.trim();
  return trimmed.length > 0 ? trimmed : undefined;
});
// `.optional()` too, because zod 4 refuses a missing key whose schema is not marked optional.
const optionalText = textOrUndefined.optional();

const historyEntrySchema = z.looseObject({
  date: z.unknown().optional(),
  completed_text_en: optionalText,
  completed_text_es: optionalText,
});

const answerSchema = z.looseObject({
  case_status: z.looseObject({
    formType: optionalText,
    submittedDate: z.unknown().optional(),
    modifiedDate: z.unknown().optional(),
    current_case_status_text_en: textOrUndefined.pipe(z.string()),
    current_case_status_desc_en: optionalText,
    current_case_status_text_es: optionalText,
    current_case_status_desc_es: optionalText,
    hist_case_status: z.unknown().optional(),
  }),
});

function readHistory(value: unknown): CaseHistoryEntry[] {
  if (!Array.isArray(value)) return [];
  const entries: CaseHistoryEntry[] = [];
  for (const item of value) {
    const parsed = historyEntrySchema.safeParse(item);
    // An entry without English text has nothing to show; skip it rather than fail the lookup.
    if (!parsed.success || !parsed.data.completed_text_en) continue;
    entries.push({
      date: parseCaseDate(parsed.data.date),
      en: parsed.data.completed_text_en,
      es: parsed.data.completed_text_es ?? null,
    });
  }
  return entries;
}

/**
 * The case in the body, or null when the body is not JSON or lacks the status (the caller treats
 * that as an outage: the service answered, but not with anything we can show).
 */
export function readCaseStatusAnswer(body: string, receiptNumber: string): CaseDetails | null {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return null;
  }
  const parsed = answerSchema.safeParse(json);
  if (!parsed.success) return null;
  const status = parsed.data.case_status;
  // Spanish only when both title and description exist: a half-Spanish status would read as an
  // error; with null the bot shows the English one and says it is only available in English.
  const es: CaseStatusText | null =
    status.current_case_status_text_es && status.current_case_status_desc_es
      ? { title: status.current_case_status_text_es, description: status.current_case_status_desc_es }
      : null;
  return {
    // The number asked for, already normalised; the answer's copy adds nothing and may differ in case.
    receiptNumber,
    formType: status.formType ?? '',
    status: {
      en: {
        title: status.current_case_status_text_en,
        description: status.current_case_status_desc_en ?? '',
      },
      es,
    },
    lastChanged: parseCaseDate(status.modifiedDate),
    submitted: parseCaseDate(status.submittedDate),
    history: readHistory(status.hist_case_status),
  };
}
