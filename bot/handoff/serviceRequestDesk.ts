import { randomUUID } from 'node:crypto';
import type { ServiceRequestStore } from '../storage/ports.js';
import type { ServiceRequestRecord } from './records.js';
import type { BusinessHours } from './businessHours/index.js';
import type { HandoffPolicy } from './handoffPolicy.js';
import { systemClock, type Clock } from '../shared/clock.js';

/**
 * What a visitor leaves out of hours (collected by the assistant's leave-a-message dialog): the
 * request's own fields, with personal data in `question` beyond the contact details already
 * masked by the caller. The desk adds the id, the due date and the open status.
 */
export type LeftMessage = Pick<
  ServiceRequestRecord,
  'conversationId' | 'locale' | 'name' | 'email' | 'phone' | 'question' | 'urgent'
>;

/** Told when the open requests change, so agents' consoles refresh their list. */
export interface ServiceRequestListener {
  requestsChanged(): Promise<void>;
}

/**
 * Messages left when no agent could chat: stored as service requests with a due date counted in
 * business days (sooner when urgent), listed for agents (oldest due first) until one closes them.
 */
export class ServiceRequestDesk {
  private readonly clock: Clock;

  constructor(
    private readonly deps: {
      requests: ServiceRequestStore;
      hours: BusinessHours;
      policy: Pick<HandoffPolicy, 'messageDueDays' | 'urgentMessageDueDays'>;
      listener: ServiceRequestListener;
      clock?: Clock;
      newId?: () => string;
    },
  ) {
    this.clock = deps.clock ?? systemClock;
  }

  /** The date (YYYY-MM-DD) a message left now would be due. */
  dueDate(urgent: boolean): string {
    const days = urgent ? this.deps.policy.urgentMessageDueDays : this.deps.policy.messageDueDays;
    return this.deps.hours.addBusinessDays(this.clock.now(), days);
  }

  async leave(message: LeftMessage): Promise<ServiceRequestRecord> {
    const record: ServiceRequestRecord = {
      id: (this.deps.newId ?? randomUUID)(),
      conversationId: message.conversationId,
      locale: message.locale,
      name: message.name.slice(0, 200),
      email: message.email?.slice(0, 320) ?? null,
      phone: message.phone?.slice(0, 50) ?? null,
      question: message.question.slice(0, 4000),
      urgent: message.urgent,
      dueDate: this.dueDate(message.urgent),
      status: 'open',
      createdAt: this.clock.now().toISOString(),
      closedAt: null,
      closedBy: null,
    };
    await this.deps.requests.create(record);
    await this.deps.listener.requestsChanged();
    return record;
  }

  /** Open requests, urgent first, then oldest due first. */
  async open(): Promise<ServiceRequestRecord[]> {
    const open = await this.deps.requests.list({ status: 'open' });
    return [...open].sort(
      (a, b) => Number(b.urgent) - Number(a.urgent) || a.dueDate.localeCompare(b.dueDate),
    );
  }

  /** Null when it does not exist or someone closed it already. */
  async close(id: string, agentId: string): Promise<ServiceRequestRecord | null> {
    const closed = await this.deps.requests.close(id, agentId, this.clock.now().toISOString());
    if (closed) await this.deps.listener.requestsChanged();
    return closed;
  }
}
