/**
 * Phrasings visitors use for personal data, in English and Spanish, each with the data it holds
 * (which masking must hide) and the numbers it holds that are not personal (which masking must
 * leave alone: form numbers, dates, fees, ZIP codes, times). Measured by `npm run privacy:corpus`
 * and held by test/privacy/personalDataCorpus.test.ts.
 *
 * Templates × typings rather than one hand-written line each: every template is said with several
 * typings of the value (dashes, spaces, dots, lower case, with and without the "A"), which is where
 * masking used to miss.
 */
import type { PersonalDataKind } from '../../bot/privacy/personalData.js';

export type CorpusLocale = 'en' | 'es';

export interface CorpusCase {
  locale: CorpusLocale;
  text: string;
  /** The personal data in `text`, each exactly as typed there. */
  personal: Array<{ kind: PersonalDataKind; value: string }>;
  /** Numbers in `text` that are not personal data and must stay as they are. */
  keep: string[];
}

interface Template {
  text: string;
  /** Other numbers in the sentence that must survive. */
  keep?: string[];
  /** The value comes before any word that announces it: only typings that say what they are. */
  selfEvident?: boolean;
}

const A_NUMBERS = [
  'A12345678',
  'A-123-456-789',
  'A 123 456 789',
  'a087654321',
  'A#12345678',
  'A-12345678',
  '123456789',
  '12345678',
  '087-654-321',
  '87654321',
  'A 087 654 321',
  '123 456 789',
];
const SSNS = ['123-45-6789', '123 45 6789', '123456789', '987.65.4321', '078-05-1120', '219-09-9999'];
const EMAILS = [
  'maria.lopez@example.org',
  'JUAN_PEREZ@Correo.ES',
  'ana+uscis@mail.example.com',
  'josé.garcía@ejemplo.mx',
  'x@y.co',
  'li.wei2024@example.net',
];
const RECEIPTS = [
  'EAC9999103402',
  'eac-99-991-03402',
  'IOE 0912345678',
  'LIN1234567890',
  'wac 12 345 67890',
  'SRC-1234-5678-90',
  'MSC2190012345',
  'ioe0987654321',
];
const US_PHONES = [
  '(555) 123-4567',
  '555-123-4567',
  '555.123.4567',
  '5551234567',
  '+1 555 123 4567',
  '1-555-123-4567',
  '+1 (202) 555-0143',
  '202 555 0143',
];
const WORLD_PHONES = [
  '+52 55 1234 5678',
  '+34 612 34 56 78',
  '+44 20 7946 0958',
  '+57 301 234 5678',
  '+503 7123 4567',
  '+502 5123 4567',
  '0052 55 1234 5678',
  '+52 1 55 1234 5678',
  '55 1234 5678',
  '612 34 56 78',
  '91 123 45 67',
  '+1 787 555 0123',
  '(33) 1234 5678',
  '612 345 678',
  '+51 987 654 321',
  '+53 5 123 4567',
];
/** Local numbers that only a word before them marks as a phone. */
const ANNOUNCED_PHONES = ['7123 4567', '2222-3333', '7123-4567', '55 12 34 56 78', '4455 6677', '98765-4321'];

