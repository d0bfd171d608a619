import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../bot/logging/logger.js';
import { maskPersonalData, maskPersonalDataDeep } from '../../bot/privacy/personalData.js';

const cases: Array<[string, string, string]> = [
  ['receipt number', 'my receipt is eac-99-991-03402', 'EAC*******3402'],
  ['receipt number in Spanish, spaced', 'Mi número de recibo es EAC 99 991 03402.', 'EAC*******3402'],
  ['receipt number, compact', 'WAC1234567890', 'WAC*******7890'],
  ['A-number with dashes', 'A-123-456-789', 'A*****789'],
  ['A-number compact', 'my A number is A12345678', 'A*****678'],
  ['SSN with dashes', 'ssn 123-45-6789', '***-**-****'],
  ['SSN as nine digits', 'mi seguro social 123456789', '***-**-****'],
  ['email', 'write to maria.lopez@example.org', 'm***@***'],
  ['phone with parentheses', 'call (555) 123-4567', '***-***-4567'],
  ['phone with +1 and dots', '+1 555.123.4567', '***-***-4567'],
];

describe('personal data masking', () => {
  it.each(cases)('masks a %s', (_kind, text, masked) => {
    const result = maskPersonalData(text);
    expect(result).toContain(masked);
    const digits = text.replace(/\D/g, '');
    if (digits.length >= 8) expect(result.replace(/\D/g, '').length).toBeLessThan(digits.length);
  });

  it("leaves the agency's public phone lines alone, in text and in tel: links, and still masks a visitor's", () => {
    const text =
      'Call [800-375-5283](tel:+18003755283) (TTY [800-767-1833](tel:+18007671833)) or me at 800-375-5284.';
    expect(maskPersonalData(text)).toBe(
      'Call [800-375-5283](tel:+18003755283) (TTY [800-767-1833](tel:+18007671833)) or me at ***-***-5284.',
    );
  });

  it('leaves ordinary text, form names and dates alone', () => {
    const text = 'I filed Form I-130 on 2023-05-09 and paid $535 for 2 people.';
    expect(maskPersonalData(text)).toBe(text);
  });

  it('masks strings nested in objects, arrays and errors without changing their shape', () => {
    const masked = maskPersonalDataDeep({
      text: 'EAC9999103402',
      list: ['a@b.co', 3],
      err: new Error('lookup failed for LIN1234567890'),
    });
    expect(masked.text).toBe('EAC*******3402');
    expect(masked.list).toEqual(['a***@***', 3]);
    expect(JSON.stringify(masked.err)).toContain('LIN*******7890');
    expect(JSON.stringify(masked)).not.toMatch(/1234567890|9999103402/);
  });

  it('when the same object is in a value twice, or in a cycle, then every place of it is masked', () => {
    const card = { text: 'Your receipt is EAC9999103402' };
    const value: Record<string, unknown> = { first: card, again: card, list: [card, card] };
    value.self = value;
    const masked = maskPersonalDataDeep(value);
    expect(masked.again).toEqual({ text: 'Your receipt is EAC*******3402' });
    expect((masked.list as unknown[])[1]).toBe(masked.first);
    expect(masked.self).toBe(masked);
    expect(card.text).toBe('Your receipt is EAC9999103402');
  });

  it('when anything logs personal data, then the log line carries only the masked form', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const logger = createLogger({ level: 'info', pretty: false }, sink);
    logger.info('visitor wrote EAC9999103402 and 123-45-6789');
    logger.info({ question: 'email me at juan@example.com', nested: { phone: '555-123-4567' } }, 'question');
    logger.error({ err: new Error('case A-123-456-789 not found') }, 'lookup failed');
    logger.child({ conversationId: 'c1' }).warn({ text: 'WAC1234567890' }, 'child logger');
    const output = lines.join('');
    expect(output).not.toMatch(
      /9999103402|123-45-6789|juan@example\.com|555-123-4567|123-456-789|1234567890/,
    );
    expect(output).toContain('EAC*******3402');
    expect(output).toContain('"conversationId":"c1"');
    expect(lines).toHaveLength(4);
  });
});
