import { describe, expect, it } from 'vitest';
import { contactIn } from '../../bot/assistant/dialogs/contactDetails.js';

describe('a contact inside a longer message (leave a message in one line)', () => {
  it('splits "name, email, question" around the email', () => {
    expect(contactIn('Juan Pérez, juan@Example.com, no me llegó la tarjeta')).toEqual({
      contact: { email: 'juan@example.com', phone: null },
      before: 'Juan Pérez',
      after: 'no me llegó la tarjeta',
    });
  });

  it('finds a phone number with its usual separators', () => {
    expect(contactIn('My name is Bo Lee - (202) 555-0143 - my card never came')).toEqual({
      contact: { email: null, phone: '(202) 555-0143' },
      before: 'My name is Bo Lee',
      after: 'my card never came',
    });
  });

  it('never takes a Social Security number, a receipt number or an A-number for a phone', () => {
    expect(contactIn('Ana 123-45-6789 my card')).toBeUndefined();
    expect(contactIn('Ana EAC9999103402')).toBeUndefined();
    expect(contactIn('Ana A123456789')).toBeUndefined();
  });
});
