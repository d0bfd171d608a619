import { h } from '../shared/dom.js';

/**
 * The chat panel: a labelled, non-modal dialog (the page stays usable) holding the other views
 * in order. Escape anywhere in it closes it.
 */
export class PanelView {
  readonly element: HTMLElement;

  constructor(doc: Document, parts: HTMLElement[], onEscape: () => void) {
    this.element = h(
      doc,
      'section',
      {
        class: 'va-panel',
        id: 'va-panel',
        role: 'dialog',
        'aria-labelledby': 'va-title',
        'aria-describedby': 'va-notice',
        hidden: true,
      },
      ...parts,
    );
    this.element.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        onEscape();
      }
    });
  }

  get isOpen(): boolean {
    return !this.element.hidden;
  }

  setOpen(open: boolean): void {
    this.element.hidden = !open;
  }
}
