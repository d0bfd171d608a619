import type { AgentSelf } from '../../contracts/agentEvents.js';
import { h } from '../shared/dom.js';
import type { ConsoleContext } from './consoleContext.js';

/** The switch for the sound when a chat waits (AttentionSignal). */
export interface SoundSwitch {
  readonly enabled: boolean;
  setEnabled(enabled: boolean): void;
}

/**
 * The console's top bar: its title, who is signed in and in which languages, the agent's status
 * (available / away), the sound switch, the language switch and sign-out.
 */
export class HeaderView {
  readonly element: HTMLElement;
  private readonly title: HTMLHeadingElement;
  private readonly who: HTMLParagraphElement;
  private readonly statusLabel: HTMLLabelElement;
  private readonly statusSelect: HTMLSelectElement;
  private readonly soundLabel: HTMLSpanElement;
  private readonly languageButton: HTMLButtonElement;
  private readonly logout: HTMLButtonElement;

  constructor(
    private readonly context: ConsoleContext,
    sound: SoundSwitch,
    actions: {
      setPresence(status: 'available' | 'away'): void;
      switchLanguage(): void;
      signOut(): void;
    },
  ) {
    const { doc } = context;
    this.title = h(doc, 'h1', {});
    this.who = h(doc, 'p', { class: 'who' });
    this.statusSelect = h(doc, 'select', { id: 'presence' });
    for (const status of ['available', 'away'] as const)
      this.statusSelect.append(h(doc, 'option', { value: status }));
    this.statusLabel = h(doc, 'label', { for: 'presence' });
    const soundBox = h(doc, 'input', { type: 'checkbox', id: 'sound' });
    soundBox.checked = sound.enabled;
    this.soundLabel = h(doc, 'span', {});
    this.languageButton = context.languageButton(() => actions.switchLanguage());
    this.logout = h(doc, 'button', { type: 'button', class: 'logout' });

    this.statusSelect.addEventListener('change', () =>
      actions.setPresence(this.statusSelect.value === 'available' ? 'available' : 'away'),
    );
    soundBox.addEventListener('change', () => sound.setEnabled(soundBox.checked));
    this.logout.addEventListener('click', () => actions.signOut());

    this.element = h(
      doc,
      'header',
      { class: 'top' },
      this.title,
      this.who,
      h(
        doc,
        'div',
        { class: 'controls' },
        this.statusLabel,
        this.statusSelect,
        h(doc, 'label', { class: 'check' }, soundBox, this.soundLabel),
        this.languageButton,
        this.logout,
      ),
    );
  }

  /** Who is signed in, their languages and their status as the server has it. */
  showMe(me: AgentSelf): void {
    const { t } = this.context;
    const languages = me.languages.map((locale) => this.context.languageName(locale)).join(', ');
    this.who.textContent = `${t('header.signedInAs', { name: me.displayName })} · ${t('header.languages', {
      languages,
    })}`;
    this.statusSelect.value = me.status === 'offline' ? 'away' : me.status;
  }

  applyStrings(): void {
    const { t } = this.context;
    this.title.textContent = t('title');
    this.statusLabel.textContent = t('header.status');
    for (const option of this.statusSelect.options) option.textContent = t(`status.${option.value}`);
    this.soundLabel.textContent = t('header.sound');
    this.context.labelLanguageButton(this.languageButton);
    this.logout.textContent = t('header.logout');
    const me = this.context.me;
    if (me) this.showMe(me);
  }

  focusLanguageButton(): void {
    this.languageButton.focus();
  }
}
