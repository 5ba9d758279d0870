/** Test helpers: a Tradewind database with enough rows to span many pages, and ways to damage a copy of it. */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { DB_FILE_NAME, openDatabase, type Db } from '../connection';

/** Opens (creating) the folder's database and fills `settings` with `rows` rows of ~200 bytes. */
export function populate(dataDir: string, rows = 2_000): Db {
  const db = openDatabase(dataDir);
  const insert = db.prepare('INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)');
  db.transaction(() => {
    for (let i = 0; i < rows; i++) insert.run(`row-${String(i).padStart(6, '0')}`, `value ${i} `.padEnd(200, 'x'));
  })();
  return db;
}

export function dbFile(dataDir: string): string {
  return path.join(dataDir, DB_FILE_NAME);
}

export function pageSizeOf(file: string): number {
  const header = Buffer.alloc(18);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, header, 0, 18, 0);
  } finally {
    fs.closeSync(fd);
  }
  const raw = header.readUInt16BE(16);
  return raw === 1 ? 65_536 : raw;
}

/** Overwrites one whole page (1-based) in the middle of the file with garbage, as a failing disk would. */
export function corruptPage(file: string, page?: number): number {
  const pageSize = pageSizeOf(file);
  const pages = Math.floor(fs.statSync(file).size / pageSize);
  const target = page ?? Math.floor(pages / 2);
  const fd = fs.openSync(file, 'r+');
  try {
    fs.writeSync(fd, Buffer.alloc(pageSize, 0x5a), 0, pageSize, (target - 1) * pageSize);
  } finally {
    fs.closeSync(fd);
  }
  return target;
}

/**
 * A page in the middle of one table's leaf pages (SQLite's dbstat), so a test damages the rows it
 * then reads wherever later migrations put other tables in the file.
 */
export function leafPageOf(file: string, table: string): number {
  const db = new Database(file, { readonly: true });
  try {
    const pages = db.prepare("SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY pageno").all(table) as {
      pageno: number;
    }[];
    const middle = pages[Math.floor(pages.length / 2)];
    if (!middle) throw new Error(`table ${table} has no leaf pages in ${file}`);
    return middle.pageno;
  } finally {
    db.close();
  }
}

export function fingerprint(file: string): string {
  return fs.readFileSync(file).toString('base64');
}
