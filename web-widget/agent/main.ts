import { AgentConsole } from './agentConsole.js';
import { createConsoleStrings } from './consoleStrings.js';

/**
 * The agent console page (/agent): mounts the console on `[data-agent-console]`, in the language
 * chosen last in this browser, else the browser's.
 */
async function boot(): Promise<void> {
  const root = document.querySelector<HTMLElement>('[data-agent-console]');
  if (!root) return;
  const strings = await createConsoleStrings();
  new AgentConsole({ root, win: window, serverOrigin: location.origin, strings });
}

if (document.readyState === 'loading')
  document.addEventListener('DOMContentLoaded', () => void boot(), { once: true });
else void boot();
