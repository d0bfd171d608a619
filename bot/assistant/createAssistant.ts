import { UserState, type Storage } from 'botbuilder';
import type { BusinessHours } from '../handoff/businessHours/index.js';
import type { CaseStatusProvider } from '../cases/index.js';
import type { I18n } from '../i18n/i18n.js';
import type { Logger } from '../logging/logger.js';
import type { AnalyticsStore, FeedbackStore } from '../storage/ports.js';
import { calibrationFor } from '../../knowledge/engine/index.js';
import { JudgementDetector } from '../../knowledge/engine/index.js';
import { KNOWLEDGE_CALIBRATION } from '../../knowledge/engine/index.js';
import type { AnswerSource, ArticleCatalog } from './answerSource.js';
import { AnswerLookup } from './answerLookup.js';
import { ArticlePresenter } from './articlePresenter.js';
import { AssistantAnalytics } from './assistantAnalytics.js';
import { AssistantBot } from './assistantBot.js';
import { AssistantText } from './assistantText.js';
import { CaseStatusReplies } from './caseStatusReplies.js';
import { ConversationCommands } from './conversationCommands.js';
import { ConversationContext } from './conversationContext.js';
import { ConversationMemory } from './conversationMemory.js';
import { AgentOfferDialog } from './dialogs/agentOfferDialog.js';
import { CaseStatusDialog } from './dialogs/caseStatusDialog.js';
import { ClarifyDialog } from './dialogs/clarifyDialog.js';
import { MainDialog } from './dialogs/mainDialog.js';
import { QuestionDialog } from './dialogs/questionDialog.js';
import { FeedbackCollector } from './feedbackCollector.js';
import { AskedCost } from './followUps/askedCost.js';
import { SameDetailFollowUp } from './followUps/sameDetail.js';
import { AspectPassages } from './followUps/aspectPassages.js';
import { FollowUpReplies } from './followUps/followUpReplies.js';
import type { PassageSource } from './followUps/passageSource.js';
import { LanguageDetector } from './languageDetector.js';
import { MessageTurnConversationState } from './messageTurnState.js';
import { LanguageSwitch, type ConversationLanguageStore } from './languageSwitch.js';
import { LiveAgentAlternatives } from './liveAgentAlternatives.js';
import type { LiveAgentGateway } from '../handoff/liveAgentGateway.js';
import type { HandoffText } from '../handoff/handoffText.js';
import type { LeaveMessageOffer } from '../handoff/leaveMessageOffer.js';
import type { ServiceRequestDesk } from '../handoff/serviceRequestDesk.js';
import { LeaveMessageDialog } from './dialogs/leaveMessageDialog.js';
import { MessageRecognizer } from './messageRecognizer.js';
import { TopicReference } from './followUps/topicReference.js';
import { Phrasebook } from './phrasebook.js';
import { Prompter } from './prompts/prompter.js';
import { ReplyReader } from './prompts/replyReader.js';
import { WelcomeMessage } from './welcomeMessage.js';
import { systemClock, type Clock } from '../shared/clock.js';

export interface AssistantDeps {
  i18n: I18n;
  /** botbuilder Storage for conversation and user state (the store's `botState` in the app). */
  storage: Storage;
  answers: AnswerSource;
  catalog: ArticleCatalog;
  caseStatus: CaseStatusProvider;
  businessHours: BusinessHours;
  /** Only writes: a rehearsal (the editors' preview) passes sinks that keep nothing. */
  analytics: Pick<AnalyticsStore, 'record'>;
  feedback: Pick<FeedbackStore, 'add'>;
  logger: Logger;
  /** Live-agent handoff; without it the visitor is told the hours and the other ways to get help. */
  liveAgent?: LiveAgentGateway;
  /** Messages left for agents when none can chat (the handoff's service requests). */
  leaveMessage?: { desk: ServiceRequestDesk; offer: LeaveMessageOffer; text: HandoffText };
  /** The stored conversation record's language, kept in step with the assistant's. */
  conversationLanguage?: ConversationLanguageStore;
  /** The answer engine's passage finder, for follow-ups on the current topic. */
  passages: PassageSource;
  clock?: Clock;
}

