import type { Locale } from '../../contracts/locale.js';
import { field, h } from './dom.js';
import type { UserAccount, UserRole } from '../../contracts/adminApi.js';
import type { TFunction } from './editorStrings.js';

export const ROLES: readonly UserRole[] = ['agent', 'editor', 'admin'];
export const LANGUAGES: readonly Locale[] = ['en', 'es'];
/** The server's rule (bot/auth/passwords.ts), said where a password is asked. */
export const MIN_PASSWORD_LENGTH = 12;

/** A labelled control and the words for it in an error summary. */
export interface FormControl {
  control: HTMLElement;
  label: string;
}

/**
 * A group of checkboxes in a fieldset: the roles of an account, or its languages. Each box says
 * what it gives (a role's hint). `checked()` reads the ticked values.
 */
export function checkboxGroup<V extends string>(
  id: string,
  legend: string,
  options: ReadonlyArray<{ value: V; label: string; hint?: string }>,
  selected: readonly V[],
  groupHint?: string,
): { element: HTMLFieldSetElement; first: HTMLInputElement; checked(): V[] } {
  const boxes = options.map((option) => {
    const box = h('input', {
      type: 'checkbox',
      id: `${id}-${option.value}`,
      value: option.value,
      checked: selected.includes(option.value),
      'aria-describedby': option.hint ? `${id}-${option.value}-hint` : undefined,
    });
    return { option, box };
  });
  const element = h(
    'fieldset',
    { class: 'checkboxes', 'aria-describedby': groupHint ? `${id}-hint` : undefined },
    h('legend', {}, legend),
    groupHint ? h('p', { class: 'hint', id: `${id}-hint` }, groupHint) : null,
    ...boxes.map(({ option, box }) =>
      h(
        'div',
        { class: 'checkbox' },
        box,
        h('label', { for: box.id }, option.label),
        option.hint ? h('p', { class: 'hint', id: `${box.id}-hint` }, option.hint) : null,
      ),
    ),
  );
  const first = boxes[0]?.box ?? h('input', {});
  return {
    element,
    first,
    checked: () => boxes.filter(({ box }) => box.checked).map(({ option }) => option.value),
  };
}

export function rolesGroup(t: TFunction, id: string, selected: readonly UserRole[]) {
  return checkboxGroup(
    id,
    t('users.fields.roles'),
    ROLES.map((role) => ({ value: role, label: t(`users.role.${role}`), hint: t(`users.roleHint.${role}`) })),
    selected,
  );
}

export function languagesGroup(t: TFunction, id: string, selected: readonly Locale[]) {
  return checkboxGroup(
    id,
    t('users.fields.languages'),
    LANGUAGES.map((locale) => ({ value: locale, label: t(`locale.${locale}`) })),
    selected,
    t('users.languagesHint'),
  );
}

export function maxChatsInput(
  t: TFunction,
  id: string,
  value: number,
): { element: HTMLElement; input: HTMLInputElement } {
  const input = h('input', {
    type: 'number',
    min: 1,
    max: 10,
    step: 1,
    value: String(value),
    inputmode: 'numeric',
  });
  return { element: field(id, t('users.fields.maxChats'), input, t('users.maxChatsHint')), input };
}

/**
 * A new password asked twice, with the 12-character minimum said in the hint of both fields
 * (read out with the field). `problem()` is the message for the second field when they differ.
 */
export function passwordPair(
  t: TFunction,
  id: string,
): { element: HTMLElement; first: FormControl; second: FormControl; value(): string; mismatch(): boolean } {
  const first = h('input', {
    type: 'password',
    autocomplete: 'new-password',
    required: true,
    minlength: MIN_PASSWORD_LENGTH,
    maxlength: 256,
  });
  const second = h('input', {
    type: 'password',
    autocomplete: 'new-password',
    required: true,
    minlength: MIN_PASSWORD_LENGTH,
    maxlength: 256,
  });
  const hint = t('users.passwordHint', { count: MIN_PASSWORD_LENGTH });
  const element = h(
    'div',
    { class: 'password-pair' },
    field(`${id}-password`, t('users.fields.password'), first, hint),
    field(`${id}-password-again`, t('users.fields.passwordAgain'), second, t('users.passwordAgainHint')),
  );
  return {
    element,
    first: { control: first, label: t('users.fields.password') },
    second: { control: second, label: t('users.fields.passwordAgain') },
    value: () => first.value,
    mismatch: () => first.value !== second.value,
  };
}

/** "Agent, Editor" in the console's language. */
export function rolesText(t: TFunction, user: Pick<UserAccount, 'roles'>): string {
  return user.roles.map((role) => t(`users.role.${role}`)).join(', ');
}

export function languagesText(t: TFunction, user: Pick<UserAccount, 'languages'>): string {
  return user.languages.map((locale) => t(`locale.${locale}`)).join(', ');
}
