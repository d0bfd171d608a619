import { h } from './dom.js';
import { ApiError, failureMessage } from './editorApi.js';
import type { TFunction } from './editorStrings.js';

/**
 * Shows why a form was refused in its error summary (`summary`, a role="alert" element): a
 * heading line, then one item per bad field, each a link that moves focus to the field, which is
 * marked aria-invalid. `controls` maps the API's field names (`body.<name>`) to the form's
 * controls and their labels; a problem with no control of its own is listed as the API said it.
 */
export function showFieldErrors(
  summary: HTMLElement,
  t: TFunction,
  error: unknown,
  intro: string,
  controls: Record<string, { control: HTMLElement; label: string }>,
): void {
  clearFieldErrors(summary, controls);
  const fields = error instanceof ApiError && error.status === 400 ? error.fields : [];
  if (fields.length === 0) {
    summary.append(h('p', {}, failureMessage(t, error)));
    return;
  }
  const items = fields.map((problem) => {
    const name = /^body\.([A-Za-z]+)/.exec(problem.field)?.[1] ?? '';
    const target = controls[name];
    const text = t('form.fieldError', { field: target?.label ?? problem.field, message: problem.message });
    if (!target) return h('li', {}, text);
    target.control.setAttribute('aria-invalid', 'true');
    return h('li', {}, h('a', { href: `#${target.control.id}`, 'data-focus': target.control.id }, text));
  });
  const list = h('ul', {}, ...items);
  list.addEventListener('click', (event) => {
    const link = (event.target as HTMLElement).closest<HTMLElement>('[data-focus]');
    if (!link) return;
    event.preventDefault();
    document.getElementById(link.dataset.focus ?? '')?.focus();
  });
  summary.append(h('p', {}, intro), list);
}

/** One problem found before asking the server (two passwords that differ), said the same way. */
export function showFieldError(
  summary: HTMLElement,
  t: TFunction,
  intro: string,
  target: { control: HTMLElement; label: string },
  message: string,
  controls: Record<string, { control: HTMLElement; label: string }>,
): void {
  clearFieldErrors(summary, controls);
  target.control.setAttribute('aria-invalid', 'true');
  const link = h(
    'a',
    { href: `#${target.control.id}` },
    t('form.fieldError', { field: target.label, message }),
  );
  link.addEventListener('click', (event) => {
    event.preventDefault();
    target.control.focus();
  });
  summary.append(h('p', {}, intro), h('ul', {}, h('li', {}, link)));
}

export function clearFieldErrors(
  summary: HTMLElement,
  controls: Record<string, { control: HTMLElement; label: string }>,
): void {
  summary.replaceChildren();
  for (const { control } of Object.values(controls)) control.removeAttribute('aria-invalid');
}