/** Wires the assistant's parts together: the one place that knows which dialog needs what. */
export function createAssistant(deps: AssistantDeps): AssistantBot {
  const clock = deps.clock ?? systemClock;
  const conversationState = new MessageTurnConversationState(deps.storage);
  const userState = new UserState(deps.storage);
  const memory = new ConversationMemory(conversationState, userState);
  const text = new AssistantText(deps.i18n);
  const phrasebook = new Phrasebook(deps.i18n);
  const analytics = new AssistantAnalytics(deps.analytics, deps.logger, clock);
  const presenter = new ArticlePresenter(text, deps.catalog, memory);
  const lookup = new AnswerLookup(deps.answers, analytics, memory, deps.passages);
  const welcome = new WelcomeMessage(text);
  const alternatives = new LiveAgentAlternatives(text, deps.businessHours, clock);
  const commands = new ConversationCommands(text, memory, welcome, alternatives);
  const prompter = new Prompter(text, deps.catalog, memory);
  const reader = new ReplyReader(phrasebook, prompter);
  const context = new ConversationContext(memory, phrasebook);
  const caseReplies = new CaseStatusReplies(text);
  const aspects = new AspectPassages(text, deps.passages);
  const followUps = new FollowUpReplies({
    text,
    catalog: deps.catalog,
    presenter,
    analytics,
    caseReplies,
    context,
    aspects,
  });

  const language = new LanguageSwitch({
    memory,
    text,
    prompter,
    catalog: deps.catalog,
    presenter,
    caseReplies,
    followUps,
    ...(deps.conversationLanguage ? { store: deps.conversationLanguage } : {}),
    onStoreError: (error) => deps.logger.warn({ err: error }, 'could not store the conversation language'),
  });
  const languageDetector = new LanguageDetector({ phrasebook });

  const clarify = new ClarifyDialog({
    memory,
    text,
    prompter,
    catalog: deps.catalog,
    presenter,
    context,
    passages: deps.passages,
  });
  const question = new QuestionDialog(
    {
      memory,
      text,
      lookup,
      presenter,
      catalog: deps.catalog,
      judgement: new JudgementDetector(),
      topicReference: new TopicReference(context, phrasebook, deps.catalog),
      context,
      clarifyThreshold: (locale) => calibrationFor(KNOWLEDGE_CALIBRATION, locale).thresholds.clarify,
      surelyWrittenIn: (message) => languageDetector.surelyWrittenIn(message),
      language,
      askedCost: new AskedCost(phrasebook, aspects),
    },
    clarify,
  );
  const caseStatus = new CaseStatusDialog({
    memory,
    text,
    phrasebook,
    prompter,
    provider: deps.caseStatus,
    replies: caseReplies,
    analytics,
    context,
  });
  const agentOffer = new AgentOfferDialog({
    memory,
    text,
    prompter,
    context,
    analytics,
    alternatives,
    ...(deps.liveAgent ? { gateway: deps.liveAgent } : {}),
    ...(deps.leaveMessage ? { leaveMessageOffer: deps.leaveMessage.offer } : {}),
  });
  const leaveMessage = deps.leaveMessage
    ? new LeaveMessageDialog({
        memory,
        phrasebook,
        prompter,
        reader,
        context,
        text: deps.leaveMessage.text,
        desk: deps.leaveMessage.desk,
      })
    : undefined;
  const dialog = new MainDialog(
    {
      memory,
      text,
      phrasebook,
      recognizer: new MessageRecognizer(phrasebook),
      commands,
      lookup,
      catalog: deps.catalog,
      presenter,
      context,
      followUps,
      sameDetail: new SameDetailFollowUp(phrasebook, text, memory),
      caseReplies,
    },
    { question, caseStatus, agentOffer, ...(leaveMessage ? { leaveMessage } : {}) },
  );

  return new AssistantBot({
    conversationState,
    userState,
    memory,
    dialog,
    text,
    phrasebook,
    languageDetector,
    language,
    prompter,
    reader,
    context,
    catalog: deps.catalog,
    analytics,
    welcome,
    feedback: new FeedbackCollector(deps.feedback, clock),
    logger: deps.logger,
  });
}
