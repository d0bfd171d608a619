import type { Activity } from 'botbuilder';
import { LOCALES } from '../../../contracts/locale.js';
import { actionValueOf } from '../actionValues.js';
import { normalizeText, wordCount, type KeywordList, type Phrasebook } from '../phrasebook.js';
import type { Prompt, PromptChoice } from './prompt.js';
import type { Prompter } from './prompter.js';

/** What a visitor's message is, read against the question the assistant is waiting on. */
export type PromptReading =
  /** One of the prompt's answers: clicked, or typed as its label, its words or its number. */
  | { kind: 'choice'; choice: PromptChoice }
  /** Anything else: free text for a text prompt, or a new message that leaves a choice prompt. */
  | { kind: 'other' };

const ORDINALS: readonly KeywordList[] = ['ordinal.1', 'ordinal.2', 'ordinal.3', 'ordinal.4', 'ordinal.5'];
/** Longer than this, a reply is a message of its own, not a choice said in many words. */
const MAX_WORDS_OF_A_CHOICE = 12;
/** A reply this long is a question or a story even without a question word. */
const MIN_WORDS_OF_A_NEW_MESSAGE = 7;

/**
 * The one reader of replies to the assistant's questions (feedback, "did you mean", the live-agent
 * offer, leave-a-message and each of its steps, urgency, confirmations). In order: a button's
 * value; a choice's label typed in either language ("No, la escribiré"); the choice's keyword lists
 * with polite words around them ("yeah", "sure", "claro", "dale", "nop", "yes please"); a number
 * or an ordinal for numbered choices ("1", "the second one", "la primera"). Every phrase comes from
 * the resources, none from code.
 */
export class ReplyReader {
  constructor(
    private readonly phrasebook: Phrasebook,
    private readonly prompter: Pick<Prompter, 'label'>,
  ) {}

  read(activity: Partial<Activity>, prompt: Prompt): PromptReading {
    const value = actionValueOf(activity.value);
    if (value) {
      const clicked = prompt.choices.find((choice) => sameValue(choice.value, value));
      return clicked ? { kind: 'choice', choice: clicked } : { kind: 'other' };
    }
    const text = activity.text?.trim() ?? '';
    const typed = normalizeText(text);
    if (!typed || wordCount(text) > MAX_WORDS_OF_A_CHOICE) return { kind: 'other' };

    const byLabel = prompt.choices.find((choice) =>
      LOCALES.some((locale) => {
        const label = normalizeText(this.prompter.label(locale, choice));
        return label !== '' && label === typed;
      }),
    );
    if (byLabel) return { kind: 'choice', choice: byLabel };

    const byWords = prompt.choices.filter(
      (choice) =>
        choice.phrases &&
        this.phrasebook.phrasesIn(choice.phrases, ['replyFiller', ...(choice.filler ?? [])], text) !==
          undefined,
    );
    if (byWords.length === 1 && byWords[0]) return { kind: 'choice', choice: byWords[0] };

    const numbered = prompt.choices.filter((choice) => choice.numbered);
    const place = this.place(text, numbered.length);
    const byNumber = place === undefined ? undefined : numbered[place];
    if (byNumber) return { kind: 'choice', choice: byNumber };
    return { kind: 'other' };
  }

  /**
   * Whether free text typed at a text prompt is rather a new question ("how do I renew my card?"
   * when asked for a name): a question mark, a question's first words, or a long message.
   */
  looksLikeQuestion(text: string): boolean {
    const trimmed = text.trim();
    if (/[?¿]/.test(trimmed)) return true;
    const count = wordCount(trimmed);
    if (count >= MIN_WORDS_OF_A_NEW_MESSAGE) return true;
    // Two words are a name as often as a question ("Will Smith").
    if (count < 3) return false;
    const words = normalizeText(trimmed).split(' ');
    // The first one or two words are how a question starts ("how", "what is", "¿cómo", "se puede").
    return [1, 2, 3].some((length) =>
      this.phrasebook.isWhole('questionStarts', words.slice(0, length).join(' ')),
    );
  }

  /** The zero-based place an ordinal names among `count` choices ("the last one" included). */
  private place(text: string, count: number): number | undefined {
    if (count === 0) return undefined;
    if (this.phrasebook.phrasesIn(['ordinal.last'], ['choiceFiller'], text)) return count - 1;
    const hits = ORDINALS.map(
      (list) => this.phrasebook.phrasesIn([list], ['choiceFiller'], text) !== undefined,
    );
    const places = hits.flatMap((hit, index) => (hit ? [index] : []));
    return places.length === 1 && places[0] !== undefined && places[0] < count ? places[0] : undefined;
  }
}

/** Two action values are the same answer when they say the same thing (key order aside). */
function sameValue(a: object, b: object): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: object): string {
  return JSON.stringify(
    Object.fromEntries(Object.entries(value).sort(([left], [right]) => left.localeCompare(right))),
  );
}
