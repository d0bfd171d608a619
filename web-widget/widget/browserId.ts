const KEY_PREFIX = 'va-widget-browser:';

/**
 * A random id of this browser, kept in localStorage for the widget's server: with it, a live agent
 * sees the earlier conversations started from this browser (the server keeps only its SHA-256).
 * 32 random bytes, base64url: nothing about the visitor is in it. Null where localStorage is not
 * available (blocked storage, some private modes): then each conversation stands alone.
 */
export function browserId(serverOrigin: string, win: Window): string | null {
  try {
    const storage = win.localStorage;
    const key = KEY_PREFIX + serverOrigin;
    const saved = storage.getItem(key);
    if (saved && /^[A-Za-z0-9_-]{43}$/.test(saved)) return saved;
    const id = newId(win);
    storage.setItem(key, id);
    return id;
  } catch {
    return null;
  }
}

function newId(win: Window): string {
  const bytes = win.crypto.getRandomValues(new Uint8Array(32));
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return win.btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
