type Child = Node | string | null | undefined | false;

/**
 * Builds an element: attributes (`true` for a bare attribute, `false`/undefined to leave it out)
 * and children (strings become text nodes, never HTML).
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  attributes: Record<string, string | number | boolean | undefined> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = doc.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(typeof child === 'string' ? doc.createTextNode(child) : child);
  }
  return element;
}

/**
 * Says `text` to screen readers through a polite live region: one new node per announcement
 * (screen readers read additions, and a repeated text still counts), the last three kept.
 */
export function announce(live: HTMLElement, text: string): void {
  if (!text) return;
  live.append(h(live.ownerDocument, 'p', {}, text));
  while (live.childElementCount > 3) live.firstElementChild?.remove();
}

/** A random id for a message: 16 bytes, base64url (works without a secure context, unlike randomUUID). */
export function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
