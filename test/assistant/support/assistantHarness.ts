import { MemoryStorage, TestAdapter, type Activity } from 'botbuilder';
import type { Locale } from '../../../contracts/locale.js';
import { AssistantText } from '../../../bot/assistant/assistantText.js';
import type { AssistantBot } from '../../../bot/assistant/assistantBot.js';
import { createAssistant } from '../../../bot/assistant/createAssistant.js';
import { EnginePassages } from '../../../bot/assistant/followUps/passageSource.js';
import { createKnowledgeIndexHolder } from '../../../knowledge/engine/knowledgeEngine.js';
import type {
  LiveAgentGateway,
  LiveAgentOutcome,
  LiveAgentRequest,
  VisitorNotices,
} from '../../../bot/handoff/liveAgentGateway.js';
import type { CaseStatusProvider } from '../../../bot/cases/caseStatusProvider.js';
import { createSampleCaseStatusProvider } from '../../../bot/cases/sampleCaseStatusProvider.js';
import { createBusinessHours } from '../../../bot/handoff/businessHours/businessHours.js';
import { createI18n } from '../../../bot/i18n/i18n.js';
import { createLogger } from '../../../bot/logging/logger.js';
import { HandoffText } from '../../../bot/handoff/handoffText.js';
import { LeaveMessageOffer } from '../../../bot/handoff/leaveMessageOffer.js';
import { ServiceRequestDesk } from '../../../bot/handoff/serviceRequestDesk.js';
import type {
  AnalyticsEvent,
  AnalyticsStore,
  FeedbackRecord,
  FeedbackStore,
  ServiceRequestRecord,
  ServiceRequestStore,
} from '../../../bot/storage/ports.js';
import { FixedAnswerSource, type FixedDecision } from './fixedAnswerSource.js';
import { TEST_ARTICLES } from './testArticles.js';
import { TestClock } from '../../support/testClock.js';

/** Wednesday 4 March 2026, 10:00 in New York: live agents are working. */
export const OPEN_HOURS = new Date('2026-03-04T15:00:00Z');
/** Saturday 7 March 2026, 10:00 in New York: closed until Monday 8 a.m. */
export const CLOSED_HOURS = new Date('2026-03-07T15:00:00Z');

export interface HarnessOptions {
  /** Decisions of the fixed answer source, per locale. */
  answers?: { text: string; locale: Locale; result: FixedDecision }[];
  now?: Date;
  /** What a live-agent gateway answers; no gateway when absent. */
  gateway?: LiveAgentOutcome;
  caseStatus?: CaseStatusProvider;
  /** Questions whose lookup throws (to test recovery from a failed turn). */
  failingQuestions?: string[];
  /** Wire "leave a message" for when no agent can chat (as the app does). */
  leaveMessage?: boolean;
}

export interface AssistantHarness {
  adapter: TestAdapter;
  bot: AssistantBot;
  text: AssistantText;
  answers: FixedAnswerSource;
  analytics: AnalyticsEvent[];
  feedback: FeedbackRecord[];
  /** What the assistant asked the gateway for (the conversation and address come from the turn). */
  gatewayRequests: Pick<LiveAgentRequest, 'locale' | 'question'>[];
  /** Messages left for agents. */
  requests: ServiceRequestRecord[];
  /** The conversation language stored outside the assistant, each time it was set. */
  storedLocales: { conversationId: string; locale: Locale }[];
}

/**
 * The assistant with in-memory collaborators, driven through botbuilder's TestAdapter: state in
 * MemoryStorage, a fixed answer source over a few test articles, the sample case-status
 * provider, business hours at a fixed instant, analytics and feedback collected in arrays.
 */
