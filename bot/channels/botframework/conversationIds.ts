/**
 * Conversations are owned by their channel. Widget conversations are named by UUIDs the service
 * generates (visitorSessions.ts); a Bot Framework channel names its own conversations, and a
 * request may name anything. So that a Bot Framework request can never reach a widget
 * conversation, an id of the widget's form coming from the Bot Framework is kept under a prefix:
 * it is another conversation. Ids already starting with the prefix are prefixed too, so the
 * mapping stays one to one; every other id (what the Emulator, Teams or Direct Line send) is kept
 * as it is.
 */
const PREFIX = 'botframework:';
const WIDGET_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The product's id of the conversation a Bot Framework channel calls `channelId`. */
export function productConversationId(channelId: string): string {
  return WIDGET_ID.test(channelId) || channelId.startsWith(PREFIX) ? `${PREFIX}${channelId}` : channelId;
}

/** The channel's own id of a Bot Framework conversation the product calls `productId`. */
export function channelConversationId(productId: string): string {
  return productId.startsWith(PREFIX) ? productId.slice(PREFIX.length) : productId;
}
