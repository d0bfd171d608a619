import type { I18n } from '../i18n/i18n.js';
import type { Logger } from '../logging/logger.js';
import type { Store } from '../storage/ports.js';
import { AgentPresenceService } from './agentPresenceService.js';
import type { BusinessHours } from './businessHours/index.js';
import { CannedReplies } from './cannedReplies.js';
import { ChatNotes } from './chatNotes.js';
import { HandoffEventHub } from './handoffEventHub.js';
import { HandoffGateway } from './handoffGateway.js';
import type { HandoffPolicy } from './handoffPolicy.js';
import { HandoffService } from './handoffService.js';
import { HandoffText } from './handoffText.js';
import { LeaveMessageOffer } from './leaveMessageOffer.js';
import { LiveChatRouter } from './liveChatRouter.js';
import { ServiceRequestDesk } from './serviceRequestDesk.js';
import { VisitorContextReader } from './visitorContext.js';
import type { Clock } from '../shared/clock.js';

export interface HandoffDeps {
  store: Pick<
    Store,
    'handoff' | 'presence' | 'conversations' | 'serviceRequests' | 'chatNotes' | 'cannedReplies' | 'audit'
  >;
  hours: BusinessHours;
  policy: HandoffPolicy;
  i18n: I18n;
  logger: Logger;
  instanceId: string;
  clock: Clock;
}

/**
 * The handoff's parts, wired: what the composition root hands to the assistant, the channels'
 * routing middleware and the agent channel. None of them knows a framework.
 */
export interface Handoff {
  /** The queue and its state machine: requests, routing, accepting, ending, transfers, sweeps. */
  service: HandoffService;
  /** Agents' presence: connections, chosen status, heartbeats. */
  presence: AgentPresenceService;
  /** The assistant's way in (plain data: the conversation, its locale, the question). */
  gateway: HandoffGateway;
  /** Where each visitor turn goes while a live chat is on (asked by every channel's middleware). */
  router: LiveChatRouter;
  desk: ServiceRequestDesk;
  /** Private notes on live chats (and transfer notes). */
  notes: ChatNotes;
  /** What the agent of a chat is shown about its visitor. */
  context: VisitorContextReader;
  /** The canned replies agents insert, managed by admins. */
  canned: CannedReplies;
  leaveOffer: LeaveMessageOffer;
  text: HandoffText;
  /** What the handoff decided, for whoever tells agents and visitors (the agent channel subscribes). */
  events: Pick<HandoffEventHub, 'subscribe'>;
}

export function createHandoff(deps: HandoffDeps): Handoff {
  const events = new HandoffEventHub(deps.logger);
  const text = new HandoffText(deps.i18n);
  const service = new HandoffService({
    handoff: deps.store.handoff,
    presence: deps.store.presence,
    hours: deps.hours,
    policy: deps.policy,
    events,
    logger: deps.logger,
    clock: deps.clock,
  });
  const presence = new AgentPresenceService({
    presence: deps.store.presence,
    chats: deps.store.handoff,
    policy: deps.policy,
    events,
    routing: service,
    instanceId: deps.instanceId,
    clock: deps.clock,
  });
  const desk = new ServiceRequestDesk({
    requests: deps.store.serviceRequests,
    hours: deps.hours,
    policy: deps.policy,
    listener: events,
    clock: deps.clock,
  });
  return {
    service,
    presence,
    gateway: new HandoffGateway({
      service,
      conversations: deps.store.conversations,
      text,
      logger: deps.logger,
    }),
    router: new LiveChatRouter({ service, text }),
    desk,
    notes: new ChatNotes({
      notes: deps.store.chatNotes,
      conversations: deps.store.conversations,
      service,
      clock: deps.clock,
    }),
    context: new VisitorContextReader({ conversations: deps.store.conversations, service }),
    canned: new CannedReplies({
      replies: deps.store.cannedReplies,
      audit: deps.store.audit,
      clock: deps.clock,
    }),
    leaveOffer: new LeaveMessageOffer(text, desk),
    text,
    events,
  };
}
