import type * as Mongo from 'mongodb';

/**
 * The MongoDB driver, loaded when a MongoDB store (or the Socket.IO adapter over it) is opened:
 * the embedded default never loads it, a quarter of a second of every start-up. Its types are
 * imported statically where needed (`import type` costs nothing at run time).
 */
export type MongoLibrary = typeof Mongo;

export function loadMongoLibrary(): Promise<MongoLibrary> {
  return import('mongodb');
}