const A_NUMBER_TEMPLATES: Record<CorpusLocale, Template[]> = {
  en: [
    { text: 'My A-number is {v}' },
    { text: 'A-number {v}' },
    { text: 'A number: {v}' },
    { text: 'alien number: {v}' },
    {
      text: 'Alien Registration Number {v}, Form I-485 pending since 2023-05-09',
      keep: ['I-485', '2023-05-09'],
    },
    { text: 'my alien registration number is {v}' },
    { text: 'USCIS number {v}' },
    { text: 'USCIS # {v}' },
    { text: 'My A-file number is {v}' },
    { text: 'alien reg no. {v}' },
    { text: 'A no. {v}' },
    { text: 'Here is my A number {v} and my I-94 was issued on May 9, 2023', keep: ['I-94', 'May 9, 2023'] },
    { text: 'can you check A-number {v} for my N-400?', keep: ['N-400'] },
    { text: 'I think my alien # is {v}' },
    { text: 'registration number: {v}' },
    { text: '{v} is my A number', selfEvident: true },
    { text: 'The A-Number on my green card reads {v}' },
    { text: 'my uscis number is {v}, born 01/02/1990', keep: ['01/02/1990'] },
    { text: 'A-Number: {v}. Fee paid: $675.', keep: ['$675'] },
    {
      text: 'I lost the card with {v} on it, do I file I-90 for $465?',
      selfEvident: true,
      keep: ['I-90', '$465'],
    },
  ],
  es: [
    { text: 'Mi número A es {v}' },
    { text: 'mi número de extranjero es {v}' },
    { text: 'Número de registro de extranjero: {v}' },
    { text: 'numero A {v}' },
    { text: 'Mi numero de extranjero es el {v}' },
    {
      text: 'Tengo el número A {v} y presenté el formulario I-130 el 9 de mayo de 2023',
      keep: ['I-130', '9 de mayo de 2023'],
    },
    { text: 'Mi número USCIS es {v}' },
    { text: 'n.º A {v}' },
    { text: 'Mi número de registro es {v}' },
    { text: 'número de expediente {v}' },
    { text: 'El número A de mi tarjeta es {v}' },
    { text: 'Mi A-number es {v}' },
    { text: '{v} es mi número A', selfEvident: true },
    { text: 'número de A: {v}' },
    { text: 'Núm. A {v}' },
    { text: 'registro de extranjero {v}' },
    { text: 'mi número de extranjera es {v}, ¿cuánto cuesta el N-400?', keep: ['N-400'] },
    { text: '¿Pueden revisar el número A {v}? Pagué $760.', keep: ['$760'] },
    { text: 'Perdí mi tarjeta {v}; ¿uso el formulario I-90?', selfEvident: true, keep: ['I-90'] },
  ],
};

const SSN_TEMPLATES: Record<CorpusLocale, Template[]> = {
  en: [
    { text: 'my SSN is {v}' },
    { text: 'social security number {v}' },
    { text: 'SSN: {v}' },
    { text: "Here's my social {v}" },
    { text: 'ss# {v}' },
    { text: 'My social security no. is {v} and I live at ZIP 20529', keep: ['20529'] },
    { text: '{v} is my SSN' },
    { text: 'ITIN {v}' },
    { text: 'I put {v} on Form I-765 in 2024', keep: ['I-765', '2024'] },
    { text: 'tax id {v}, zip code 90210-1234', keep: ['90210-1234'] },
  ],
  es: [
    { text: 'mi seguro social es {v}' },
    { text: 'número de seguro social: {v}' },
    { text: 'Mi SSN es {v}' },
    { text: 'mi número de seguro social {v}' },
    { text: 'el seguro social {v} está en mi formulario I-485', keep: ['I-485'] },
    { text: 'ITIN {v}' },
    { text: 'mi social es {v}' },
    { text: 'Número de Seguro Social {v}; código postal 90210', keep: ['90210'] },
    { text: 'Le doy mi seguro: {v}. Nací el 15/03/1985.', keep: ['15/03/1985'] },
    { text: '{v} es mi número de seguro social' },
  ],
};

const EMAIL_TEMPLATES: Record<CorpusLocale, Template[]> = {
  en: [
    { text: 'write to {v}' },
    { text: 'my email is {v}' },
    { text: 'email: {v}' },
    { text: 'Contact me at {v} please' },
    { text: '{v}' },
    { text: 'send the I-797 notice to {v}.', keep: ['I-797'] },
  ],
  es: [
    { text: 'mi correo es {v}' },
    { text: 'correo electrónico: {v}' },
    { text: 'escríbame a {v}' },
    { text: 'mi e-mail {v}, gracias' },
    { text: 'Envíen la cita del 12/05/2024 a {v}.', keep: ['12/05/2024'] },
  ],
};

const RECEIPT_TEMPLATES: Record<CorpusLocale, Template[]> = {
  en: [
    { text: 'my receipt is {v}' },
    { text: 'case status {v}' },
    { text: 'Receipt Number: {v}' },
    { text: "what's the status of {v}?" },
    { text: '{v} for my I-765, filed 03/15/2024', keep: ['I-765', '03/15/2024'] },
    { text: 'I mailed the N-400 with $760; receipt {v}', keep: ['N-400', '$760'] },
  ],
  es: [
    { text: 'Mi número de recibo es {v}' },
    { text: 'estatus del caso {v}' },
    { text: 'recibo {v}' },
    { text: '¿Cómo va mi caso {v}?' },
    { text: 'Número de recibo: {v}. Lo presenté el 15 de marzo de 2024.', keep: ['15 de marzo de 2024'] },
    { text: 'Formulario I-131, recibo {v}', keep: ['I-131'] },
  ],
};

