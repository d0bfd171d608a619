import type { Locale } from '../../contracts/locale.js';
import { ChatWidget } from './chatWidget.js';
import { WidgetStorage } from './widgetStorage.js';

/**
 * `<script src="https://assistant.example/widget.js" data-locale="es"></script>`: adds the chat
 * launcher to the page. The widget talks to the server the script was loaded from, whatever page
 * embeds it, and starts in the page's language unless the visitor chose another one in this tab.
 */
function boot(script: HTMLScriptElement | null): void {
  const doc = document;
  if (doc.querySelector('[data-va-widget]')) return; // The script was included twice.
  const source = script?.src ? new URL(script.src, location.href) : new URL(location.href);
  const serverOrigin = source.origin;
  const storage = new WidgetStorage(serverOrigin);
  const locale = toLocale(storage.get('locale') ?? script?.dataset.locale ?? doc.documentElement.lang);
  const host = doc.createElement('div');
  host.setAttribute('data-va-widget', '');
  doc.body.append(host);
  new ChatWidget(host, { serverOrigin, locale, storage, win: window });
}

function toLocale(value: string | undefined | null): Locale {
  return value?.trim().toLowerCase().startsWith('es') ? 'es' : 'en';
}

// currentScript exists only while the script first runs: read it now, boot when the body exists.
const script = document.currentScript as HTMLScriptElement | null;
if (document.body) boot(script);
else document.addEventListener('DOMContentLoaded', () => boot(script), { once: true });
