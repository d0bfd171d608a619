import type { Logger } from '../logging/logger.js';
import { PeriodicTask } from '../shared/periodicTask.js';
import type { ArticleStore } from '../storage/ports.js';

export interface KnowledgeChangeWatcherDeps {
  articles: Pick<ArticleStore, 'contentVersion'>;
  /** What visitors are answered from (PublishedKnowledge). */
  knowledge: { refresh(): Promise<{ articles: number }> };
  intervalMs: number;
  logger: Logger;
}

/**
 * Keeps this instance's answer index in step with the articles in the store. A publish rebuilds
 * the index on the instance that handled the editor's request; with several instances on one
 * store, the others learn of it here: every `intervalMs` one cheap read of the store's content
 * version, and a refresh when it moved since the last one. With one instance it only catches what
 * did not go through this instance's editor API (a draft save moves the version too: one extra
 * rebuild, harmless).
 *
 * Every refresh goes through here (start-up and publishes too), one at a time, and reads the
 * version *before* the articles: a change landing in between is then in the index already, or
 * moves the version again and is picked up by the next check. Never the other way round, which
 * could remember a version newer than what was indexed and miss that change for good.
 */
export class KnowledgeChangeWatcher {
  private seen: string | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  /** A slow rebuild never piles checks up behind it: a tick during a check gets that check. */
  private readonly timer: PeriodicTask;

  constructor(private readonly deps: KnowledgeChangeWatcherDeps) {
    this.timer = new PeriodicTask({
      name: 'article change check',
      intervalMs: deps.intervalMs,
      run: () => this.check(),
      logger: deps.logger,
    });
  }

  /** Rebuilds now, whatever the version (start-up, after a publish on this instance). */
  refresh(): Promise<{ articles: number }> {
    return this.serially(async () => {
      const version = await this.deps.articles.contentVersion();
      const result = await this.deps.knowledge.refresh();
      this.seen = version;
      return result;
    });
  }

  /** One check: rebuilds only when the articles changed since the last rebuild. True when it did. */
  check(): Promise<boolean> {
    return this.serially(async () => {
      const version = await this.deps.articles.contentVersion();
      if (version === this.seen) return false;
      const { articles } = await this.deps.knowledge.refresh();
      this.seen = version;
      this.deps.logger.info({ articles }, 'answer index rebuilt: the articles changed in the store');
      return true;
    });
  }

  /** Checks every `intervalMs` on an unref'd timer: it never keeps the process alive. */
  start(): void {
    this.timer.start();
  }

  /** Stops the timer and waits for a check or refresh in progress, so the store is not closed under it. */
  async stop(): Promise<void> {
    await this.timer.stop();
    await this.queue;
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
