import { h } from '../shared/dom.js';
import type { ConsoleContext } from './consoleContext.js';

/**
 * The sign-in page: the console's title, the language switch and a labelled form. A refusal is
 * said in the form's alert and focus goes back to the password, which is emptied.
 */
export class SignInView {
  readonly element: HTMLElement;
  private readonly title: HTMLHeadingElement;
  private readonly languageButton: HTMLButtonElement;
  private readonly heading: HTMLHeadingElement;
  private readonly usernameLabel: HTMLLabelElement;
  private readonly passwordLabel: HTMLLabelElement;
  private readonly username: HTMLInputElement;
  private readonly password: HTMLInputElement;
  private readonly submit: HTMLButtonElement;
  private readonly error: HTMLParagraphElement;

  constructor(
    private readonly context: ConsoleContext,
    actions: {
      /** Null when signed in; otherwise the message to show. */
      signIn(username: string, password: string): Promise<string | null>;
      switchLanguage(): void;
    },
  ) {
    const { doc } = context;
    this.title = h(doc, 'h1', {});
    this.languageButton = context.languageButton(() => actions.switchLanguage());
    this.heading = h(doc, 'h2', { id: 'login-heading' });
    this.usernameLabel = h(doc, 'label', { for: 'login-username' });
    this.passwordLabel = h(doc, 'label', { for: 'login-password' });
    this.username = h(doc, 'input', {
      id: 'login-username',
      name: 'username',
      autocomplete: 'username',
      required: true,
    });
    this.password = h(doc, 'input', {
      id: 'login-password',
      name: 'password',
      type: 'password',
      autocomplete: 'current-password',
      required: true,
    });
    this.submit = h(doc, 'button', { type: 'submit' });
    this.error = h(doc, 'p', { class: 'error', role: 'alert', id: 'login-error' });
    const form = h(
      doc,
      'form',
      { class: 'login', 'aria-labelledby': 'login-heading', novalidate: true },
      this.heading,
      this.usernameLabel,
      this.username,
      this.passwordLabel,
      this.password,
      this.submit,
      this.error,
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.submit.disabled = true;
      this.error.textContent = context.t('login.signingIn');
      void actions.signIn(this.username.value, this.password.value).then((failure) => {
        this.submit.disabled = false;
        if (failure !== null) this.showError(failure);
      });
    });
    this.element = h(doc, 'main', { id: 'main' }, this.title, this.languageButton, form);
    this.applyStrings();
  }

  /** Every label in the console's language; a message from before the switch is cleared. */
  applyStrings(): void {
    const { t } = this.context;
    this.title.textContent = t('title');
    this.context.labelLanguageButton(this.languageButton);
    this.heading.textContent = t('login.heading');
    this.usernameLabel.textContent = t('login.username');
    this.passwordLabel.textContent = t('login.password');
    this.submit.textContent = t('login.submit');
    this.error.textContent = '';
  }

  showMessage(message: string | null): void {
    this.error.textContent = message ?? '';
  }

  focusUsername(): void {
    this.username.focus();
  }

  focusLanguageButton(): void {
    this.languageButton.focus();
  }

  private showError(message: string): void {
    this.error.textContent = message;
    this.password.value = '';
    this.password.focus();
  }
}
