import type { Locale } from '../../../contracts/locale.js';

export interface LanguageDetectionCase {
  text: string;
  /** The language the detector must be sure of; undefined when it must not decide. */
  expected: Locale | undefined;
}

/** What the detector decides, and what it must leave alone (short, mixed or third-language text). */
export const languageDetectionTestCases: LanguageDetectionCase[] = [
  { text: 'I need to talk to someone about my green card', expected: 'en' },
  { text: 'my case was approved, what happens next?', expected: 'en' },
  { text: 'Where can I leave my car when I go to the office?', expected: 'en' },
  { text: 'quiero saber el estatus de mi caso por favor', expected: 'es' },
  { text: '¿Cómo puedo cambiar la fecha de mi cita?', expected: 'es' },
  { text: 'necesito hablar con alguien sobre mi caso', expected: 'es' },
  { text: '¿Dónde puedo dejar mi carro cuando vaya a la oficina?', expected: 'es' },
  // Too short to tell, whatever the words.
  { text: 'gracias', expected: undefined },
  { text: 'thanks a lot', expected: undefined },
  { text: 'EAC9999103402', expected: undefined },
  { text: 'sí por favor', expected: undefined },
  // Neither English nor Spanish.
  { text: 'obrigado pela ajuda com o meu processo', expected: undefined },
  { text: 'je voudrais parler avec un agent demain matin', expected: undefined },
  // A Spanish question quoting an English status title: both languages, no switch.
  { text: "¿qué quiere decir 'Request for Evidence Was Sent' en mi caso?", expected: undefined },
  // Names and acronyms only: nothing to go on.
  { text: 'USCIS I-485 N-400 EAD uscis.gov', expected: undefined },
];
