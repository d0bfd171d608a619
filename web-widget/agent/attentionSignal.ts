const SOUND_KEY = 'va-agent-sound';

/**
 * The optional sound when a chat waits or arrives: off by default (an unexpected sound is a
 * nuisance, and a screen reader user already hears the live region), remembered per browser.
 * A short tone from Web Audio: no audio file to load.
 */
export class AttentionSignal {
  private context: AudioContext | null = null;

  constructor(private readonly win: Window & typeof globalThis) {}

  get enabled(): boolean {
    return this.win.localStorage.getItem(SOUND_KEY) === 'on';
  }

  setEnabled(enabled: boolean): void {
    this.win.localStorage.setItem(SOUND_KEY, enabled ? 'on' : 'off');
    if (enabled) this.beep();
  }

  beep(): void {
    if (!this.enabled || typeof this.win.AudioContext !== 'function') return;
    try {
      this.context ??= new this.win.AudioContext();
      const oscillator = this.context.createOscillator();
      const gain = this.context.createGain();
      oscillator.frequency.value = 880;
      gain.gain.value = 0.05;
      oscillator.connect(gain).connect(this.context.destination);
      oscillator.start();
      oscillator.stop(this.context.currentTime + 0.15);
    } catch {
      // No audio (autoplay policy, no device): the title and the live region still tell.
    }
  }
}
