/** What an element builder takes as children: strings become text nodes, never HTML. */
export type Child = Node | string | null | undefined | false;
/** Attributes: `true` for a bare attribute, `false`/undefined to leave it out. */
export type Attributes = Record<string, string | number | boolean | undefined>;

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * Builds an element of `doc` with its attributes and children. The three UIs build all their
 * markup this way: the only HTML they insert is what the shared Markdown renderer sanitised.
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  doc: Document,
  tag: K,
  attributes: Attributes = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  return fill(doc, doc.createElement(tag), attributes, children);
}

/** The same for SVG elements (icons, the analytics chart). */
export function svgElement<K extends keyof SVGElementTagNameMap>(
  doc: Document,
  tag: K,
  attributes: Attributes = {},
  ...children: Child[]
): SVGElementTagNameMap[K] {
  return fill(doc, doc.createElementNS(SVG_NS, tag), attributes, children);
}

function fill<E extends Element>(doc: Document, element: E, attributes: Attributes, children: Child[]): E {
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
 * A polite live region (visually hidden by `srOnlyClass`): what `announce` writes into. Polite and
 * additions only, so an announcement waits for the screen reader to finish and is read once.
 */
export function liveRegion(doc: Document, srOnlyClass: string): HTMLDivElement {
  return h(doc, 'div', { class: srOnlyClass, 'aria-live': 'polite', 'aria-relevant': 'additions' });
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
