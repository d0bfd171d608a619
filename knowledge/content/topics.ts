/**
 * The topics the knowledge base must cover: one article id each, in English and Spanish. This is
 * the product's contract; it mirrors `../shared/eval/topics.tsv` (a test compares the two when the
 * shared folder is present), so the checks also run on a clone without it.
 */
export const TOPICS: readonly string[] = [
  'contact-center',
  'contact-center-tiers',
  'when-to-contact',
  'ivr-tips',
  'in-person-appointment',
  'infopass-history',
  'in-person-qualifying-services',
  'adit-stamp',
  'emergency-advance-parole',
  'emergencies',
  'expedite-request',
  'myuscis-account',
  'file-online',
  'online-access-code',
  'secure-messaging',
  'case-status',
  'processing-times',
  'e-request',
  'reschedule-biometrics',
  'reschedule-interview',
  'callbacks',
  'legal-representative',
  'interpreter',
  'live-chat',
  'service-center-email',
  'multilingual-resources',
  'green-card-renew',
  'green-card-lost',
  'remove-conditions',
  'work-permit',
  'citizenship-apply',
  'citizenship-test',
  'oath-ceremony',
  'naturalization-certificate',
  'change-of-address',
  'fees',
  'fee-waiver',
  'family-petition',
  'adjustment-of-status',
  'travel-documents',
  'daca',
  'tps',
  'asylum',
  'biometrics-appointment',
  'interview',
  'rfe',
  'case-status-meanings',
  'card-not-received',
  'correct-document',
  'forms',
  'avoid-scams',
  'legal-help',
  'records-request',
  'extend-stay',
  'office-locator',
  'medical-exam',
];

/**
 * Topics whose articles are not written yet. The article checks accept a missing article for these
 * and only these, and refuse an entry whose articles exist, so the list can only shrink: remove an
 * id when its two articles land. Empty when the knowledge base covers every topic.
 */
export const TOPICS_NOT_WRITTEN: readonly string[] = [];
