/**
 * What the widget keeps across page reloads in one tab: the conversation token, the chosen
 * language, messages not yet acknowledged, whether the panel was open. sessionStorage, so it
 * ends with the tab and is never shared with another tab; keys carry the server's origin so two
 * widgets on one page cannot mix their conversations. Where sessionStorage is unavailable
 * (blocked storage, some private modes), a tab-lifetime memory map keeps the widget working.
 */
export class WidgetStorage {
  private readonly memory = new Map<string, string>();
  private readonly prefix: string;

  constructor(
    serverOrigin: string,
    private readonly storage: Storage | null = safeSessionStorage(),
  ) {
    this.prefix = `va-widget:${serverOrigin}:`;
  }

  get(key: string): string | null {
    try {
      if (this.storage) return this.storage.getItem(this.prefix + key);
    } catch {
      // Fall through to memory.
    }
    return this.memory.get(key) ?? null;
  }

  set(key: string, value: string | null): void {
    if (value === null) this.memory.delete(key);
    else this.memory.set(key, value);
    try {
      if (value === null) this.storage?.removeItem(this.prefix + key);
      else this.storage?.setItem(this.prefix + key, value);
    } catch {
      // Quota or blocked storage: memory still has it for this page.
    }
  }

  getJson<T>(key: string, check: (value: unknown) => value is T): T | null {
    const text = this.get(key);
    if (text === null) return null;
    try {
      const value: unknown = JSON.parse(text);
      return check(value) ? value : null;
    } catch {
      return null;
    }
  }

  setJson(key: string, value: unknown): void {
    this.set(key, JSON.stringify(value));
  }
}

function safeSessionStorage(): Storage | null {
  try {
    const storage = window.sessionStorage;
    const probe = '__va_probe__';
    storage.setItem(probe, probe);
    storage.removeItem(probe);
    return storage;
  } catch {
    return null;
  }
}
