import type { ServiceRequestRecord } from '../../handoff/records.js';
export type { ServiceRequestRecord } from '../../handoff/records.js';

// Messages left for agents out of hours (service requests).

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
