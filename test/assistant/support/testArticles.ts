import type { Locale } from '../../../contracts/locale.js';
import type { KnowledgeArticle } from '../../../knowledge/content/article.js';

/**
 * A tiny made-up knowledge base for dialog tests, where what the engine would choose is not the
 * point: the fixed answer source below decides. Real articles and the real engine are exercised
 * through /api/messages in assistantEndToEnd.test.ts.
 */
function article(
  id: string,
  locale: Locale,
  title: string,
  answer: string,
  related: string[],
  body = '',
): KnowledgeArticle {
  return {
    id,
    locale,
    title,
    answer,
    body,
    questions: [],
    tags: [],
    synonyms: [],
    related,
    links: [{ title: `${title} (source)`, url: `https://example.gov/${locale}/${id}` }],
    updated: '2026-01-01',
    lastReviewed: '2026-01-01',
  };
}

export const TEST_ARTICLES: KnowledgeArticle[] = [
  article(
    'visitor-rules',
    'en',
    'Rules for visitors',
    'Visitors sign in at the front desk and wear a badge.',
    [],
    '## At the door\n\nBring a photo ID.\n\n## Inside\n\n- Bags are checked.\n- Food is not allowed in the waiting room.',
  ),
  article(
    'visitor-rules',
    'es',
    'Reglas para visitantes',
    'Los visitantes se registran en la recepción y llevan un gafete.',
    [],
    '## En la entrada\n\nTraiga una identificación con foto.\n\n## Adentro\n\n- Se revisan los bolsos.\n- No se permite comida en la sala de espera.',
  ),
  article(
    'legal-help',
    'en',
    'Finding legal help',
    'Only an attorney or an accredited representative can advise you on your own case.',
    [],
  ),
  article(
    'legal-help',
    'es',
    'Cómo encontrar ayuda legal',
    'Solo un abogado o un representante acreditado puede aconsejarle sobre su caso.',
    [],
  ),
  article(
    'lobby-hours',
    'en',
    'Lobby opening hours',
    'The lobby opens at nine in the morning on weekdays and closes at four.',
    ['parking', 'photo-rules'],
  ),
  article(
    'lobby-hours',
    'es',
    'Horario del vestíbulo',
    'El vestíbulo abre a las nueve de la mañana entre semana y cierra a las cuatro.',
    ['parking', 'photo-rules'],
  ),
  article(
    'parking',
    'en',
    'Parking at the office',
    'Visitor parking is on the north side of the building and is free for two hours.',
    ['lobby-hours'],
  ),
  article(
    'parking',
    'es',
    'Estacionamiento en la oficina',
    'El estacionamiento para visitantes está al norte del edificio y es gratis por dos horas.',
    ['lobby-hours'],
  ),
  article(
    'photo-rules',
    'en',
    'Photo rules for applications',
    'Photos must be two by two inches, in color, taken within the last six months.',
    [],
  ),
  article(
    'photo-rules',
    'es',
    'Reglas de fotos para solicitudes',
    'Las fotos deben medir dos por dos pulgadas, a color y tomadas en los últimos seis meses.',
    [],
  ),
  // Articles with a body, for follow-ups that ask about one detail of the topic.
  article(
    'badge-replacement',
    'en',
    'Replacing a visitor badge',
    'Ask for a new visitor badge at the lobby desk with the replacement form.',
    ['lobby-hours'],
    [
      '## Fee',
      'A replacement badge costs ten dollars, paid at the desk by card.',
      '## How long it takes',
      'The new badge is printed while you wait, in about fifteen minutes.',
      '## If your badge is lost or stolen',
      '- Report a lost or stolen badge to security first, so it is switched off.',
      '- Then ask for a replacement at the desk.',
    ].join('\n\n'),
  ),
  article(
    'badge-replacement',
    'es',
    'Reemplazar un gafete de visitante',
    'Pida un gafete nuevo en el mostrador del vestíbulo con el formulario de reemplazo.',
    ['lobby-hours'],
    [
      '## Tarifa',
      'Un gafete de reemplazo cuesta diez dólares, que se pagan en el mostrador con tarjeta.',
      '## Cuánto tarda',
      'El gafete nuevo se imprime mientras espera, en unos quince minutos.',
      '## Si perdió su gafete o se lo robaron',
      '- Avise primero a seguridad de la pérdida o el robo del gafete, para que lo desactiven.',
      '- Luego pida el reemplazo en el mostrador.',
    ].join('\n\n'),
  ),
  article(
    'office-visit',
    'en',
    'Visiting the office',
    'The office receives visitors from 8 a.m. to 4 p.m. with an appointment.',
    ['parking'],
    [
      '## Before you come',
      'Bring your appointment letter and a photo ID.',
      // Words a "how long" follow-up is written with, in other senses: not a duration.
      '## At the door',
      'Please be on time: the guard takes a quick look at every bag.',
    ].join('\n\n'),
  ),
  article(
    'office-visit',
    'es',
    'Visitar la oficina',
    'La oficina recibe visitantes de 8 a.m. a 4 p.m. con cita.',
    ['parking'],
    [
      '## Antes de venir',
      'Traiga su carta de cita y una identificación con foto.',
      '## En la puerta',
      'Llegue a tiempo: el guardia revisa cada bolso.',
    ].join('\n\n'),
  ),
  article(
    'fees',
    'en',
    'Fees for our services',
    'Every service has its own fee, listed on its page; most can be paid by card.',
    [],
  ),
  article(
    'fees',
    'es',
    'Tarifas de nuestros servicios',
    'Cada servicio tiene su propia tarifa, que aparece en su página; la mayoría se paga con tarjeta.',
    [],
  ),
];
