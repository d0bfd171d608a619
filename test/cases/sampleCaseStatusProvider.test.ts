import { describe, expect, it } from 'vitest';
import {
  createSampleCaseStatusProvider,
  findReceiptNumber,
  sampleCaseFileSchema,
  type CaseDetails,
} from '../../bot/cases/index.js';
import sampleCases from '../../bot/cases/sampleCases.json' with { type: 'json' };

const provider = createSampleCaseStatusProvider();

async function found(receiptNumber: string): Promise<CaseDetails> {
  const result = await provider.getStatus(receiptNumber);
  if (result.kind !== 'found') throw new Error(`expected ${receiptNumber} to be found, got ${result.kind}`);
  return result.case;
}

describe('the sample case-status provider', () => {
  it('when asked for the sandbox receipt EAC9999103402, then the approved I-130 is found in both languages', async () => {
    const details = await found('EAC9999103402');
    expect(details.formType).toBe('I-130');
    expect(details.status.en.title).toBe('Case Was Approved');
    expect(details.status.es?.title).toBe('Caso Fue Aprobado');
    expect(details.lastChanged?.toISOString()).toBe('2023-09-05T04:00:00.000Z');
    expect(details.history.length).toBeGreaterThan(1);
  });

  it.each([
    ['received', 'WAC9999100001', 'Case Was Received', 'Caso Fue Recibido'],
    [
      'actively reviewed',
      'LIN9999100002',
      'Case Is Being Actively Reviewed By USCIS',
      'Caso Está Siendo Revisado Activamente por USCIS',
    ],
    ['RFE sent', 'SRC9999100003', 'Request for Evidence Was Sent', 'Solicitud de Evidencia Fue Enviada'],
    [
      'RFE response received',
      'EAC9999100004',
      "Response To USCIS' Request For Evidence Was Received",
      'Respuesta a la Solicitud de Evidencia Fue Recibida',
    ],
    ['interview scheduled', 'MSC9999100005', 'Interview Was Scheduled', 'Entrevista Fue Programada'],
    ['approved', 'EAC9999103402', 'Case Was Approved', 'Caso Fue Aprobado'],
    ['card mailed', 'IOE9999100006', 'Card Was Mailed To Me', 'Tarjeta Fue Enviada por Correo'],
    ['denied', 'NBC9999100007', 'Case Was Denied', 'Caso Fue Denegado'],
  ])(
    'when a case is %s (%s), then both titles read as USCIS writes them',
    async (_status, receiptNumber, en, es) => {
      const details = await found(receiptNumber);
      expect(details.status.en.title).toBe(en);
      expect(details.status.es?.title).toBe(es);
      expect(details.status.en.description).toContain(receiptNumber);
      expect(details.status.es?.description).toContain(receiptNumber);
    },
  );

  it('when the case has no Spanish text, then es is null for the status and the history', async () => {
    const details = await found('WAC9999100008');
    expect(details.status.es).toBeNull();
    expect(details.history.every((entry) => entry.es === null)).toBe(true);
  });

  it('when the case has no dates and no history (IOE style), then they are null and empty', async () => {
    const details = await found('IOE9999100010');
    expect(details.submitted).toBeNull();
    expect(details.lastChanged).toBeNull();
    expect(details.history).toEqual([]);
  });

  it('when the receipt number is typed loosely, then it is still found', async () => {
    expect((await provider.getStatus('eac-99-991-03402')).kind).toBe('found');
  });

  it('when the case is unknown, then not_found; when the input is not a receipt number, then invalid', async () => {
    expect(await provider.getStatus('EAC9999199999')).toEqual({ kind: 'not_found' });
    expect(await provider.getStatus('EAC123')).toEqual({ kind: 'invalid' });
  });

  it.each([
    ['EAC9999190001', { kind: 'unavailable', reason: 'timeout' }],
    ['EAC9999190002', { kind: 'unavailable', reason: 'outage' }],
    ['EAC9999190003', { kind: 'unavailable', reason: 'circuit_open' }],
    ['EAC9999190004', { kind: 'unavailable', reason: 'rate_limited' }],
    ['EAC9999190005', { kind: 'daily_limit' }],
    ['EAC9999190006', { kind: 'invalid' }],
  ])('when the reserved number %s is asked, then it rehearses %j', async (receiptNumber, expected) => {
    expect(await provider.getStatus(receiptNumber)).toEqual(expected);
  });

  it('when a caller changes a result, then the sample data does not change', async () => {
    const first = await found('EAC9999103402');
    first.status.en.title = 'changed';
    first.history.length = 0;
    const second = await found('EAC9999103402');
    expect(second.status.en.title).toBe('Case Was Approved');
    expect(second.history.length).toBeGreaterThan(0);
  });

  it('when the data file is checked, then it is valid and every sample number is found in a message', () => {
    const data = sampleCaseFileSchema.parse(sampleCases);
    for (const sample of data.cases) {
      expect(findReceiptNumber(`my receipt is ${sample.receiptNumber}`)).toMatchObject({
        kind: 'found',
        receiptNumber: sample.receiptNumber,
      });
    }
    expect(new Set(data.cases.map((sample) => sample.receiptNumber)).size).toBe(data.cases.length);
  });

  it('when custom data is invalid, then creating the provider fails with a readable message', () => {
    expect(() =>
      createSampleCaseStatusProvider({
        cases: [
          {
            receiptNumber: 'eac123',
            formType: 'I-130',
            submitted: null,
            lastChanged: null,
            status: { en: { title: 'x', description: 'y' }, es: null },
            history: [],
          },
        ],
      }),
    ).toThrow(/3 upper-case letters and 10 digits/);
  });
});
