import { h as element, svgElement, type Attributes, type Child } from '../shared/dom.js';

/**
 * The console's element builders: the shared ones (`shared/dom.ts`) on this page's document.
 * Strings become text nodes, never HTML: the only HTML the console inserts is the sanitised
 * Markdown preview.
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  return element(document, tag, attributes, ...children);
}

/** The same for SVG elements (the analytics chart). */
export function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: Child[]
): SVGElementTagNameMap[K] {
  return svgElement(document, tag, attributes, ...children);
}

/** A labelled form control: `<div class="field"><label for=id>…</label>control</div>`. */
export function field(id: string, label: string, control: HTMLElement, hint?: string): HTMLDivElement {
  control.id = id;
  const hintId = hint ? `${id}-hint` : undefined;
  if (hintId) control.setAttribute('aria-describedby', hintId);
  return h(
    'div',
    { class: 'field' },
    h('label', { for: id }, label),
    hint ? h('p', { class: 'hint', id: hintId }, hint) : null,
    control,
  );
}

/** A `<select>` with its options; `selected` picks one by value. */
export function select(options: Array<[value: string, label: string]>, selected?: string): HTMLSelectElement {
  return h(
    'select',
    {},
    ...options.map(([value, label]) => h('option', { value, selected: value === selected }, label)),
  );
}
