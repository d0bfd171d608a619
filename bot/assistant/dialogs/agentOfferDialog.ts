import { ActivityTypes, TextFormatTypes, type TurnContext } from 'botbuilder';
import {
  ComponentDialog,
  Dialog,
  WaterfallDialog,
  type DialogTurnResult,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { actionValueOf } from '../actionValues.js';
import type { AssistantAnalytics } from '../assistantAnalytics.js';
import type { AssistantText } from '../assistantText.js';
import type { ConversationContext } from '../conversationContext.js';
import type { ConversationMemory } from '../conversationMemory.js';
import type { LiveAgentAlternatives } from '../liveAgentAlternatives.js';
import type { LeaveMessageOffer } from '../../handoff/leaveMessageOffer.js';
import type { LiveAgentGateway, VisitorNotices } from '../../handoff/liveAgentGateway.js';
import type { Prompter } from '../prompts/prompter.js';
import { textReply } from '../replyActivity.js';
import { visitorAddressOf } from '../visitorAddress.js';
import { DONE, REROUTE } from './dialogOutcome.js';

export const AGENT_OFFER_DIALOG = 'agentOfferDialog';
const WATERFALL = 'agentOfferWaterfall';

export interface AgentOfferOptions {
  /** `offer`: ask first ("Would you like to reach a live agent?"); `connect`: the visitor already asked. */
  mode: 'offer' | 'connect';
  /** Which question to ask in `offer` mode. */
  reason?: 'afterMisses' | 'afterAnswer';
}

export interface AgentOfferDialogDeps {
  memory: ConversationMemory;
  text: AssistantText;
  prompter: Prompter;
  context: ConversationContext;
  analytics: AssistantAnalytics;
  alternatives: LiveAgentAlternatives;
  /** Absent until live-agent handoff is wired: the visitor then hears the hours and alternatives. */
  gateway?: LiveAgentGateway;
  /** When no agent can chat, the offer to leave a message for one (live-agent handoff). */
  leaveMessageOffer?: Pick<LeaveMessageOffer, 'dueText'>;
}

/**
 * Offers a live agent and, when the visitor accepts, asks the gateway for one. When no gateway
 * is configured or it cannot take the chat, tells the visitor when agents work (open now or the
 * next opening) and the other ways to get help. Every request is one analytics event.
 */
export class AgentOfferDialog extends ComponentDialog {
  constructor(private readonly deps: AgentOfferDialogDeps) {
    super(AGENT_OFFER_DIALOG);
    this.addDialog(
      new WaterfallDialog<AgentOfferOptions>(WATERFALL, [this.offer.bind(this), this.decide.bind(this)]),
    );
    this.initialDialogId = WATERFALL;
  }

  private async offer(step: WaterfallStepContext<AgentOfferOptions>): Promise<DialogTurnResult> {
    if (step.options.mode === 'connect') return this.connect(step);
    const key = step.options.reason === 'afterAnswer' ? 'agentOffer.afterAnswer' : 'agentOffer.afterMisses';
    await this.deps.prompter.ask(step.context, {
      question: { key },
      choices: [
        {
          label: { key: 'agentOffer.yes' },
          value: { type: 'agent_offer', accept: true },
          // "yes", "sure", "yes, a live agent please", "quiero hablar con un agente".
          phrases: ['yes', 'agent', 'agentAlone'],
          filler: ['agentRequest'],
        },
        { label: { key: 'agentOffer.no' }, value: { type: 'agent_offer', accept: false }, phrases: ['no'] },
      ],
      outcome: 'agentOffer',
      expects: 'choice',
    });
    return Dialog.EndOfTurn;
  }

  /** The visitor's answer: the offer's buttons (typed answers arrive as their values), or the "Talk to an agent" button. */
  private async decide(step: WaterfallStepContext<AgentOfferOptions>): Promise<DialogTurnResult> {
    const value = actionValueOf(step.context.activity.value);
    const accepted =
      value?.type === 'agent_offer' ? value.accept : value?.type === 'agent_request' ? true : undefined;
    if (accepted === undefined) return step.endDialog(REROUTE);
    if (accepted) return this.connect(step);
    const locale = await this.deps.memory.locale(step.context);
    await this.deps.analytics.handoffRequest(step.context, {
      locale,
      text: await this.question(step),
      outcome: 'declined',
    });
    await step.context.sendActivity(
      textReply(locale, this.deps.text.get(locale, 'agentOffer.declined'), { outcome: 'agentOffer' }),
    );
    return step.endDialog(DONE);
  }

  private async connect(step: WaterfallStepContext<AgentOfferOptions>): Promise<DialogTurnResult> {
    const locale = await this.deps.memory.locale(step.context);
    const question = await this.question(step);
    const outcome = this.deps.gateway
      ? await this.deps.gateway.requestAgent(
          {
            conversationId: step.context.activity.conversation?.id ?? '',
            question,
            locale,
            address: visitorAddressOf(step.context),
          },
          noticesIn(step.context),
        )
      : 'unavailable';
    await this.deps.analytics.handoffRequest(step.context, {
      locale,
      text: question,
      outcome: this.deps.gateway ? outcome : 'no_gateway',
    });
    if (outcome === 'unavailable') {
      await step.context.sendActivity(this.deps.alternatives.build(locale));
      const offer = this.deps.leaveMessageOffer;
      if (offer) {
        await this.deps.prompter.ask(step.context, {
          question: { key: 'handoff.leaveOffer.text', values: { due: offer.dueText(locale) } },
          choices: [
            { label: { key: 'handoff.leaveOffer.yes' }, value: { type: 'leave_message' }, phrases: ['yes'] },
            {
              label: { key: 'handoff.leaveOffer.no' },
              value: { type: 'agent_offer', accept: false },
              phrases: ['no'],
            },
          ],
          outcome: 'leaveMessage',
          expects: 'choice',
        });
      }
    }
    return step.endDialog(DONE);
  }

  /**
   * The visitor's recent real question (masked), for the agent and for analytics: never a yes,
   * a no or the request for an agent itself.
   */
  private async question(step: WaterfallStepContext<AgentOfferOptions>): Promise<string> {
    return (await this.deps.context.recentQuestion(step.context)) ?? '';
  }
}

/**
 * The handoff's notices ("you are number 2 in line"), sent in the visitor's turn as the handoff
 * wrote them (no reformatting: the text is the handoff's).
 */
function noticesIn(context: TurnContext): VisitorNotices {
  return {
    tell: async ({ text, locale, outcome }) => {
      await context.sendActivity({
        type: ActivityTypes.Message,
        text,
        textFormat: TextFormatTypes.Markdown,
        locale,
        channelData: { answer: null, outcome },
      });
    },
  };
}
