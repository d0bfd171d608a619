import type { Activity, TestFlow } from 'botbuilder';
import { expect } from 'vitest';
import type { Locale } from '../../../contracts/locale.js';
import { REPLY_OUTCOMES, type ReplyOutcome } from '../../../bot/assistant/replyOutcome.js';
import {
  createAssistantHarness,
  visitorMessage,
  type AssistantHarness,
  type HarnessOptions,
} from './assistantHarness.js';

export type PerLocale<T> = Record<Locale, T>;
/** The same in both languages, or one value per language. */
export type Localized<T> = T | PerLocale<T>;

export interface ReplyExpectation {
  /** Resource keys whose text the reply contains (in the reply's language). */
  keys?: Localized<string[]>;
  /** Interpolation values for `keys`, as a function of the reply's language. */
  values?: (locale: Locale) => Record<string, string>;
  /** Literal text the reply contains. */
  contains?: Localized<string>[];
  /** Text the reply must not contain. */
  excludes?: Localized<string>[];
  /** `channelData.answer.articleId`; null (the default) for replies that are not from an article. */
  answer?: string | null;
  /**
   * `channelData.answer.passage`: a number names the passage index (null: the short answer); a
   * boolean only says whether the reply is one passage of the article.
   */
  passage?: number | null | boolean;
  /** `channelData.outcome`: what the reply is. Every reply must have a known one whatever this says. */
  outcome?: ReplyOutcome;
  /** Button titles in order: resource keys, or `article:<id>` for an article's title. */
  actions?: string[];
  /** The reply's language: the test's own (default) or the other one (after a switch). */
  language?: 'same' | 'other';
}

export interface VisitorTurn {
  /** What the visitor types. */
  say: Localized<string>;
  /** A button's value sent with the text. */
  value?: (locale: Locale) => unknown;
  /** Replies, in order; no other reply may follow. */
  expect: ReplyExpectation[];
  /** The channel sends another language than the test's with this message (the visitor changed it there). */
  channel?: 'same' | 'other';
  /** Instead of a message: what the channel sends (an event, such as the widget's language button). */
  activity?: (locale: Locale) => Partial<Activity>;
}

export interface DialogTestCase {
  name: string;
  setup?: (locale: Locale) => HarnessOptions;
  /** `chooseLanguage` (default): the visitor first picks the test's language and is welcomed. */
  start?: 'chooseLanguage' | 'fresh';
  turns: VisitorTurn[];
  /** Checks on what the assistant stored (analytics, feedback, gateway calls). */
  stored?: (harness: AssistantHarness, locale: Locale) => void;
}

export function otherLocale(locale: Locale): Locale {
  return locale === 'en' ? 'es' : 'en';
}

function pick<T>(value: Localized<T>, locale: Locale): T {
  if (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    'en' in value &&
    'es' in value
  ) {
    return value[locale];
  }
  return value;
}

function checkReply(
  harness: AssistantHarness,
  testLocale: Locale,
  expected: ReplyExpectation,
  reply: Partial<Activity>,
): void {
  const locale = expected.language === 'other' ? otherLocale(testLocale) : testLocale;
  expect(reply.type).toBe('message');
  const text = reply.text ?? '';
  expect(reply.locale, `reply language of "${text.slice(0, 80)}"`).toBe(locale);
  const values = expected.values?.(locale) ?? {};
  for (const key of pick(expected.keys ?? [], locale))
    expect(text).toContain(harness.text.get(locale, key, values));
  for (const fragment of expected.contains ?? []) expect(text).toContain(pick(fragment, locale));
  for (const fragment of expected.excludes ?? []) expect(text).not.toContain(pick(fragment, locale));
  const channelData = reply.channelData as
    | { answer?: { articleId?: string; passage?: unknown } | null; outcome?: unknown; locale?: unknown }
    | undefined;
  const answer = channelData?.answer;
  if (expected.answer) expect(answer?.articleId).toBe(expected.answer);
  else expect(answer).toBeNull();
  if (typeof expected.passage === 'boolean')
    expect(typeof answer?.passage === 'number').toBe(expected.passage);
  else if (expected.passage !== undefined) expect(answer?.passage).toBe(expected.passage);
  // Every reply says what it is, in the reply's language.
  expect(REPLY_OUTCOMES, `outcome of "${text.slice(0, 60)}"`).toContain(channelData?.outcome);
  expect(channelData?.locale).toBe(locale);
  if (expected.outcome)
    expect(channelData?.outcome, `outcome of "${text.slice(0, 60)}"`).toBe(expected.outcome);
  if (expected.actions) {
    const titles = (reply.suggestedActions?.actions ?? []).map((action) => action.title);
    const wanted = expected.actions.map((entry) =>
      entry.startsWith('article:')
        ? (harness.answers.get(entry.slice('article:'.length), locale)?.title ?? entry)
        : harness.text.get(locale, entry),
    );
    expect(titles).toEqual(wanted);
  }
}

/**
 * Runs one table case in one language with TestAdapter's send/assertReply chain: each visitor
 * turn, then each expected reply in order, then no further reply.
 */
export async function runDialogTestCase(testCase: DialogTestCase, locale: Locale): Promise<void> {
  const harness = await createAssistantHarness(testCase.setup?.(locale) ?? {});
  let flow: TestFlow | undefined;
  const send = (activity: Partial<Activity>): TestFlow =>
    flow ? flow.send(activity) : harness.adapter.send(activity);
  if ((testCase.start ?? 'chooseLanguage') === 'chooseLanguage') {
    const choice = visitorMessage(locale, locale === 'es' ? 'Español' : 'English', {
      type: 'language',
      locale,
    });
    flow = send(choice)
      .assertReply((reply) =>
        checkReply(
          harness,
          locale,
          { keys: ['welcome.text'], actions: ['welcome.chooseEnglish', 'welcome.chooseSpanish'] },
          reply,
        ),
      )
      .assertNoReply('only the welcome', 20);
  }
  testCase.turns.forEach((turn, turnIndex) => {
    const channel = turn.channel === 'other' ? otherLocale(locale) : locale;
    flow = send(
      turn.activity?.(locale) ?? visitorMessage(channel, pick(turn.say, locale), turn.value?.(locale)),
    );
    turn.expect.forEach((expected, replyIndex) => {
      flow = flow?.assertReply(
        (reply) => checkReply(harness, locale, expected, reply),
        `turn ${turnIndex + 1}, reply ${replyIndex + 1}`,
        1000,
      );
    });
    flow = flow?.assertNoReply(`turn ${turnIndex + 1}: no more replies`, 20);
  });
  await flow;
  testCase.stored?.(harness, locale);
}
