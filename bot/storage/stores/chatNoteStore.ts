import { z } from 'zod';
import { COLLECTIONS } from '../collections.js';
import type { Driver } from '../driver.js';
import type * as ports from '../ports.js';
import { countSchema, idSchema, parse, textSchema, timestampSchema } from '../validation.js';
import { RecordCollection, naturalKey } from './recordCollection.js';

const noteSchema = z.strictObject({
  id: idSchema,
  conversationId: idSchema,
  agentId: idSchema,
  agentName: textSchema(200),
  kind: z.enum(['note', 'transfer']),
  text: textSchema(4000),
  afterSeq: countSchema,
  at: timestampSchema,
  toAgentId: idSchema.nullable(),
}) satisfies z.ZodType<ports.ChatNote>;

function noteKey(note: { conversationId: string; id: string }): string {
  return naturalKey(note.conversationId, note.id);
}

export class ChatNoteStore implements ports.ChatNoteStore {
  private readonly notes: RecordCollection<ports.ChatNote>;

  constructor(driver: Driver) {
    this.notes = new RecordCollection<ports.ChatNote>(driver.collection(COLLECTIONS.chatNotes), {
      key: noteKey,
    });
  }

  async add(note: ports.ChatNote): Promise<void> {
    await this.notes.insert(parse(noteSchema, note, 'chat note'));
  }

  async get(conversationId: string, id: string): Promise<ports.ChatNote | null> {
    return this.notes.get(
      noteKey({
        conversationId: parse(idSchema, conversationId, 'conversation id'),
        id: parse(idSchema, id, 'note id'),
      }),
    );
  }

  async list(conversationId: string): Promise<ports.ChatNote[]> {
    const checked = parse(idSchema, conversationId, 'conversation id');
    return this.notes.find({ conversationId: checked }, { sort: { at: 1 } });
  }

  async count(conversationId: string): Promise<number> {
    return this.notes.documents.count({ conversationId: parse(idSchema, conversationId, 'conversation id') });
  }

  async deleteBefore(cutoff: string): Promise<number> {
    return this.notes.documents.deleteMany({ at: { $lt: parse(timestampSchema, cutoff, 'cutoff') } });
  }
}
