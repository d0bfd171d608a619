import type { Locale } from '../protocol/agentEvents.js';

const TOKEN_KEY = 'va-agent-token';
const STATUS_KEY = 'va-agent-status';
const CHAT_KEY = 'va-agent-chat';

export type SignInResult =
  | { ok: true; token: string }
  /** The server refused (wrong password, locked...): its message, in the console's language, if it gave one. */
  | { ok: false; reason: 'refused'; message: string | null }
  /** No answer at all (offline, server down): nothing was refused, the sign-in can be tried again. */
  | { ok: false; reason: 'unreachable' };

/**
 * The console's sign-in as this browser tab keeps it: the bearer token (sessionStorage, so it ends
 * with the tab) and the status the agent chose last (a new connection starts as away, and the
 * console sets the chosen one again), the chat the agent looked at last (selected again after a
 * reload), with the sign-in and sign-out requests.
 */
export class ConsoleSession {
  constructor(
    private readonly win: Window & typeof globalThis,
    private readonly serverOrigin: string,
  ) {}

  get token(): string | null {
    return this.win.sessionStorage.getItem(TOKEN_KEY);
  }

  /** The status the agent chose last in this tab, if any. */
  get chosenStatus(): 'available' | 'away' | null {
    const status = this.win.sessionStorage.getItem(STATUS_KEY);
    return status === 'available' || status === 'away' ? status : null;
  }

  chooseStatus(status: 'available' | 'away'): void {
    this.win.sessionStorage.setItem(STATUS_KEY, status);
  }

  /** The chat selected last in this tab: after a reload it is the one in progress. */
  get selectedChat(): string | null {
    return this.win.sessionStorage.getItem(CHAT_KEY);
  }

  rememberChat(conversationId: string): void {
    this.win.sessionStorage.setItem(CHAT_KEY, conversationId);
  }

  async signIn(username: string, password: string, locale: Locale): Promise<SignInResult> {
    try {
      const response = await fetch(`${this.serverOrigin}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'accept-language': locale },
        body: JSON.stringify({ username, password }),
      });
      const body = (await response.json().catch(() => null)) as {
        token?: string;
        error?: { message?: string };
      } | null;
      if (!response.ok || !body?.token)
        return { ok: false, reason: 'refused', message: body?.error?.message ?? null };
      this.win.sessionStorage.setItem(TOKEN_KEY, body.token);
      return { ok: true, token: body.token };
    } catch {
      return { ok: false, reason: 'unreachable' };
    }
  }

  /** Forgets the token here (the server refused it, or the agent signs out). */
  forget(): void {
    this.win.sessionStorage.removeItem(TOKEN_KEY);
    this.win.sessionStorage.removeItem(CHAT_KEY);
  }

  /** Ends the sign-in on the server too; a failure to reach it still signs this tab out. */
  async signOut(): Promise<void> {
    const token = this.token;
    this.forget();
    if (!token) return;
    await fetch(`${this.serverOrigin}/api/auth/logout`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    }).catch(() => undefined);
  }
}
