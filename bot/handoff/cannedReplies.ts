import type { Locale } from '../../contracts/locale.js';
import { randomUUID } from 'node:crypto';
import { isStoreError } from '../storage/errors.js';
import type { AuditStore, CannedReplyStore, Role } from '../storage/ports.js';
import type { CannedReply } from './records.js';
import { HandoffError } from './handoffError.js';
import type { Clock } from '../shared/clock.js';

/** Most canned replies one language may have: a list agents can still search at a glance. */
export const MAX_CANNED_PER_LOCALE = 100;
export const MAX_CANNED_TITLE_LENGTH = 80;
export const MAX_CANNED_TEXT_LENGTH = 1000;

const LOCALES: readonly Locale[] = ['en', 'es'];

/** Who changes canned replies: a signed-in user, whose roles are checked here too. */
export interface CannedActor {
  userId: string;
  username: string;
  roles: readonly Role[];
}

/** A reply as an admin writes it: a new one without `id`, a change with it. */
export interface CannedDraft {
  id?: string;
  locale: Locale;
  /** Cleaned and within the limits by the edge. */
  title: string;
  text: string;
}

/** The replies the product starts with, per language, until an admin has managed them. */
export type CannedDefaults = Record<Locale, ReadonlyArray<{ title: string; text: string }>>;

/**
 * The canned replies agents insert in chats, per language, managed by admins: every change is
 * checked against the actor's roles, stored, and written to the audit log (who, what, which).
 * The product starts with a few defaults, seeded once: not audited, as nobody changed anything
 * (the audit log holds what people did; the start-up log says the defaults were stored).
 */
export class CannedReplies {
  constructor(
    private readonly deps: {
      replies: CannedReplyStore;
      audit: AuditStore;
      clock: Clock;
      newId?: () => string;
    },
  ) {}

  /** By language, then title. */
  list(): Promise<CannedReply[]> {
    return this.deps.replies.list();
  }

  /** Creates (no `id`) or changes a reply. */
  async save(actor: CannedActor, draft: CannedDraft): Promise<CannedReply> {
    requireAdmin(actor);
    const at = this.deps.clock.now().toISOString();
    if (draft.id) {
      const current = await this.deps.replies.get(draft.id);
      // A reply keeps its language: moving it would be a new reply in the other list.
      if (!current || current.locale !== draft.locale) throw new HandoffError('canned_not_found');
      const updated = await this.deps.replies.update(draft.id, {
        title: draft.title,
        text: draft.text,
        updatedAt: at,
        updatedBy: actor.userId,
      });
      if (!updated) throw new HandoffError('canned_not_found');
      await this.record(actor.username, 'canned.update', updated, { from: current.title });
      return updated;
    }
    if ((await this.deps.replies.count(draft.locale)) >= MAX_CANNED_PER_LOCALE)
      throw new HandoffError('canned_limit', 'canned_limit', { max: MAX_CANNED_PER_LOCALE });
    const reply: CannedReply = {
      id: (this.deps.newId ?? randomUUID)(),
      locale: draft.locale,
      title: draft.title,
      text: draft.text,
      createdAt: at,
      updatedAt: at,
      updatedBy: actor.userId,
    };
    await this.deps.replies.create(reply);
    await this.record(actor.username, 'canned.create', reply);
    return reply;
  }

  async delete(actor: CannedActor, id: string): Promise<void> {
    requireAdmin(actor);
    const current = await this.deps.replies.get(id);
    if (!current || !(await this.deps.replies.delete(id))) throw new HandoffError('canned_not_found');
    await this.record(actor.username, 'canned.delete', current);
  }

  /**
   * Stores the defaults when canned replies were never managed here: none stored and no admin's
   * change of them in the audit log (an admin who deleted them all does not get them back). Their ids are fixed, so instances starting together store each once.
   */
  async seedIfNeverManaged(defaults: CannedDefaults): Promise<number> {
    const managed = await this.deps.audit.list({ action: 'canned', limit: 1 });
    const stored = (await this.deps.replies.count('en')) + (await this.deps.replies.count('es'));
    if (managed.length > 0 || stored > 0) return 0;
    const at = this.deps.clock.now().toISOString();
    let seeded = 0;
    for (const locale of LOCALES) {
      for (const [index, item] of defaults[locale].entries()) {
        const reply: CannedReply = {
          id: `default-${locale}-${index + 1}`,
          locale,
          title: item.title.slice(0, MAX_CANNED_TITLE_LENGTH),
          text: item.text.slice(0, MAX_CANNED_TEXT_LENGTH),
          createdAt: at,
          updatedAt: at,
          updatedBy: 'system',
        };
        try {
          await this.deps.replies.create(reply);
        } catch (error) {
          if (isStoreError(error, 'duplicate')) continue;
          throw error;
        }
        seeded += 1;
      }
    }
    return seeded;
  }

  private async record(
    actor: string,
    action: string,
    reply: CannedReply,
    extra: Record<string, string> = {},
  ): Promise<void> {
    await this.deps.audit.record({
      id: randomUUID(),
      at: this.deps.clock.now().toISOString(),
      actor,
      action,
      target: reply.id,
      details: JSON.stringify({ locale: reply.locale, title: reply.title, ...extra }),
    });
  }
}

function requireAdmin(actor: CannedActor): void {
  if (!actor.roles.includes('admin')) throw new HandoffError('admin_only');
}
