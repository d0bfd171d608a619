import { createRequire } from 'node:module';

/**
 * botbuilder-dialogs registers its memory scopes with botbuilder's `ComponentRegistration`, which
 * keeps one registration per type, yet its DialogStateManager constructs a new one (a service
 * container and its dependency graph) for every dialog context it makes: several per turn, about a
 * tenth of a millisecond per turn in all, for an object that replaces an identical one. This makes
 * that construction return the one made first, so the registry holds exactly what it held before.
 * Done once; if botbuilder-dialogs is laid out differently, nothing is changed.
 */
export function shareDialogsRegistration(): void {
  if (shared) return;
  shared = true;
  const registration = createRequire(import.meta.url)(
    'botbuilder-dialogs/lib/dialogsComponentRegistration',
  ) as { DialogsComponentRegistration?: unknown };
  if (typeof registration.DialogsComponentRegistration !== 'function') return;
  const Original = registration.DialogsComponentRegistration as new () => object;
  let instance: object | undefined;
  // A constructor function that returns an object makes `new` return that object.
  function SharedRegistration(): object {
    instance ??= new Original();
    return instance;
  }
  SharedRegistration.prototype = Original.prototype as object;
  registration.DialogsComponentRegistration = SharedRegistration;
}

let shared = false;
