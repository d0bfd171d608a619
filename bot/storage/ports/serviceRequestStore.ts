import type { Locale } from '../../../contracts/locale.js';

// Messages left for agents out of hours (service requests).

export interface ServiceRequestRecord {
  id: string;
  conversationId: string;
  locale: Locale;
  name: string;
  /** Contact details are kept here (agents need them) but masked in logs and analytics. */
  email: string | null;
  phone: string | null;
  question: string;
  urgent: boolean;
  /** YYYY-MM-DD, counted in business days from creation. */
  dueDate: string;
  status: 'open' | 'closed';
  createdAt: string;
  closedAt: string | null;
  closedBy: string | null;
}

export interface ServiceRequestStore {
  create(request: ServiceRequestRecord): Promise<void>;
  get(id: string): Promise<ServiceRequestRecord | null>;
  /** Oldest due first. */
  list(filter?: { status?: 'open' | 'closed' }): Promise<ServiceRequestRecord[]>;
  /** Null when the request does not exist or is already closed. */
  close(id: string, closedBy: string, at: string): Promise<ServiceRequestRecord | null>;
  /** Retention: deletes requests closed before `cutoff` (open ones stay until answered). Returns how many. */
  deleteClosedBefore(cutoff: string): Promise<number>;
}
