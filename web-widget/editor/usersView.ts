import {
  languagesGroup,
  languagesText,
  maxChatsInput,
  passwordPair,
  rolesGroup,
  rolesText,
} from './accountForm.js';
import { confirmAction } from './confirmDialog.js';
import { field, h } from './dom.js';
import { failureMessage } from './editorApi.js';
import { showFieldError, showFieldErrors } from './formErrors.js';
import type { UserAccount } from '../../contracts/adminApi.js';
import { isAdmin, shortTime, type View, type ViewContext } from './viewContext.js';

/**
 * The admins' list of accounts (agents, editors, admins): who they are, what they may do, in which
 * languages, and whether they are disabled; each opens its own page. Others are told the page is
 * for administrators (the API refuses them anyway).
 */
export const usersView: View = async (context, main) => {
  const { t } = context;
  main.append(h('h1', { tabindex: '-1' }, t('users.title')));
  if (!isAdmin(context.user)) {
    main.append(h('p', {}, t('users.adminsOnly')));
    return;
  }
  const users = await context.api.listUsers();
  const header = ['username', 'name', 'roles', 'languages', 'status', 'updated'].map((key) =>
    h('th', { scope: 'col' }, t(`users.column.${key}`)),
  );
  main.append(
    h('p', {}, t('users.intro')),
    h('p', {}, h('a', { href: '#/users/new', class: 'button' }, t('users.add'))),
    h(
      'table',
      { class: 'users' },
      h('caption', { class: 'visually-hidden' }, t('users.title')),
      h('thead', {}, h('tr', {}, ...header)),
      h(
        'tbody',
        {},
        ...users.map((user) =>
          h(
            'tr',
            { 'data-user': user.username },
            h(
              'th',
              { scope: 'row' },
              h('a', { href: `#/user/${encodeURIComponent(user.id)}` }, user.username),
            ),
            h('td', {}, user.displayName),
            h('td', {}, rolesText(t, user)),
            h('td', {}, languagesText(t, user)),
            h('td', {}, user.disabled ? t('users.disabled') : t('users.active')),
            h('td', {}, shortTime(user.updatedAt)),
          ),
        ),
      ),
    ),
  );
};

/** A new account: who, what they may do, the languages they chat in, and a password asked twice. */
export const newUserView: View = async (context, main) => {
  const { t } = context;
  main.append(h('h1', { tabindex: '-1' }, t('users.newTitle')));
  if (!isAdmin(context.user)) {
    main.append(h('p', {}, t('users.adminsOnly')));
    return;
  }
  const username = h('input', {
    type: 'text',
    required: true,
    maxlength: 40,
    autocomplete: 'off',
    spellcheck: 'false',
  });
  const displayName = h('input', { type: 'text', required: true, maxlength: 80, autocomplete: 'off' });
  const roles = rolesGroup(t, 'new-roles', ['agent']);
  const languages = languagesGroup(t, 'new-languages', [context.locale]);
  const maxChats = maxChatsInput(t, 'new-max-chats', 3);
  const password = passwordPair(t, 'new');
  const errors = h('div', { class: 'form-errors', role: 'alert' });
  const submit = h('button', { type: 'submit' }, t('users.create'));
  const controls = {
    username: { control: username, label: t('users.fields.username') },
    displayName: { control: displayName, label: t('users.fields.displayName') },
    roles: { control: roles.first, label: t('users.fields.roles') },
    languages: { control: languages.first, label: t('users.fields.languages') },
    maxChats: { control: maxChats.input, label: t('users.fields.maxChats') },
    password: password.first,
  };
  const form = h(
    'form',
    { class: 'account-form narrow', novalidate: true },
    field('new-username', t('users.fields.username'), username, t('users.usernameHint')),
    field('new-display-name', t('users.fields.displayName'), displayName, t('users.displayNameHint')),
    roles.element,
    languages.element,
    maxChats.element,
    password.element,
    errors,
    submit,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const intro = t('users.notCreated');
    if (password.mismatch()) {
      showFieldError(errors, t, intro, password.second, t('users.passwordsDiffer'), {
        ...controls,
        passwordAgain: password.second,
      });
      return;
    }
    submit.disabled = true;
    context.api
      .createUser({
        username: username.value,
        displayName: displayName.value,
        roles: roles.checked(),
        languages: languages.checked(),
        maxChats: Number(maxChats.input.value),
        password: password.value(),
      })
      .then((user) => {
        context.announce(t('users.created', { username: user.username }));
        context.navigate(`#/user/${encodeURIComponent(user.id)}`);
      })
      .catch((error: unknown) => showFieldErrors(errors, t, error, intro, controls))
      .finally(() => {
        submit.disabled = false;
      });
  });
  main.append(
    h('p', {}, h('a', { href: '#/users' }, t('users.back'))),
    h('p', {}, t('users.newIntro')),
    form,
  );
};

/**
 * One account: change its name, roles, languages and chat limit; disable or enable it (asked
 * first); set a new password (asked twice), which ends the user's sign-ins everywhere.
 */
