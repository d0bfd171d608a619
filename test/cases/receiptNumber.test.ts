import { describe, expect, it } from 'vitest';
import {
  RECEIPT_NUMBER_PREFIXES,
  findReceiptNumber,
  maskReceiptNumber,
  normaliseReceiptNumber,
} from '../../bot/cases/index.js';

describe('findReceiptNumber: a valid receipt number in any common typing', () => {
  it.each([
    // [message, expected receipt number]
    ['EAC9999103402', 'EAC9999103402'],
    ['eac9999103402', 'EAC9999103402'],
    ['EAC 99-991-03402', 'EAC9999103402'],
    ['eac-99-991-03402', 'EAC9999103402'],
    ['EAC-9999103402', 'EAC9999103402'],
    ['EAC 9999103402', 'EAC9999103402'],
    ['EAC 999 910 3402', 'EAC9999103402'],
    ['EAC 9999 1034 02', 'EAC9999103402'],
    ['EAC.99.991.03402', 'EAC9999103402'],
    ['EAC - 99 - 991 - 03402', 'EAC9999103402'],
    ['EAC: 9999103402', 'EAC9999103402'],
    ['EAC#9999103402', 'EAC9999103402'],
    ['EAC–99–991–03402', 'EAC9999103402'], // en dashes pasted from a document
    ['ＥＡＣ９９９９１０３４０２', 'EAC9999103402'], // full-width characters from a phone keyboard
    ['Eac9999103402', 'EAC9999103402'],
    // Inside English sentences
    ['my receipt is eac-99-991-03402', 'EAC9999103402'],
    ['Hi, what is the status of EAC9999103402?', 'EAC9999103402'],
    ['Receipt number: WAC9999100001. Thanks!', 'WAC9999100001'],
    ['(LIN9999100002)', 'LIN9999100002'],
    ['"IOE0912345678"', 'IOE0912345678'],
    ['case#SRC9999132694 please', 'SRC9999132694'],
    ['I filed Form I-130 and my receipt number is MSC 99-991-00005', 'MSC9999100005'],
    ['EAC9999103402 was filed on 2023-05-09', 'EAC9999103402'],
    ['EAC9999103402 2024', 'EAC9999103402'],
    ['my wife is WAC9999100001 and I am EAC9999103402', 'WAC9999100001'],
    ['EAC 123 sorry, I mean EAC9999103402', 'EAC9999103402'],
    // Inside Spanish sentences
    ['Mi número de recibo es EAC-99-991-03402, gracias.', 'EAC9999103402'],
    ['¿Cuál es el estado de mi caso eac9999103402?', 'EAC9999103402'],
    ['mi caso: NBC 9999100007', 'NBC9999100007'],
    ['Hola, quiero saber sobre YSC9999100009 por favor', 'YSC9999100009'],
    ['Número de recibo: «IOE9999100006»', 'IOE9999100006'],
    // Every known prefix
    ...RECEIPT_NUMBER_PREFIXES.map((prefix): [string, string] => [
      `${prefix.toLowerCase()}-99-991-03402`,
      `${prefix}9999103402`,
    ]),
  ])('when the message is %j, then %s is found', (message, expected) => {
    const result = findReceiptNumber(message);
    expect(result).toMatchObject({ kind: 'found', receiptNumber: expected });
  });

  it('when found, then `raw` is the text as typed (for echoing back or highlighting)', () => {
    expect(findReceiptNumber('my receipt is eac-99-991-03402, thanks')).toEqual({
      kind: 'found',
      receiptNumber: 'EAC9999103402',
      raw: 'eac-99-991-03402',
    });
  });
});

describe('findReceiptNumber: an attempt that is malformed', () => {
  it.each([
    ['EAC 99991034', 'wrong_digit_count'], // 8 digits
    ['EAC999910340', 'wrong_digit_count'], // 9 digits
    ['eac-99-991-034021', 'wrong_digit_count'], // 11 digits
    ['EAC99991034021', 'wrong_digit_count'],
    ['my receipt is EAC99991O3402', 'wrong_digit_count'], // the letter O for a zero
    ['mi recibo es WAC 999910000', 'wrong_digit_count'],
    ['EAK9999103402', 'unknown_prefix'],
    ['ABC-9999103402', 'unknown_prefix'],
    ['my receipt is XYZ9999103402', 'unknown_prefix'],
    ['EA9999103402', 'wrong_letter_count'],
    ['EACX9999103402', 'wrong_letter_count'],
  ] as const)('when the message is %j, then it is malformed (%s)', (message, problem) => {
    expect(findReceiptNumber(message)).toMatchObject({ kind: 'malformed', problem });
  });
});

describe('findReceiptNumber: no false positives', () => {
  it.each([
    [''],
    ['hello, I need help with my case'],
    ['¿Cómo puedo cambiar mi dirección?'],
    // Form numbers
    ['I filed an I-130 and an I-485'],
    ['Form N-400, AR-11, DS-260 and G-1145'],
    ['What is form I-765?'],
    // A-numbers and Social Security numbers
    ['my A-number is A123456789'],
    ['A-123-456-789'],
    ['A# 012345678'],
    ['SSN 123-45-6789'],
    // Phone numbers
    ['call me at 202-555-1234'],
    ['my phone is (202) 555-1234'],
    ['tel 2025551234'],
    ['Tel: 202-555-1234'],
    ['the number is 800-375-5283'],
    ['mi teléfono es 787 555 1234'],
    ['con 1234567890'],
    // Dates and times
    ['on Jan 20, 2026'],
    ['I moved on 2026-01-20'],
    ['filed 05/09/2024'],
    ['el 5 de septiembre de 2023'],
    ['see NBC 2024-01-01'],
    // Ordinary words next to numbers
    ['NBC 4 news'],
    ['the 1234567890'],
    ['the eac is 9999103402'], // the prefix must be next to the digits
    ['año 2026, mes 12'],
    ['ZIP 20529'],
    ['I paid $1,225 for 3 forms'],
    ['EAC'],
    ['EAC 123'],
    // Letters glued to a longer word
    ['lineac9999103402'],
  ])('when the message is %j, then nothing is found', (message) => {
    expect(findReceiptNumber(message)).toEqual({ kind: 'none' });
  });
});

describe('normaliseReceiptNumber', () => {
  it.each([
    ['EAC9999103402', 'EAC9999103402'],
    [' eac-99-991-03402 ', 'EAC9999103402'],
    ['EAC 999 910 3402', 'EAC9999103402'],
    ['XYZ9999103402', 'XYZ9999103402'], // the prefix is the API's business
    ['EAC999910340', null],
    ['EAC 9999103402 please', null],
    ['', null],
  ])('when given %j, then it is %j', (input, expected) => {
    expect(normaliseReceiptNumber(input)).toBe(expected);
  });
});

describe('maskReceiptNumber', () => {
  it.each([
    ['EAC9999103402', 'EAC*******3402'],
    ['eac-99-991-03402', 'EAC*******3402'],
    ['IOE0912345678', 'IOE*******5678'],
    ['EAC99991', 'EAC*******9991'], // a short attempt keeps the same fixed-width mask
    ['EAC123', '******'],
    ['', '*'],
  ])('when masking %j, then it reads %j', (input, expected) => {
    expect(maskReceiptNumber(input)).toBe(expected);
  });
});
