import type { Locale } from '../../contracts/locale.js';
import { currentSignIn, signIn, signOut, type ConsoleSignIn } from '../shared/consoleSignIn.js';

const STATUS_KEY = 'va-agent-status';
const CHAT_KEY = 'va-agent-chat';

export type SignInResult =
  | { ok: true }
  /** The server refused (wrong password, locked...): its message, in the console's language, if it gave one. */
  | { ok: false; reason: 'refused'; message: string | null }
  /** No answer at all (offline, server down): nothing was refused, the sign-in can be tried again. */
  | { ok: false; reason: 'unreachable' };

/**
 * The agent console's sign-in as this tab holds it. The session itself is the HttpOnly cookie the
 * consoles share (see `shared/consoleSignIn.ts`); this tab keeps only the sign-in's CSRF token, in
 * memory, and, in sessionStorage, the status the agent chose last (a new connection starts as
 * away, and the console sets the chosen one again) and the chat the agent looked at last (selected
 * again after a reload).
 */
export class ConsoleSession {
  private signIn: ConsoleSignIn | null = null;

  constructor(
    private readonly win: Window & typeof globalThis,
    private readonly serverOrigin: string,
  ) {}

  /** Whether this tab acts for a sign-in now. */
  get signedIn(): boolean {
    return this.signIn !== null;
  }

  /** The signed-in user's id, if any. */
  get userId(): string | null {
    return this.signIn?.user.userId ?? null;
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

  /** Signs in with a password; the answer's cookie signs in every tab of this browser. */
  async signInWith(username: string, password: string, locale: Locale): Promise<SignInResult> {
    const outcome = await signIn(this.serverOrigin, username, password, locale);
    if (!outcome.ok) return outcome;
    this.signIn = outcome.signIn;
    return { ok: true };
  }

  /** The sign-in this browser has now (another tab signed in), taken up by this tab; null if none. */
  async join(locale: Locale): Promise<ConsoleSignIn | null> {
    const current = await currentSignIn(this.serverOrigin, locale);
    if (current) this.signIn = current;
    return current;
  }

  /** Forgets the sign-in here (the server refused it, or it ended in another tab). */
  forget(): void {
    this.signIn = null;
    this.win.sessionStorage.removeItem(CHAT_KEY);
  }

  /** Ends the sign-in on the server, for every tab; a failure to reach it still signs this tab out. */
  async signOut(): Promise<void> {
    const csrfToken = this.signIn?.csrfToken;
    this.forget();
    if (csrfToken) await signOut(this.serverOrigin, csrfToken);
  }
}
