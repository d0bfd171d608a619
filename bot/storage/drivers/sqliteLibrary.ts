import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';

/**
 * better-sqlite3, in the version this Node runs safely. Version 12 is the one for Node 20 (13
 * needs Node 22 and crashes the process on 20). On Node 22 and later it is 13 (installed as
 * `better-sqlite3-node22`), because 12's native objects abort the process when the garbage
 * collector finalizes one at a moment Node 24 has no environment for (always at exit, and
 * sometimes while running): 13 is built on Node-API and ships its binaries in the package, so it
 * needs no compiler either. The API the driver uses is the same in both.
 */
const require = createRequire(import.meta.url);
const nodeMajor = Number(process.versions.node.split('.')[0]);

/** The package loaded (a worker thread that opens the file loads the same one). */
export const LIBRARY_NAME = nodeMajor >= 22 ? 'better-sqlite3-node22' : 'better-sqlite3';

export const Database = require(LIBRARY_NAME) as typeof BetterSqlite3;

export type Connection = BetterSqlite3.Database;
export type Statement = BetterSqlite3.Statement;
export const SqliteError = Database.SqliteError;
export type SqliteError = BetterSqlite3.SqliteError;
