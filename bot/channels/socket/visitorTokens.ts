import { createHash, randomBytes } from 'node:crypto';

/**
 * A visitor's resume token: 32 random bytes (256 bits, never guessable), base64url. The visitor
 * keeps it in sessionStorage; the store keeps only its SHA-256, so a copy of the database cannot
 * be used to take over a conversation.
 */
export function newVisitorToken(): string {
  return randomBytes(32).toString('base64url');
}

/** SHA-256 (hex) of a token: what `ConversationRecord.tokenHash` holds. */
export function hashVisitorToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
