/** The prefix of concept terms; no word can contain ":" so they never collide with stems. */
export const CONCEPT_PREFIX = 'syn:';