const PHONE_TEMPLATES: Record<CorpusLocale, Template[]> = {
  en: [
    { text: 'call me at {v}' },
    { text: 'my phone is {v}' },
    { text: 'phone: {v}' },
    { text: 'you can reach me on {v} after 5 pm', keep: ['5 pm'] },
    { text: 'my number is {v}' },
    { text: 'Text me at {v}' },
    { text: 'cell {v}' },
    { text: '{v} is my WhatsApp' },
  ],
  es: [
    { text: 'mi teléfono es {v}' },
    { text: 'llámeme al {v}' },
    { text: 'mi celular: {v}' },
    { text: 'número de teléfono {v}' },
    { text: 'Mi WhatsApp es {v}' },
    { text: 'puede llamarme al {v} después de las 17:00', keep: ['17:00'] },
    { text: 'Estoy en {v} de 8:00 a.m. a 5:00 p.m.', keep: ['8:00 a.m.', '5:00 p.m.'] },
  ],
};

const ANNOUNCED_PHONE_TEMPLATES: Record<CorpusLocale, Template[]> = {
  en: [{ text: 'my cell is {v}' }, { text: 'phone {v}' }, { text: 'call me at {v}' }],
  es: [{ text: 'teléfono: {v}' }, { text: 'mi celular es {v}' }, { text: 'llámeme al {v}' }],
};

