import { loadMongoLibrary } from '../../storage/drivers/mongoLibrary.js';
import type { Server } from 'socket.io';
import type { Logger } from '../../logging/logger.js';

/** The capped collection Socket.IO instances exchange events through (one per database). */
export const SOCKET_EVENTS_COLLECTION = 'socket.io-adapter-events';
/** Large enough for a few seconds of events at peak; old documents are dropped in order. */
const CAPPED_BYTES = 16 * 1024 * 1024;
/** MongoDB's "NamespaceExists": another instance created the collection first. */
const NAMESPACE_EXISTS = 48;

/**
 * With several instances, every room emit (an agent's reply to a visitor on another instance, a
 * queue update for all agents) must reach the sockets of every instance: the Socket.IO MongoDB
 * adapter relays them through a capped collection read with a change stream (MongoDB must be a
 * replica set). Installed on the shared server before any namespace has sockets, so it lives beside
 * that server (socketServer.ts): every namespace, visitor and agent alike, goes through it.
 */
export async function installMongoSocketAdapter(
  io: Server,
  options: { uri: string; dbName: string; logger: Logger },
): Promise<{ close(): Promise<void> }> {
  // Loaded only here: the embedded store's single instance never needs them.
  const [{ createAdapter }, { MongoClient, MongoServerError }] = await Promise.all([
    import('@socket.io/mongo-adapter'),
    loadMongoLibrary(),
  ]);
  const client = new MongoClient(options.uri);
  await client.connect();
  try {
    const db = client.db(options.dbName);
    try {
      await db.createCollection(SOCKET_EVENTS_COLLECTION, { capped: true, size: CAPPED_BYTES });
    } catch (error) {
      if (!(error instanceof MongoServerError && error.code === NAMESPACE_EXISTS)) throw error;
    }
    io.adapter(createAdapter(db.collection(SOCKET_EVENTS_COLLECTION)));
    options.logger.info(
      { collection: SOCKET_EVENTS_COLLECTION },
      'Socket.IO events shared between instances through MongoDB',
    );
  } catch (error) {
    await client.close();
    throw error;
  }
  return { close: () => client.close() };
}
