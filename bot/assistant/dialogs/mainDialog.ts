import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import {
  DialogSet,
  DialogTurnStatus,
  WaterfallDialog,
  type DialogState,
  type DialogStateManagerConfiguration,
  type DialogTurnResult,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import type { Locale } from '../../../contracts/locale.js';
import type { AnswerLookup } from '../answerLookup.js';
import type { ArticleCatalog } from '../answerSource.js';
import type { ArticlePresenter } from '../articlePresenter.js';
import type { AssistantText } from '../assistantText.js';
import type { CaseStatusReplies } from '../caseStatusReplies.js';
import type { ConversationCommands } from '../conversationCommands.js';
import type { ConversationContext } from '../conversationContext.js';
import type { ConversationMemory } from '../conversationMemory.js';
import { turnFollowUpAspectOf } from '../followUps/followUpAspect.js';
import type { FollowUpReplies } from '../followUps/followUpReplies.js';
import type { SameDetailFollowUp } from '../followUps/sameDetail.js';
import type { AgentRequestSource, MessageRecognizer } from '../messageRecognizer.js';
import type { Phrasebook } from '../phrasebook.js';
import { textReply } from '../replyActivity.js';
import type { ReplyOutcome } from '../replyOutcome.js';
import { AGENT_OFFER_DIALOG, type AgentOfferDialog, type AgentOfferOptions } from './agentOfferDialog.js';
import { CASE_STATUS_DIALOG, type CaseStatusDialog, type CaseStatusOptions } from './caseStatusDialog.js';
import { outcomeOf } from './dialogOutcome.js';
import { InterruptibleDialog } from './interruptibleDialog.js';
import { LEAVE_MESSAGE_DIALOG, type LeaveMessageDialog } from './leaveMessageDialog.js';
import { QUESTION_DIALOG, type QuestionDialog, type QuestionOptions } from './questionDialog.js';

export const MAIN_DIALOG = 'mainDialog';
const ROUTE_WATERFALL = 'mainRoute';
/**
 * Where botbuilder-dialogs looks for a turn's memory-scope configuration before building one
 * (its DialogStateManager; DialogManager hands it its `stateConfiguration` the same way).
 */
const STATE_CONFIGURATION_KEY = 'DialogStateManagerConfiguration';

/** Starts a dialog straight away instead of reading the message (used after a child's outcome). */
interface RouteOptions {
  start?: { dialogId: string; options: object };
}

export interface MainDialogDeps {
  memory: ConversationMemory;
  text: AssistantText;
  phrasebook: Phrasebook;
  recognizer: MessageRecognizer;
  commands: ConversationCommands;
  lookup: AnswerLookup;
  catalog: ArticleCatalog;
  presenter: ArticlePresenter;
  context: ConversationContext;
  followUps: FollowUpReplies;
  /** "And the work permit?" right after "how much is citizenship?": the same detail of it. */
  sameDetail: SameDetailFollowUp;
  caseReplies: CaseStatusReplies;
}

export interface MainDialogChildren {
  question: QuestionDialog;
  caseStatus: CaseStatusDialog;
  agentOffer: AgentOfferDialog;
  /** "Leave a message" for an agent (live-agent handoff), when wired. */
  leaveMessage?: LeaveMessageDialog;
}

/**
 * The root dialog: reads what a message asks for (`MessageRecognizer`) and answers it or starts
 * the dialog for it (question, case status, live agent). A follow-up that does not name its
 * subject ("how much does it cost?") is answered against the conversation's topic first. When a
 * child ends with `reroute` (the
 * visitor moved on instead of answering it), the same message is routed again; when it ends with
 * `offerAgent`, a live agent is offered. Help, restart and cancel interrupt any child
 * (`InterruptibleDialog`).
 */
export class MainDialog extends InterruptibleDialog {
  private readonly leaveMessage: LeaveMessageDialog | undefined;
  /**
   * The memory scopes and path resolvers of botbuilder's dialog state, built on the first turn and
   * shared by every later one. They are stateless (each reads the dialog context it is given), and
   * building them is a tenth of a millisecond per turn that nothing here uses.
   */
  private stateConfiguration: DialogStateManagerConfiguration | undefined;

  constructor(
    private readonly deps: MainDialogDeps,
    children: MainDialogChildren,
  ) {
    super(MAIN_DIALOG, deps);
    this.addDialog(children.question);
    this.addDialog(children.caseStatus);
    this.addDialog(children.agentOffer);
    this.leaveMessage = children.leaveMessage;
    if (children.leaveMessage) this.addDialog(children.leaveMessage);
    this.addDialog(
      new WaterfallDialog<RouteOptions>(ROUTE_WATERFALL, [this.route.bind(this), this.afterChild.bind(this)]),
    );
    this.initialDialogId = ROUTE_WATERFALL;
  }

  /** Runs one turn: continues the waiting dialog, or starts this one (core-bot's `run`). */
  async run(context: TurnContext, dialogState: StatePropertyAccessor<DialogState>): Promise<void> {
    const dialogSet = new DialogSet(dialogState);
    dialogSet.add(this);
    if (this.stateConfiguration) context.turnState.set(STATE_CONFIGURATION_KEY, this.stateConfiguration);
    const dialogContext = await dialogSet.createContext(context);
    this.stateConfiguration ??= dialogContext.state.configuration;
    const result = await dialogContext.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dialogContext.beginDialog(this.id);
  }

  private async route(step: WaterfallStepContext<RouteOptions>): Promise<DialogTurnResult> {
    const start = step.options.start;
    if (start) return step.beginDialog(start.dialogId, start.options);
    if (await this.leaveMessage?.isRequest(step.context)) return step.beginDialog(LEAVE_MESSAGE_DIALOG);

    const { context } = step;
    const locale = await this.deps.memory.locale(context);
    const intent = this.deps.recognizer.recognize(context.activity);
    const text = context.activity.text?.trim() ?? '';
    switch (intent.kind) {
      case 'empty':
        return this.say(step, locale, 'onlyText', 'onlyText');
      case 'help':
        await this.deps.commands.help(context, locale);
        return step.endDialog();
      case 'restart':
        await this.deps.commands.restart(context, locale);
        return step.endDialog();
      case 'cancel':
        await this.deps.commands.cancel(context, locale, false);
        return step.endDialog();
      case 'smallTalk':
        return this.say(step, locale, `smallTalk.${intent.topic}`, 'smallTalk');
      case 'article': {
        const article = this.deps.catalog.get(intent.articleId, locale);
        if (!article) return this.say(step, locale, 'answer.unknownArticle', 'fallback');
        await this.deps.presenter.send(context, article, locale, { score: 1, question: article.title });
        return step.endDialog();
      }
      case 'fullArticle': {
        const article = this.deps.catalog.get(intent.articleId, locale);
        if (!article) return this.say(step, locale, 'answer.unknownArticle', 'fallback');
        await this.deps.presenter.sendFull(context, article, locale);
        return step.endDialog();
      }
      case 'clarifyNone':
        return this.say(step, locale, 'fallback.rephraseAfterNone', 'fallback');
      case 'agentDeclined':
        return this.say(step, locale, 'agentOffer.declined', 'agentOffer');
      case 'agent':
        return this.agent(step, locale, intent.via, text);
      case 'receipt':
        return step.beginDialog(CASE_STATUS_DIALOG, {} satisfies CaseStatusOptions);
      case 'caseHistory': {
        // The case the conversation is about has its history kept (masked) for this.
        const topic = await this.deps.context.topic(context);
        if (topic?.kind === 'case') {
          await context.sendActivity(this.deps.caseReplies.history(locale, topic.status.history));
          return step.endDialog();
        }
        return step.beginDialog(CASE_STATUS_DIALOG, { wantHistory: true } satisfies CaseStatusOptions);
      }
      case 'caseStatus':
        // Wanting a status is also a question the articles answer (how status checks work): give
        // the short answer, then ask for the receipt number to look the case up here.
        await this.briefAnswer(context, text, locale);
        return step.beginDialog(CASE_STATUS_DIALOG, {} satisfies CaseStatusOptions);
      case 'question': {
        const meant = await this.deps.sameDetail.questionMeant(context, text, locale);
        if (meant) return step.beginDialog(QUESTION_DIALOG, { text: meant } satisfies QuestionOptions);
        if (await this.followUp(context, text, locale)) return step.endDialog();
        return step.beginDialog(QUESTION_DIALOG);
      }
    }
  }

  /**
   * A follow-up on the current topic ("¿y cuánto tarda?"), answered from it; false when it is none.
   * Right after "Did you mean this?" with one article, that article is what it asks about.
   */
  private async followUp(context: TurnContext, text: string, locale: Locale): Promise<boolean> {
    const aspect = turnFollowUpAspectOf(context, this.deps.phrasebook, text);
    if (!aspect) return false;
    const topic =
      (await this.deps.context.singleOffer(context, locale)) ?? (await this.deps.context.topic(context));
    return topic !== undefined && this.deps.followUps.answer(context, topic, aspect, text, locale);
  }

  /**
   * A request for a person. Asked outright ("agent", "I want a human", the button), the visitor is
   * put through, even though an article speaks about live agents; when the message also asks
   * something else the articles answer ("how can I talk to a person at the Contact Center?"), the
   * answer comes first and the agent is offered after it.
   */
  private async agent(
    step: WaterfallStepContext<RouteOptions>,
    locale: Locale,
    via: AgentRequestSource,
    text: string,
  ): Promise<DialogTurnResult> {
    if (via === 'mention' && (await this.briefAnswer(step.context, text, locale))) {
      return step.beginDialog(AGENT_OFFER_DIALOG, {
        mode: 'offer',
        reason: 'afterAnswer',
      } satisfies AgentOfferOptions);
    }
    return step.beginDialog(AGENT_OFFER_DIALOG, { mode: 'connect' } satisfies AgentOfferOptions);
  }

  /**
   * Asks the articles and, when one answers, gives its short answer (the assistant goes on to ask
   * something else). True when an article answered.
   */
  private async briefAnswer(context: TurnContext, text: string, locale: Locale): Promise<boolean> {
    const result = await this.deps.lookup.ask(context, text, locale);
    if (result.decision !== 'answer' || !result.article) return false;
    await this.deps.presenter.send(context, result.article, locale, {
      score: result.score,
      question: text,
      mode: 'brief',
    });
    return true;
  }

  private async afterChild(step: WaterfallStepContext<RouteOptions>): Promise<DialogTurnResult> {
    const outcome = outcomeOf(step.result);
    if (outcome.next === 'reroute') return step.replaceDialog(ROUTE_WATERFALL, {} satisfies RouteOptions);
    if (outcome.next === 'offerAgent') {
      const options: AgentOfferOptions = { mode: 'offer', reason: 'afterMisses' };
      return step.replaceDialog(ROUTE_WATERFALL, {
        start: { dialogId: AGENT_OFFER_DIALOG, options },
      } satisfies RouteOptions);
    }
    return step.endDialog();
  }

  private async say(
    step: WaterfallStepContext<RouteOptions>,
    locale: Locale,
    key: string,
    outcome: ReplyOutcome,
  ): Promise<DialogTurnResult> {
    await step.context.sendActivity(textReply(locale, this.deps.text.get(locale, key), { outcome }));
    return step.endDialog();
  }
}
