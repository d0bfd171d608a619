import {
  CSRF_HEADER,
  type LoginResponse,
  type MeResponse,
  type SignedInUser,
} from '../../contracts/adminApi.js';

/**
 * The consoles' shared sign-in, as a browser sees it. The session token lives only in the HttpOnly
 * cookie the server sets (no script here can read it); what a page keeps is the sign-in's CSRF
 * token, in memory, sent with every change. A newly opened tab, of either console, joins the
 * sign-in by asking who is signed in, and every tab hears at once when another signs in or out.
 */

/** A sign-in this page can act for: the user, and the CSRF token to send with changes. */
export interface ConsoleSignIn {
  user: SignedInUser;
  csrfToken: string;
}

export type SignInOutcome =
  | { ok: true; signIn: ConsoleSignIn }
  /** The server refused (wrong password, locked...): its message, in the console's language, if it gave one. */
  | { ok: false; reason: 'refused'; message: string | null }
  /** No answer at all (offline, server down): nothing was refused, the sign-in can be tried again. */
  | { ok: false; reason: 'unreachable' };

/** Signs in with a password; the answer's cookie signs in every tab of this browser. */
export async function signIn(
  serverOrigin: string,
  username: string,
  password: string,
  locale: string,
): Promise<SignInOutcome> {
  try {
    const response = await fetch(`${serverOrigin}/api/auth/login`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', 'accept-language': locale },
      body: JSON.stringify({ username, password }),
    });
    const body = (await response.json().catch(() => null)) as
      (LoginResponse & { error?: { message?: string } }) | null;
    if (!response.ok || !body?.csrfToken)
      return { ok: false, reason: 'refused', message: body?.error?.message ?? null };
    return { ok: true, signIn: { user: body.user, csrfToken: body.csrfToken } };
  } catch {
    return { ok: false, reason: 'unreachable' };
  }
}

/** The sign-in this browser already has (another tab signed in), or null. */
export async function currentSignIn(serverOrigin: string, locale: string): Promise<ConsoleSignIn | null> {
  try {
    const response = await fetch(`${serverOrigin}/api/auth/me`, {
      credentials: 'same-origin',
      headers: { accept: 'application/json', 'accept-language': locale },
    });
    if (!response.ok) return null;
    const body = (await response.json()) as MeResponse;
    return body.csrfToken ? { user: body.user, csrfToken: body.csrfToken } : null;
  } catch {
    return null;
  }
}

/** Ends the sign-in on the server, for every tab; a failure to reach it still signs this page out. */
export async function signOut(serverOrigin: string, csrfToken: string): Promise<void> {
  await fetch(`${serverOrigin}/api/auth/logout`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { [CSRF_HEADER]: csrfToken },
  }).catch(() => undefined);
}

export type SignInChange = 'signed-in' | 'signed-out';

const CHANNEL_NAME = 'va-console-sign-in';

/**
 * Tells the other tabs of this browser (both consoles) that this one signed in or out, and hears
 * theirs: a sign-out shows the sign-in page everywhere at once, a sign-in lets a tab waiting at the
 * sign-in page in without a password. Without BroadcastChannel a tab learns at its next request.
 */
export class SignInChannel {
  private readonly channel: BroadcastChannel | null;

  constructor(win: Window & typeof globalThis, onChange: (change: SignInChange) => void) {
    this.channel = typeof win.BroadcastChannel === 'function' ? new win.BroadcastChannel(CHANNEL_NAME) : null;
    this.channel?.addEventListener('message', (event: MessageEvent<unknown>) => {
      if (event.data === 'signed-in' || event.data === 'signed-out') onChange(event.data);
    });
  }

  tell(change: SignInChange): void {
    this.channel?.postMessage(change);
  }

  close(): void {
    this.channel?.close();
  }
}