/** Messages full of numbers and no personal data at all. */
const NOTHING_PERSONAL: Array<{ locale: CorpusLocale; text: string; keep: string[] }> = [
  {
    locale: 'en',
    text: 'I filed Form I-130 on 2023-05-09 and paid $535 for 2 people.',
    keep: ['I-130', '2023-05-09', '$535'],
  },
  { locale: 'en', text: 'The N-400 fee is $760, or $710 online.', keep: ['N-400', '$760', '$710'] },
  { locale: 'en', text: 'Do I need Form I-864 with my I-485?', keep: ['I-864', 'I-485'] },
  { locale: 'en', text: 'File AR-11 within 10 days of moving.', keep: ['AR-11', '10 days'] },
  { locale: 'en', text: 'Use G-1145 to get a text when the I-765 is accepted.', keep: ['G-1145', 'I-765'] },
  { locale: 'en', text: 'My interview is on 05/09/2023 at 8:30 a.m.', keep: ['05/09/2023', '8:30 a.m.'] },
  {
    locale: 'en',
    text: 'Send it to USCIS, P.O. Box 805887, Chicago, IL 60680-4120.',
    keep: ['805887', '60680-4120'],
  },
  { locale: 'en', text: 'Is the biometrics fee still $85 in 2024?', keep: ['$85', '2024'] },
  { locale: 'en', text: 'I-751 must be filed 90 days before the card expires.', keep: ['I-751', '90 days'] },
  { locale: 'en', text: 'My I-821D renewal was sent on March 15, 2024.', keep: ['I-821D', 'March 15, 2024'] },
  {
    locale: 'en',
    text: 'How long does the I-129F take? It has been 180 days.',
    keep: ['I-129F', '180 days'],
  },
  { locale: 'en', text: 'Section 245(i) and INA 212(a)(9)(B) questions', keep: ['245(i)', '212(a)(9)(B)'] },
  { locale: 'en', text: 'I live at 1600 Pennsylvania Ave, Washington DC 20500.', keep: ['1600', '20500'] },
  { locale: 'en', text: 'Between 2019 and 2023 I traveled 3 times.', keep: ['2019', '2023'] },
  {
    locale: 'en',
    text: 'Form G-28 was signed 12/01/2022; the N-600 on 1/5/2023.',
    keep: ['G-28', '12/01/2022', 'N-600', '1/5/2023'],
  },
  { locale: 'en', text: 'Fee: $1,225.00 total, including $85 biometrics.', keep: ['$1,225.00', '$85'] },
  { locale: 'en', text: 'My ZIP code is 20529-2100.', keep: ['20529-2100'] },
  { locale: 'en', text: 'The office is open 8:00 to 16:30, Monday to Friday.', keep: ['8:00', '16:30'] },
  { locale: 'en', text: 'Page 3 of 12, part 2, item 4.a.', keep: ['3 of 12'] },
  {
    locale: 'en',
    text: 'I was born on 1990-01-02 and entered on 2015-06-30.',
    keep: ['1990-01-02', '2015-06-30'],
  },
  {
    locale: 'es',
    text: 'Presenté el formulario I-130 el 9 de mayo de 2023 y pagué $535.',
    keep: ['I-130', '9 de mayo de 2023', '$535'],
  },
  { locale: 'es', text: 'La tarifa del N-400 es de 760 dólares.', keep: ['N-400', '760 dólares'] },
  { locale: 'es', text: '¿Necesito el I-864 con mi I-485?', keep: ['I-864', 'I-485'] },
  { locale: 'es', text: 'Presente el AR-11 en un plazo de 10 días.', keep: ['AR-11', '10 días'] },
  { locale: 'es', text: 'Mi cita de biometría es el 15/03/2024 a las 8:30.', keep: ['15/03/2024', '8:30'] },
  {
    locale: 'es',
    text: 'Pagué 1.225 dólares por el I-485 en 2023.',
    keep: ['1.225 dólares', 'I-485', '2023'],
  },
  {
    locale: 'es',
    text: 'Envíelo al apartado postal 805887, código postal 60680.',
    keep: ['805887', '60680'],
  },
  { locale: 'es', text: 'El I-765 tarda unos 90 días.', keep: ['I-765', '90 días'] },
  { locale: 'es', text: 'Llevo 5 años con la residencia, desde 2019-04-01.', keep: ['5 años', '2019-04-01'] },
  { locale: 'es', text: 'La oficina abre de 8:00 a 20:00, de lunes a viernes.', keep: ['8:00', '20:00'] },
  {
    locale: 'es',
    text: 'Formulario G-1145 y formulario I-131 enviados el 1/2/2024.',
    keep: ['G-1145', 'I-131', '1/2/2024'],
  },
  { locale: 'es', text: 'Mi código postal es 90210-1234.', keep: ['90210-1234'] },
  { locale: 'es', text: 'Vivo en Calle 5 de Mayo 123, Ciudad de México.', keep: ['5 de Mayo 123'] },
  { locale: 'es', text: 'La sección 245(i) aplica a mi caso de 2001.', keep: ['245(i)', '2001'] },
  { locale: 'es', text: 'Nací el 02-01-1990 y entré el 30-06-2015.', keep: ['02-01-1990', '30-06-2015'] },
  { locale: 'es', text: 'El formulario I-751 se presenta 90 días antes.', keep: ['I-751', '90 días'] },
  { locale: 'es', text: 'Tengo el I-821D desde 2012 y lo renové en 2024.', keep: ['I-821D', '2012', '2024'] },
  { locale: 'es', text: 'Pagué $85 de biometría y $1,225 en total.', keep: ['$85', '$1,225'] },
  // Shapes close to personal data that are not.
  {
    locale: 'en',
    text: 'Order 1234 5678 of the forms arrived in 2023 2024.',
    keep: ['1234 5678', '2023 2024'],
  },
  { locale: 'en', text: 'My I-94 admission record is from 2023 05 09.', keep: ['I-94', '2023 05 09'] },
  { locale: 'en', text: 'It costs 1,234,567 dollars? No, $1,225.', keep: ['1,234,567', '$1,225'] },
  { locale: 'en', text: 'Processing went from 8.5 to 10.5 months.', keep: ['8.5', '10.5'] },
  { locale: 'en', text: 'I got a 1040 tax return and a W-2 for 2023.', keep: ['1040', 'W-2', '2023'] },
  {
    locale: 'en',
    text: 'Category A 4 or C(9)? I have an EAD since 09-05-2023.',
    keep: ['A 4', 'C(9)', '09-05-2023'],
  },
  { locale: 'en', text: 'The timestamp was 09-05-2023 14:28:46.', keep: ['09-05-2023 14:28:46'] },
  { locale: 'en', text: 'Call the USCIS Contact Center, not my number.', keep: [] },
  {
    locale: 'en',
    text: 'My case has been pending 1,095 days; the I-130 priority date is 2019-11-30.',
    keep: ['1,095', 'I-130', '2019-11-30'],
  },
  { locale: 'es', text: 'Pagué 1 225 dólares y 85 dólares más.', keep: ['1 225', '85'] },
  { locale: 'es', text: 'Mi cita es el 2023 05 09 a las 14:30.', keep: ['2023 05 09', '14:30'] },
  { locale: 'es', text: 'El pedido 1234 5678 llegó el 1.2.2024.', keep: ['1234 5678', '1.2.2024'] },
  { locale: 'es', text: 'Tengo la categoría A 4 y un permiso C(8) de 2022.', keep: ['A 4', 'C(8)', '2022'] },
  { locale: 'es', text: 'La cuota subió de 1.140 a 1.440 dólares.', keep: ['1.140', '1.440'] },
  {
    locale: 'es',
    text: 'Llevo 1.095 días esperando el I-485 del 30/11/2019.',
    keep: ['1.095', 'I-485', '30/11/2019'],
  },
];

