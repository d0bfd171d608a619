import { h } from './dom.js';

export interface ConfirmOptions {
  /** The question, as the dialog's title ("Unpublish the Spanish version?"). */
  title: string;
  /** What it is about (an article's title), shown under the question in its own language. */
  subject?: { text: string; lang: string };
  /** What will happen, in a sentence. */
  message: string;
  /** The button that does it, naming the action ("Unpublish the Spanish version"). */
  confirm: string;
  cancel: string;
}

/**
 * Asks before an action that changes what visitors see. A modal `<dialog>` rather than
 * `window.confirm`, so its buttons speak the console's language (a browser's confirm box says
 * OK / Cancel in the browser's), and its title and message are its accessible name and
 * description. Focus starts on Cancel (the safe answer, what Enter does), Escape cancels, and
 * focus goes back to where it was when the dialog closes. Resolves true only for the confirm button.
 */
export function confirmAction(options: ConfirmOptions): Promise<boolean> {
  const returnFocus = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  const id = `confirm-${Math.random().toString(36).slice(2)}`;
  const cancel = h('button', { type: 'submit', value: 'cancel', class: 'secondary' }, options.cancel);
  const confirm = h('button', { type: 'submit', value: 'confirm' }, options.confirm);
  const dialog = h(
    'dialog',
    { class: 'confirm', 'aria-labelledby': `${id}-title`, 'aria-describedby': `${id}-message` },
    h(
      'form',
      { method: 'dialog' },
      h('h2', { id: `${id}-title` }, options.title),
      options.subject ? h('p', { class: 'subject', lang: options.subject.lang }, options.subject.text) : null,
      h('p', { id: `${id}-message` }, options.message),
      h('div', { class: 'actions' }, cancel, confirm),
    ),
  );
  document.body.append(dialog);
  return new Promise((resolve) => {
    dialog.addEventListener(
      'close',
      () => {
        dialog.remove();
        if (returnFocus?.isConnected) returnFocus.focus();
        resolve(dialog.returnValue === 'confirm');
      },
      { once: true },
    );
    dialog.showModal();
    cancel.focus();
  });
}