export async function createAssistantHarness(options: HarnessOptions = {}): Promise<AssistantHarness> {
  const i18n = await createI18n();
  const answers = new FixedAnswerSource(TEST_ARTICLES, options.answers ?? []);
  // Follow-ups find passages with the real engine over the same test articles.
  const engine = createKnowledgeIndexHolder();
  await engine.rebuild(TEST_ARTICLES);
  const passages = new EnginePassages(engine);
  const failing = new Set(options.failingQuestions ?? []);
  const analytics: AnalyticsEvent[] = [];
  const feedback: FeedbackRecord[] = [];
  const gatewayRequests: AssistantHarness['gatewayRequests'] = [];
  const analyticsStore: AnalyticsStore = {
    record: async (event) => {
      analytics.push(event);
    },
    list: async () => analytics,
    forgetTextBefore: async () => 0,
  };
  const feedbackStore: FeedbackStore = {
    add: async (record) => {
      feedback.push(record);
    },
    list: async () => feedback,
    forgetQuestionsBefore: async () => 0,
  };
  const requests: ServiceRequestRecord[] = [];
  const storedLocales: AssistantHarness['storedLocales'] = [];
  const requestStore: ServiceRequestStore = {
    create: async (request) => {
      requests.push(request);
    },
    get: async (id) => requests.find((request) => request.id === id) ?? null,
    list: async () => requests,
    close: async () => null,
    deleteClosedBefore: async () => 0,
  };
  const outcome = options.gateway;
  const gateway: LiveAgentGateway | undefined = outcome
    ? {
        requestAgent: async (request: LiveAgentRequest, visitor: VisitorNotices) => {
          gatewayRequests.push({ locale: request.locale, question: request.question });
          if (outcome === 'handled')
            await visitor.tell({ text: 'gateway: queued', locale: request.locale, outcome: 'queued' });
          return outcome;
        },
      }
    : undefined;
  const now = options.now ?? OPEN_HOURS;
  const clock = new TestClock(now);
  const businessHours = createBusinessHours();
  const handoffText = new HandoffText(i18n);
  const desk = new ServiceRequestDesk({
    requests: requestStore,
    hours: businessHours,
    policy: { messageDueDays: 3, urgentMessageDueDays: 1 },
    listener: { requestsChanged: async () => undefined },
    clock,
  });
  const bot = createAssistant({
    i18n,
    storage: new MemoryStorage(),
    answers: {
      answer: (text, locale) => {
        if (failing.has(text)) throw new Error(`lookup failed for a test question`);
        return answers.answer(text, locale);
      },
    },
    catalog: answers,
    passages,
    caseStatus: options.caseStatus ?? createSampleCaseStatusProvider(),
    businessHours,
    analytics: analyticsStore,
    feedback: feedbackStore,
    logger: createLogger({ level: 'silent', pretty: false }),
    clock,
    ...(gateway ? { liveAgent: gateway } : {}),
    ...(options.leaveMessage
      ? { leaveMessage: { desk, offer: new LeaveMessageOffer(handoffText, desk), text: handoffText } }
      : {}),
    conversationLanguage: {
      setLocale: async (conversationId, locale) => {
        storedLocales.push({ conversationId, locale });
      },
    },
  });
  const adapter = new TestAdapter(async (context) => bot.run(context));
  return {
    adapter,
    bot,
    text: new AssistantText(i18n),
    answers,
    analytics,
    feedback,
    gatewayRequests,
    requests,
    storedLocales,
  };
}

/** The channel locale a visitor's client would send for a product locale. */
export function channelLocale(locale: Locale): string {
  return locale === 'es' ? 'es-US' : 'en-US';
}

/** A message from the visitor, as a channel sends it. */
export function visitorMessage(locale: Locale, text: string, value?: unknown): Partial<Activity> {
  return { type: 'message', text, locale: channelLocale(locale), ...(value === undefined ? {} : { value }) };
}

/** The event a channel sends when the visitor picks a language in its own controls (the widget's button). */
export function languageChosen(channel: Locale, chosen: Locale): Partial<Activity> {
  return { type: 'event', name: 'languageChosen', value: { locale: chosen }, locale: channelLocale(channel) };
}
