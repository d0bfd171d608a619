import { EditorConsole } from './editorConsole.js';
import { createEditorStrings } from './editorStrings.js';

/** The editor console page (/editor): mounts the console into `[data-editor-console]`. */
async function boot(): Promise<void> {
  const root = document.querySelector<HTMLElement>('[data-editor-console]');
  if (!root) return;
  const strings = await createEditorStrings();
  await new EditorConsole(root, strings).start();
}

if (document.readyState === 'loading')
  document.addEventListener('DOMContentLoaded', () => void boot(), { once: true });
else void boot();
