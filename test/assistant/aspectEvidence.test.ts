import { describe, expect, it } from 'vitest';
import enBot from '../../bot/i18n/locales/en/bot.json' with { type: 'json' };
import esBot from '../../bot/i18n/locales/es/bot.json' with { type: 'json' };
import { AspectEvidence } from '../../bot/assistant/followUps/aspectEvidence.js';

/** The resources' own phrases: what a passage must say to answer "how long does it take?". */
const time = {
  en: new AspectEvidence(
    enBot.followUp.evidence.time,
    enBot.followUp.numberWords,
    enBot.followUp.evidenceExcept.time,
  ),
  es: new AspectEvidence(
    esBot.followUp.evidence.time,
    esBot.followUp.numberWords,
    esBot.followUp.evidenceExcept.time,
  ),
};

describe('a passage that states how long something takes', () => {
  it.each([
    ['en', 'Urgent inquiries are answered within 24–72 hours; others within 30 business days.'],
    ['en', 'The new badge is printed while you wait, in about fifteen minutes.'],
    ['en', 'How long Form I-90 takes is on the USCIS **processing times** page.'],
    ['es', 'Las consultas urgentes se responden en 24 a 72 horas; las demás, dentro de 30 días hábiles.'],
    ['es', 'El gafete nuevo se imprime mientras espera, en unos quince minutos.'],
    ['es', 'Revise los tiempos de procesamiento de su formulario.'],
    ['es', 'Recibirá un aviso cada DOS SEMANAS.'],
    // A deadline beside a duration: the duration still counts.
    ['en', 'File up to 90 days before; the card arrives in about two weeks.'],
    ['es', 'Preséntelo hasta 90 días antes; la tarjeta llega en unas dos semanas.'],
  ] as const)('%s: "%s" states it', (locale, passage) => {
    expect(time[locale].states(passage)).toBe(true);
  });

  it.each([
    ['en', 'The date, time and place are on your notice.'],
    ['en', 'The Federal Trade Commission (FTC) takes reports of immigration scams online.'],
    ['en', 'Form I-90 is filed online; a 2-year card has its own form.'],
    ['es', 'El Formulario I-90 se presenta en línea o por correo, en cualquier momento.'],
    ['es', 'Llegue a tiempo: el guardia revisa cada bolso.'],
    // Deadlines and expiry windows name a number of days, but not how long anything takes.
    ['en', 'A conditional resident also uses Form I-90, unless the card expires within 90 days.'],
    ['en', 'Form N-400 can be filed up to 90 days before you complete the 5-year period.'],
    ['en', 'Report a new address within 10 days of moving.'],
    ['es', 'También usa el Formulario I-90, salvo que la tarjeta venza en 90 días.'],
    ['es', 'El Formulario N-400 se puede presentar hasta 90 días antes de cumplir el periodo de 5 años.'],
    ['es', 'La tarjeta de 10 años ya venció o vence en los próximos 6 meses.'],
    // An age is a number of years, not how long anything takes.
    ['en', 'Parents of citizens who are 21 years or older do not wait for a visa number.'],
    ['en', 'Children under 21 years of age qualify as immediate relatives.'],
    ['es', 'Los hijos solteros menores de 21 años y los padres de ciudadanos de 21 años o más no esperan.'],
    ['es', 'El solicitante debe tener 18 años o más.'],
  ] as const)('%s: "%s" does not', (locale, passage) => {
    expect(time[locale].states(passage)).toBe(false);
  });

  it('a detail with no phrases listed needs no evidence', () => {
    expect(new AspectEvidence([], []).states('anything at all')).toBe(true);
  });
});
