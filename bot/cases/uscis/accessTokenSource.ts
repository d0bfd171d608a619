/**
 * OAuth 2.0 client-credentials tokens for the Case Status API: fetched once, reused until shortly
 * before they expire, shared by concurrent lookups (one token request however many lookups wait
 * for it), and dropped when the API refuses them (401) so the next call fetches a new one.
 */
import { z } from 'zod';
import type { HttpAnswer, SendOutcome, SendRequest } from './uscisHttpSender.js';

export type TokenResult =
  | { kind: 'token'; token: string }
  /** The request did not produce an answer (timeout, network, local limits). */
  | { kind: 'no_answer'; outcome: Exclude<SendOutcome, { kind: 'answer' }> }
  /** The token endpoint answered with an error status. */
  | { kind: 'refused'; answer: HttpAnswer }
  /** 2xx, but not a token we can use. */
  | { kind: 'unreadable' };

export interface AccessTokenSourceOptions {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  /** Renew this long before expiry (at most half the lifetime), so no request carries a dying token. */
  refreshMarginMs: number;
  send: SendRequest;
  now: () => number;
}

/** When an answer has no usable `expires_in`: long enough not to spend the daily budget on tokens. */
const DEFAULT_LIFETIME_MS = 10 * 60_000;

const tokenAnswerSchema = z.looseObject({
  access_token: z.string().trim().min(1),
  // Sent as a string ("3599"); accept a number too.
  expires_in: z.union([z.string(), z.number()]).optional(),
});

function lifetimeMs(expiresIn: string | number | undefined): number {
  const seconds = Number(expiresIn);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : DEFAULT_LIFETIME_MS;
}

export class AccessTokenSource {
  #cached: { token: string; renewAt: number } | null = null;
  #pending: Promise<TokenResult> | null = null;

  constructor(private readonly options: AccessTokenSourceOptions) {}

  get(): Promise<TokenResult> {
    if (this.#cached && this.options.now() < this.#cached.renewAt) {
      return Promise.resolve({ kind: 'token', token: this.#cached.token });
    }
    this.#pending ??= this.#request().finally(() => {
      this.#pending = null;
    });
    return this.#pending;
  }

  /** The API refused `token`: forget it, unless another lookup already replaced it. */
  invalidate(token: string): void {
    if (this.#cached?.token === token) this.#cached = null;
  }

  async #request(): Promise<TokenResult> {
    const { tokenUrl, clientId, clientSecret, refreshMarginMs, send, now } = this.options;
    const requestedAt = now();
    const outcome = await send(tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: clientId,
        client_secret: clientSecret,
      }).toString(),
    });
    if (outcome.kind !== 'answer') return { kind: 'no_answer', outcome };
    const { status } = outcome.answer;
    if (status < 200 || status > 299) return { kind: 'refused', answer: outcome.answer };
    let json: unknown;
    try {
      json = JSON.parse(outcome.answer.body);
    } catch {
      return { kind: 'unreadable' };
    }
    const parsed = tokenAnswerSchema.safeParse(json);
    if (!parsed.success) return { kind: 'unreadable' };
    const lifetime = lifetimeMs(parsed.data.expires_in);
    // Counted from when we asked, not from `issued_at`: our clock, no skew with the server's.
    const renewAt = requestedAt + lifetime - Math.min(refreshMarginMs, lifetime / 2);
    this.#cached = { token: parsed.data.access_token, renewAt };
    return { kind: 'token', token: parsed.data.access_token };
  }
}