/** Each template with `perTemplate` typings of the value, cycling through them. */
function expand(
  kind: PersonalDataKind,
  templates: Record<CorpusLocale, Template[]>,
  values: readonly string[],
  perTemplate: number,
): CorpusCase[] {
  const cases: CorpusCase[] = [];
  let next = 0;
  for (const locale of ['en', 'es'] as const) {
    for (const template of templates[locale]) {
      const usable =
        template.selfEvident && kind === 'a_number' ? values.filter((value) => /^a/i.test(value)) : values;
      for (let count = 0; count < perTemplate; count += 1) {
        const value = usable[next % usable.length]!;
        next += 1;
        cases.push({
          locale,
          text: template.text.replace('{v}', value),
          personal: [{ kind, value }],
          keep: template.keep ?? [],
        });
      }
    }
  }
  return cases;
}

export const PERSONAL_DATA_CORPUS: readonly CorpusCase[] = [
  ...expand('a_number', A_NUMBER_TEMPLATES, A_NUMBERS, 3),
  ...expand('ssn', SSN_TEMPLATES, SSNS, 3),
  ...expand('email', EMAIL_TEMPLATES, EMAILS, 2),
  ...expand('receipt', RECEIPT_TEMPLATES, RECEIPTS, 2),
  ...expand('phone', PHONE_TEMPLATES, US_PHONES, 2),
  ...expand('phone', PHONE_TEMPLATES, WORLD_PHONES, 3),
  ...expand('phone', ANNOUNCED_PHONE_TEMPLATES, ANNOUNCED_PHONES, 2),
  // The phrasings the attack review found stored unmasked, word for word.
  { locale: 'en', text: 'A-number 12345678', personal: [{ kind: 'a_number', value: '12345678' }], keep: [] },
  {
    locale: 'es',
    text: 'Mi número A es 12345678',
    personal: [{ kind: 'a_number', value: '12345678' }],
    keep: [],
  },
  {
    locale: 'en',
    text: 'alien number: 87654321',
    personal: [{ kind: 'a_number', value: '87654321' }],
    keep: [],
  },
  {
    locale: 'es',
    text: 'mi número de extranjero es 87654321',
    personal: [{ kind: 'a_number', value: '87654321' }],
    keep: [],
  },
  {
    locale: 'es',
    text: 'Mi celular es +52 55 1234 5678',
    personal: [{ kind: 'phone', value: '+52 55 1234 5678' }],
    keep: [],
  },
  {
    locale: 'es',
    text: 'Mi móvil: +34 612 34 56 78',
    personal: [{ kind: 'phone', value: '+34 612 34 56 78' }],
    keep: [],
  },
  // Several kinds in one message.
  {
    locale: 'en',
    text: 'I am Ana, A-number 087654321, SSN 123-45-6789, email ana@example.org, phone +52 55 1234 5678, receipt EAC9999103402 for my I-485 filed 05/09/2023.',
    personal: [
      { kind: 'a_number', value: '087654321' },
      { kind: 'ssn', value: '123-45-6789' },
      { kind: 'email', value: 'ana@example.org' },
      { kind: 'phone', value: '+52 55 1234 5678' },
      { kind: 'receipt', value: 'EAC9999103402' },
    ],
    keep: ['I-485', '05/09/2023'],
  },
  {
    locale: 'es',
    text: 'Soy Luis, número de extranjero 12345678, seguro social 987-65-4321, correo luis@correo.mx, teléfono +34 612 34 56 78, recibo IOE0912345678 del I-765 (pagué $520 el 2 de enero de 2024).',
    personal: [
      { kind: 'a_number', value: '12345678' },
      { kind: 'ssn', value: '987-65-4321' },
      { kind: 'email', value: 'luis@correo.mx' },
      { kind: 'phone', value: '+34 612 34 56 78' },
      { kind: 'receipt', value: 'IOE0912345678' },
    ],
    keep: ['I-765', '$520', '2 de enero de 2024'],
  },
  ...NOTHING_PERSONAL.map((item) => ({ ...item, personal: [] })),
];
