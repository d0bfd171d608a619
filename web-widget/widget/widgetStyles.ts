import { h } from '../shared/dom.js';

/**
 * The widget's styles, inside its shadow root: the host page's CSS cannot reach in, and these
 * cannot leak out. `all: initial` on the host also stops inherited properties (font, colour,
 * line height) from the page. Sizes in px scale with browser zoom; the panel takes the whole
 * viewport when it is narrow or short (320 px wide, or 200% zoom on a laptop). On a very short
 * viewport (320 × 256 CSS px is 400% zoom, WCAG 1.4.10) the header becomes one compact row, the
 * notice can be hidden and the footer shrinks, so the conversation and the message box keep the
 * room. Colour pairs are at least 4.5:1 (text) and 3:1 (focus rings, borders that identify controls).
 */
export const WIDGET_CSS = `
:host { all: initial; }
[hidden] { display: none !important; }
.va-root {
  font: 400 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
  color: #1b1b1b;
  -webkit-text-size-adjust: 100%;
}
.va-root *, .va-root *::before, .va-root *::after { box-sizing: border-box; }
.va-sr {
  position: absolute !important; width: 1px; height: 1px; margin: -1px; padding: 0;
  overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0;
}
button { font: inherit; cursor: pointer; }
button:focus-visible, textarea:focus-visible, .va-log:focus-visible, a:focus-visible {
  outline: 3px solid #1a4480; outline-offset: 2px;
}
.va-launcher {
  position: fixed; right: 16px; bottom: 16px; z-index: 2147483000;
  display: inline-flex; align-items: center; gap: 8px;
  min-height: 48px; padding: 8px 18px; border: 2px solid #fff; border-radius: 24px;
  background: #1a4480; color: #fff; font-weight: 700;
  box-shadow: 0 2px 10px rgba(0, 0, 0, 0.3);
}
.va-launcher:hover { background: #162e51; }
.va-launcher:focus-visible { outline: 3px solid #1a4480; outline-offset: 2px; box-shadow: 0 0 0 2px #fff; }
.va-launcher svg { width: 22px; height: 22px; flex: none; }
.va-badge {
  display: inline-block; min-width: 22px; padding: 0 6px; border-radius: 11px;
  background: #b50909; color: #fff; font-size: 14px; line-height: 22px; text-align: center;
}
.va-panel {
  position: fixed; right: 16px; bottom: 80px; z-index: 2147483001;
  display: flex; flex-direction: column;
  width: min(400px, calc(100vw - 32px)); height: min(620px, calc(100vh - 104px));
  background: #fff; border: 1px solid #71767a; border-radius: 8px;
  box-shadow: 0 6px 28px rgba(0, 0, 0, 0.25); overflow: hidden;
}
@media (max-width: 480px), (max-height: 560px) {
  .va-panel { inset: 0; right: 0; bottom: 0; width: auto; height: auto; border: 0; border-radius: 0; }
}
.va-header {
  display: flex; align-items: center; gap: 8px; flex-wrap: wrap;
  padding: 8px 8px 8px 16px; background: #1a4480; color: #fff;
}
.va-title { flex: 1 1 auto; margin: 0; font-size: 18px; font-weight: 700; line-height: 1.3; min-width: 0; overflow-wrap: anywhere; }
.va-title-name, .va-title-role { display: block; }
.va-title-role { font-size: 14px; font-weight: 400; }
.va-header button {
  min-height: 44px; min-width: 44px; padding: 4px 12px;
  border: 1px solid #fff; border-radius: 4px; background: transparent; color: #fff;
}
.va-header button:hover { background: #162e51; }
.va-header button:focus-visible { outline: 3px solid #fff; outline-offset: 2px; }
.va-close span[aria-hidden] { font-size: 24px; line-height: 1; }
.va-notice {
  display: flex; align-items: flex-start; gap: 8px;
  padding: 8px 8px 8px 16px; background: #f0f0f0; border-bottom: 1px solid #dfe1e2;
}
.va-notice-text { flex: 1 1 auto; margin: 0; font-size: 14px; color: #3d4551; }
.va-notice-hide {
  display: none; flex: none; min-width: 32px; min-height: 32px; padding: 0 8px;
  border: 1px solid #565c65; border-radius: 4px; background: #fff; color: #1b1b1b;
}
.va-notice-hide span[aria-hidden] { font-size: 18px; line-height: 1; }
.va-banner { margin: 0; padding: 8px 16px; font-size: 15px; background: #faf3d1; border-left: 4px solid #936f38; }
.va-handoff { display: flex; flex-wrap: wrap; align-items: center; gap: 4px 12px; }
.va-handoff-text { flex: 1 1 12em; }
.va-handoff-leave {
  flex: none; min-height: 36px; padding: 4px 12px; border: 2px solid #1a4480; border-radius: 18px;
  background: #fff; color: #1a4480; font-weight: 700; font-size: 15px;
}
.va-handoff-leave:hover { background: #e7f2f5; }
/* Busy (a request on its way): aria-disabled, not disabled, so the keyboard focus stays put. */
.va-root [aria-disabled="true"] { cursor: progress; }
.va-log { position: relative; flex: 1 1 auto; min-height: 48px; overflow-y: auto; padding: 12px 16px; overscroll-behavior: contain; }
.va-empty { margin: 8px 0; color: #3d4551; }
.va-list { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 12px; }
.va-msg { display: flex; flex-direction: column; align-items: flex-start; max-width: 100%; }
.va-msg-visitor { align-items: flex-end; }
.va-sender { font-size: 13px; font-weight: 700; color: #3d4551; margin-bottom: 2px; }
.va-bubble {
  max-width: 88%; padding: 8px 12px; border-radius: 12px;
  background: #f0f0f0; color: #1b1b1b; overflow-wrap: anywhere; white-space: normal;
}
.va-msg-visitor .va-bubble { background: #1a4480; color: #fff; white-space: pre-wrap; border-bottom-right-radius: 4px; }
.va-msg-bot .va-bubble, .va-msg-agent .va-bubble { border-bottom-left-radius: 4px; }
.va-msg-agent .va-bubble { background: #e7f2f5; }
.va-msg-system .va-bubble { background: #fff; border: 1px solid #71767a; }
.va-bubble > :first-child { margin-top: 0; }
.va-bubble > :last-child { margin-bottom: 0; }
.va-bubble p, .va-bubble ul, .va-bubble ol, .va-bubble pre, .va-bubble blockquote, .va-bubble table { margin: 0 0 8px; }
.va-bubble ul, .va-bubble ol { padding-left: 20px; }
.va-bubble h3, .va-bubble h4, .va-bubble h5, .va-bubble h6 { margin: 8px 0 4px; font-size: 16px; }
.va-bubble a { color: #1a4480; text-decoration: underline; }
.va-bubble code { font-family: ui-monospace, Consolas, monospace; font-size: 14px; }
.va-bubble pre { white-space: pre-wrap; }
.va-bubble blockquote { margin-left: 0; padding-left: 8px; border-left: 3px solid #71767a; }
.va-bubble table { border-collapse: collapse; }
.va-bubble th, .va-bubble td { border: 1px solid #71767a; padding: 2px 6px; }
.va-meta { display: flex; flex-wrap: wrap; align-items: center; gap: 6px; margin-top: 2px; font-size: 13px; color: #565c65; }
.va-delivery-failed { color: #b50909; font-weight: 700; }
.va-retry, .va-actions button, .va-feedback button {
  min-height: 44px; padding: 6px 14px; border: 2px solid #1a4480; border-radius: 22px;
  background: #fff; color: #1a4480; font-weight: 700;
}
.va-retry { min-height: 32px; padding: 2px 10px; font-size: 13px; }
.va-retry:hover, .va-actions button:hover, .va-feedback button:hover { background: #e7f2f5; }
.va-actions, .va-feedback { display: flex; flex-wrap: wrap; align-items: center; gap: 8px; margin-top: 8px; }
.va-feedback span { font-size: 15px; }
.va-feedback-done { margin: 6px 0 0; font-size: 14px; color: #3d4551; }
.va-rating { margin: 12px 0 0; padding: 8px 12px; border: 1px solid #71767a; border-radius: 8px; }
.va-rating-question { margin: 0; font-weight: 700; }
.va-rating-scale { margin: 0 0 8px; font-size: 14px; color: #3d4551; }
.va-rating-values { display: flex; flex-wrap: wrap; gap: 8px; }
.va-rating-values button {
  min-width: 44px; min-height: 44px; padding: 4px 12px; border: 2px solid #1a4480; border-radius: 22px;
  background: #fff; color: #1a4480; font-weight: 700;
}
.va-rating-values button:hover { background: #e7f2f5; }
.va-rating-error { margin: 8px 0 0; color: #b50909; font-weight: 700; }
.va-rating-done { margin: 0; color: #3d4551; }
.va-typing { display: flex; align-items: center; gap: 8px; margin: 12px 0 0; font-size: 14px; color: #3d4551; }
.va-dots { display: inline-flex; gap: 3px; }
.va-dots span { width: 6px; height: 6px; border-radius: 50%; background: #565c65; animation: va-blink 1.2s infinite ease-in-out; }
.va-dots span:nth-child(2) { animation-delay: 0.2s; }
.va-dots span:nth-child(3) { animation-delay: 0.4s; }
@keyframes va-blink { 0%, 80%, 100% { opacity: 0.3; } 40% { opacity: 1; } }
.va-composer { display: flex; flex-wrap: wrap; align-items: flex-end; gap: 8px; padding: 8px 12px 12px; border-top: 1px solid #dfe1e2; }
.va-input {
  flex: 1 1 160px; min-height: 44px; max-height: 140px; resize: none; margin: 0;
  padding: 10px 12px; border: 1px solid #565c65; border-radius: 6px;
  font: inherit; color: #1b1b1b; background: #fff;
}
.va-input::placeholder { color: #565c65; opacity: 1; }
.va-send {
  min-height: 44px; padding: 8px 18px; border: 0; border-radius: 6px;
  background: #1a4480; color: #fff; font-weight: 700;
}
.va-send:hover { background: #162e51; }
.va-counter { flex-basis: 100%; margin: 0; font-size: 13px; color: #565c65; }
.va-footer { display: flex; justify-content: flex-end; padding: 0 12px 8px; }
.va-download {
  min-height: 32px; padding: 4px; border: 0; background: transparent;
  color: #1a4480; font-size: 14px; text-decoration: underline;
}
.va-download:hover { color: #162e51; }
@media (max-height: 560px) {
  .va-notice-hide { display: inline-flex; align-items: center; justify-content: center; }
  .va-notice-hidden { display: none; }
}
@media (max-height: 400px) {
  /* Should the fixed rows still not fit (a long name, large text), the panel scrolls as a whole
     rather than cutting the message box off. */
  .va-panel { overflow-y: auto; }
  .va-header { flex-wrap: nowrap; gap: 4px; padding: 2px 4px 2px 12px; }
  .va-title { font-size: 16px; line-height: 1.2; }
  /* The notice says the agent's role: on one compact row the title keeps the name only. */
  .va-title-role { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  .va-header button { min-height: 32px; min-width: 32px; padding: 2px 8px; }
  .va-notice { padding: 2px 4px 2px 12px; }
  .va-notice-text { font-size: 13px; line-height: 1.3; }
  .va-banner { padding: 2px 12px; font-size: 14px; line-height: 1.3; }
  .va-handoff-leave { min-height: 28px; padding: 2px 10px; font-size: 14px; }
  .va-handoff-assigned { justify-content: flex-end; }
  .va-handoff-assigned .va-handoff-text { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
  .va-log { padding: 6px 12px; }
  .va-composer { padding: 4px 8px; gap: 6px; }
  .va-input { min-height: 36px; padding: 6px 8px; }
  .va-send { min-height: 36px; padding: 4px 12px; }
  .va-footer { padding: 0 8px 2px; }
  .va-download { min-height: 24px; padding: 0 4px; font-size: 13px; }
}
.va-counter-over { color: #b50909; font-weight: 700; }
@media (prefers-reduced-motion: reduce) {
  .va-root *, .va-root *::before, .va-root *::after { animation: none !important; transition: none !important; scroll-behavior: auto !important; }
  .va-dots span { opacity: 1; }
}
@media (forced-colors: active) {
  .va-launcher, .va-send, .va-bubble, .va-panel { border: 1px solid CanvasText; }
}
`;

/**
 * Puts the styles into the widget's shadow root. A constructed sheet is not an inline <style>, so
 * a host page's strict CSP does not block it; older engines get a style element instead.
 */
export function adoptWidgetStyles(shadow: ShadowRoot, win: Window & typeof globalThis): void {
  if ('adoptedStyleSheets' in shadow && typeof win.CSSStyleSheet === 'function') {
    try {
      const sheet = new win.CSSStyleSheet();
      sheet.replaceSync(WIDGET_CSS);
      shadow.adoptedStyleSheets = [sheet];
      return;
    } catch {
      // Fall back to a style element.
    }
  }
  shadow.append(h(shadow.ownerDocument, 'style', {}, WIDGET_CSS));
}
