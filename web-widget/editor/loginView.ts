import { field, h } from './dom.js';
import { failureMessage, type EditorApi } from './editorApi.js';
import type { TFunction } from './editorStrings.js';
import type { SignedInUser } from '../../contracts/adminApi.js';

/** The sign-in form, the same accounts as the agent console; only editors and admins get in. */
export async function loginView(
  main: HTMLElement,
  deps: { t: TFunction; api: EditorApi; onSignedIn: (user: SignedInUser) => void },
): Promise<void> {
  const { t, api } = deps;
  const username = h('input', { type: 'text', autocomplete: 'username', required: true, maxlength: 100 });
  const password = h('input', { type: 'password', autocomplete: 'current-password', required: true });
  const error = h('p', { class: 'error', id: 'login-error', role: 'alert' });
  const submit = h('button', { type: 'submit' }, t('login.submit'));
  const form = h(
    'form',
    { class: 'login', 'aria-describedby': 'login-error' },
    field('login-username', t('login.username'), username),
    field('login-password', t('login.password'), password),
    error,
    submit,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    error.textContent = '';
    submit.disabled = true;
    api
      .login(username.value, password.value)
      .then((user) => {
        if (!user.roles.some((role) => role === 'editor' || role === 'admin')) {
          // Not signed out: the same sign-in serves the agent console, which this user may have open.
          error.textContent = t('login.notEditor');
          return;
        }
        deps.onSignedIn(user);
      })
      .catch((failure: unknown) => {
        error.textContent = failureMessage(t, failure);
        password.value = '';
        password.focus();
      })
      .finally(() => {
        submit.disabled = false;
      });
  });
  main.append(h('div', { class: 'page narrow' }, h('h1', { tabindex: '-1' }, t('login.title')), form));
}
