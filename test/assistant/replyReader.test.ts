import { beforeAll, describe, expect, it } from 'vitest';
import { AssistantText } from '../../bot/assistant/assistantText.js';
import { MemoryStorage, ConversationState, UserState } from 'botbuilder';
import { ConversationMemory } from '../../bot/assistant/conversationMemory.js';
import { Phrasebook } from '../../bot/assistant/phrasebook.js';
import type { Prompt } from '../../bot/assistant/prompts/prompt.js';
import { Prompter } from '../../bot/assistant/prompts/prompter.js';
import { ReplyReader } from '../../bot/assistant/prompts/replyReader.js';
import { createI18n } from '../../bot/i18n/i18n.js';
import { FixedAnswerSource } from './support/fixedAnswerSource.js';
import { TEST_ARTICLES } from './support/testArticles.js';

/** A yes/no question with a third, numbered kind of answer (articles), as the assistant asks them. */
const PROMPT: Prompt = {
  question: { key: 'agentOffer.afterMisses' },
  choices: [
    { label: { key: 'agentOffer.yes' }, value: { type: 'agent_offer', accept: true }, phrases: ['yes'] },
    { label: { key: 'agentOffer.no' }, value: { type: 'agent_offer', accept: false }, phrases: ['no'] },
    {
      label: { articleId: 'lobby-hours' },
      value: { type: 'article', articleId: 'lobby-hours' },
      numbered: true,
    },
    { label: { articleId: 'parking' }, value: { type: 'article', articleId: 'parking' }, numbered: true },
    { value: { type: 'receipt_help', need: 'where' }, phrases: ['receiptWhere'] },
  ],
  outcome: 'agentOffer',
  expects: 'choice',
};

/**
 * The one reader of replies to the assistant's questions: what each typed reply picks, in both
 * languages, from the phrase lists of the resources.
 */
describe('ReplyReader', () => {
  let reader: ReplyReader;
  beforeAll(async () => {
    const i18n = await createI18n();
    const storage = new MemoryStorage();
    const memory = new ConversationMemory(new ConversationState(storage), new UserState(storage));
    const prompter = new Prompter(new AssistantText(i18n), new FixedAnswerSource(TEST_ARTICLES), memory);
    reader = new ReplyReader(new Phrasebook(i18n), prompter);
  });

  const picked = (text: string, value?: unknown) => {
    const reading = reader.read({ text, ...(value ? { value } : {}) }, PROMPT);
    return reading.kind === 'choice' ? reading.choice.value : null;
  };
  const yes = { type: 'agent_offer', accept: true };
  const no = { type: 'agent_offer', accept: false };
  const lobby = { type: 'article', articleId: 'lobby-hours' };
  const parking = { type: 'article', articleId: 'parking' };

  it.each([
    ['yes', yes],
    ['Yeah!', yes],
    ['sure', yes],
    ['ok', yes],
    ['yes please', yes],
    ['claro', yes],
    ['dale', yes],
    ['Órale', yes],
    ['sí, por favor', yes],
    ['Yes, please', yes], // the button's label, typed
    ['Sí, por favor', yes], // the other language's label
    ['nope', no],
    ['nop', no],
    ['no, gracias', no],
    ['No, thanks', no],
    ['1', lobby],
    ['the second one', parking],
    ['la primera', lobby],
    ['opción 2', parking],
    ['the last one', parking],
    ['Parking at the office', parking], // an article's title, typed
    ['estacionamiento en la oficina', parking],
    ['where do I find it?', { type: 'receipt_help', need: 'where' }], // a typed-only answer
  ])('when the visitor types %j, then it is the answer %j', (text, value) => {
    expect(picked(text)).toEqual(value);
  });

  it.each([
    ['yes no'], // both: no answer
    ['3'], // there is no third numbered choice
    ['how do I replace my badge?'], // a new question
    ['thanks'], // polite words alone say nothing
    [''],
  ])('when the visitor types %j, then it answers nothing and is read as a new message', (text) => {
    expect(picked(text)).toBeNull();
  });

  it("when a button's value comes, then it is that answer; another prompt's button is a new message", () => {
    expect(picked('whatever the title', { accept: false, type: 'agent_offer' })).toEqual(no);
    expect(picked('Show case history', { type: 'case_history' })).toBeNull();
  });

  it.each([
    ['how do I renew my card?', true],
    ['cómo renuevo mi tarjeta', true],
    ['I need to change my appointment date', true],
    ['Will Smith', false],
    ['Maria de la Cruz', false],
    ['maria@example.com', false],
  ])(
    'when %j is typed where a name or a contact was asked, then it is a new question: %s',
    (text, question) => {
      expect(reader.looksLikeQuestion(text)).toBe(question);
    },
  );
});
