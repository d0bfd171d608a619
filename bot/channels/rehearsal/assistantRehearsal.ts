import type { Locale } from '../../../contracts/locale.js';
import { randomUUID } from 'node:crypto';
import { ActivityTypes, MemoryStorage, type Activity, type TurnContext } from 'botbuilder';
import type { ChatMessage, MessageRole } from '../../../contracts/visitorEvents.js';
import type { RehearsalStep, RehearsalTurn } from '../../../contracts/rehearsalApi.js';
import type { AssistantKnowledge } from '../../assistant/answerSource.js';
import { createAssistant, type AssistantDeps } from '../../assistant/createAssistant.js';
import type { LiveAgentGateway } from '../../handoff/liveAgentGateway.js';
import { outboundMarks } from '../outboundMarks.js';
import { chatMessageFromActivity } from '../socket/chatMessages.js';
import { visitorTurnActivity } from '../socket/visitorSessions.js';
import { RehearsalAdapter } from './rehearsalAdapter.js';
import { systemClock } from '../../shared/clock.js';

// One step (the visitor types `text`, or presses a button: its text and its value) and what the
// assistant said to it: the admin API's shapes (contracts/rehearsalApi.ts), one definition.
export type { RehearsalStep, RehearsalTurn };

export interface RehearsalInput {
  /** The language the visitor's widget is in. */
  locale: Locale;
  steps: readonly RehearsalStep[];
  /** What the assistant answers from, and finds articles by id in (the editors' drafts). */
  knowledge: AssistantKnowledge;
}

export interface AssistantRehearsal {
  run(input: RehearsalInput): Promise<RehearsalTurn[]>;
}

export type AssistantRehearsalDeps = Pick<
  AssistantDeps,
  'i18n' | 'caseStatus' | 'businessHours' | 'logger' | 'clock'
>;

/** Nothing a rehearsal does is counted as a visitor's question or vote. */
const DISCARDED_ANALYTICS = { record: async () => undefined };
const DISCARDED_FEEDBACK = { add: async () => undefined };

/**
 * The assistant exactly as a widget visitor meets it, for the editors' "Preview" and "Try it":
 * the same bot (`createAssistant`), the same turn activities as the widget's channel, and the
 * replies converted to the widget's messages by the same code (`chatMessageFromActivity`); only
 * the knowledge is the editors' drafts. Each run is a new conversation in memory: the visitor
 * joins (the welcome is said and left out), then each step is a turn. Nothing is stored, counted,
 * queued or sent anywhere, and nothing is kept after the run: a live-agent request in hours is
 * only reported (`liveAgentRequested`), and out of hours the assistant says what it says to
 * visitors. Messages left for agents are not offered (they would be stored).
 */
export function createAssistantRehearsal(deps: AssistantRehearsalDeps): AssistantRehearsal {
  const clock = deps.clock ?? systemClock;
  return {
    async run(input) {
      let liveAgentRequested = false;
      const gateway: LiveAgentGateway = {
        requestAgent: async () => {
          if (!deps.businessHours.isOpen(clock.now())) return 'unavailable';
          liveAgentRequested = true;
          return 'handled';
        },
      };
      const bot = createAssistant({
        ...deps,
        storage: new MemoryStorage(),
        answers: input.knowledge,
        catalog: input.knowledge,
        passages: input.knowledge.passages,
        analytics: DISCARDED_ANALYTICS,
        feedback: DISCARDED_FEEDBACK,
        liveAgent: gateway,
        clock,
      });
      const adapter = new RehearsalAdapter();
      const conversationId = `rehearsal-${randomUUID()}`;
      const turn = (fields: Partial<Activity>) =>
        adapter.process(visitorTurnActivity(conversationId, input.locale, fields), (context: TurnContext) =>
          bot.run(context),
        );

      let seq = 0;
      const message = (role: MessageRole, activity: Partial<Activity>): ChatMessage =>
        chatMessageFromActivity(
          { seq: ++seq, messageId: randomUUID(), role, at: clock.now().toISOString(), locale: null },
          activity,
        );

      // What the widget's channel does when a conversation starts: the visitor joined.
      await turn({
        type: ActivityTypes.ConversationUpdate,
        membersAdded: [{ id: `visitor:${conversationId}`, name: '' }],
      });
      adapter.take();
      const turns: RehearsalTurn[] = [];
      for (const step of input.steps) {
        liveAgentRequested = false;
        const fields: Partial<Activity> = {
          type: ActivityTypes.Message,
          id: randomUUID(),
          timestamp: clock.now(),
          text: step.text,
          textFormat: 'plain',
          ...(step.value === undefined ? {} : { value: step.value }),
        };
        const visitor = message('visitor', { ...fields, locale: input.locale });
        await turn(fields);
        turns.push({
          visitor,
          replies: adapter.take().map((reply) => message(outboundMarks(reply).role, reply)),
          liveAgentRequested,
        });
      }
      return turns;
    },
  };
}
