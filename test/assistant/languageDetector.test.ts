import { describe, expect, it } from 'vitest';
import { LanguageDetector } from '../../bot/assistant/languageDetector.js';
import { languageDetectionTestCases } from './testData/languageDetectionTestCases.js';

describe('LanguageDetector', () => {
  const detector = new LanguageDetector();
  it.each(languageDetectionTestCases)(
    'when the visitor writes "$text", then the language is $expected',
    ({ text, expected }) => {
      expect(detector.detect(text)).toBe(expected);
    },
  );
});