export const userView: View = async (context, main, params) => {
  const { t } = context;
  const id = params.get('id') ?? '';
  if (!isAdmin(context.user)) {
    main.append(h('h1', { tabindex: '-1' }, t('users.title')), h('p', {}, t('users.adminsOnly')));
    return;
  }
  const user = (await context.api.listUsers()).find((candidate) => candidate.id === id);
  if (!user) {
    main.append(
      h('h1', { tabindex: '-1' }, t('app.notFound')),
      h('p', {}, h('a', { href: '#/users' }, t('users.back'))),
    );
    return;
  }
  main.append(
    h('h1', { tabindex: '-1' }, t('users.userTitle', { username: user.username })),
    h('p', {}, h('a', { href: '#/users' }, t('users.back'))),
    h(
      'p',
      { class: 'account-state', 'data-disabled': String(user.disabled) },
      user.disabled ? t('users.stateDisabled') : t('users.stateActive'),
    ),
    detailsForm(context, user),
    accessSection(context, user),
    passwordForm(context, user),
  );
};

function detailsForm(context: ViewContext, user: UserAccount): HTMLElement {
  const { t } = context;
  const displayName = h('input', { type: 'text', required: true, maxlength: 80, value: user.displayName });
  displayName.value = user.displayName;
  const roles = rolesGroup(t, 'edit-roles', user.roles);
  const languages = languagesGroup(t, 'edit-languages', user.languages);
  const maxChats = maxChatsInput(t, 'edit-max-chats', user.maxChats);
  const errors = h('div', { class: 'form-errors', role: 'alert' });
  const controls = {
    displayName: { control: displayName, label: t('users.fields.displayName') },
    roles: { control: roles.first, label: t('users.fields.roles') },
    languages: { control: languages.first, label: t('users.fields.languages') },
    maxChats: { control: maxChats.input, label: t('users.fields.maxChats') },
  };
  const form = h(
    'form',
    { class: 'account-form narrow', novalidate: true, 'aria-labelledby': 'details-title' },
    h('h2', { id: 'details-title' }, t('users.details')),
    field('edit-display-name', t('users.fields.displayName'), displayName, t('users.displayNameHint')),
    roles.element,
    languages.element,
    maxChats.element,
    errors,
    h('button', { type: 'submit' }, t('users.save')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    context.api
      .updateUser(user.id, {
        displayName: displayName.value,
        roles: roles.checked(),
        languages: languages.checked(),
        maxChats: Number(maxChats.input.value),
      })
      .then((updated) => {
        context.announce(t('users.saved', { username: updated.username }));
        context.navigate(`#/user/${encodeURIComponent(updated.id)}`);
      })
      .catch((error: unknown) => showFieldErrors(errors, t, error, t('users.notSaved'), controls));
  });
  return form;
}

function accessSection(context: ViewContext, user: UserAccount): HTMLElement {
  const { t } = context;
  const self = user.id === context.user.userId;
  const button = h(
    'button',
    { type: 'button', class: user.disabled ? undefined : 'secondary', disabled: self && !user.disabled },
    user.disabled ? t('users.enable') : t('users.disable'),
  );
  const result = h('p', { class: 'error', role: 'alert' });
  button.addEventListener('click', () => {
    void (async () => {
      if (!user.disabled) {
        const confirmed = await confirmAction({
          title: t('users.confirmDisable.title', { username: user.username }),
          message: t('users.confirmDisable.message'),
          confirm: t('users.confirmDisable.confirm', { username: user.username }),
          cancel: t('editor.confirm.cancel'),
        });
        if (!confirmed) return;
      }
      try {
        const updated = await context.api.updateUser(user.id, { disabled: !user.disabled });
        context.announce(
          t(updated.disabled ? 'users.disabledDone' : 'users.enabledDone', { username: updated.username }),
        );
        context.navigate(`#/user/${encodeURIComponent(updated.id)}`);
      } catch (error) {
        result.textContent = failureMessage(t, error);
      }
    })();
  });
  return h(
    'section',
    { class: 'account-access', 'aria-labelledby': 'access-title' },
    h('h2', { id: 'access-title' }, t('users.access')),
    h(
      'p',
      {},
      self ? t('users.selfDisable') : user.disabled ? t('users.enableHint') : t('users.disableHint'),
    ),
    button,
    result,
  );
}

function passwordForm(context: ViewContext, user: UserAccount): HTMLElement {
  const { t } = context;
  const password = passwordPair(t, 'reset');
  const errors = h('div', { class: 'form-errors', role: 'alert' });
  const controls = { password: password.first };
  const form = h(
    'form',
    { class: 'account-form narrow', novalidate: true, 'aria-labelledby': 'password-title' },
    h('h2', { id: 'password-title' }, t('users.resetTitle')),
    h('p', {}, t('users.resetIntro', { username: user.username })),
    password.element,
    errors,
    h('button', { type: 'submit' }, t('users.reset')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const intro = t('users.notReset');
    if (password.mismatch()) {
      showFieldError(errors, t, intro, password.second, t('users.passwordsDiffer'), {
        ...controls,
        passwordAgain: password.second,
      });
      return;
    }
    context.api
      .resetPassword(user.id, password.value())
      .then(({ signedOut }) => {
        context.announce(t('users.resetDone', { username: user.username, count: signedOut }));
        context.navigate(`#/user/${encodeURIComponent(user.id)}`);
      })
      .catch((error: unknown) => showFieldErrors(errors, t, error, intro, controls));
  });
  return form;
}
