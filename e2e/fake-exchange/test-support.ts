/**
 * Small helpers shared by the fake exchange's own tests (and usable by later exchange tests).
 */
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_DATA_DIR } from './candles';

/** Awaits a promise that must reject and returns what it rejected with. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail, but it succeeded');
}

/** The raw rows of a replay CSV, as strings, for comparisons that must not trust the fake's parser. */
export function csvRows(file: string): string[][] {
  return fs
    .readFileSync(path.join(DEFAULT_DATA_DIR, file), 'utf8')
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((line) => line.split(','));
}

/** ccxt types ids as `string | undefined`; an order the exchange accepted always has one. */
export function idOf(order: { id?: string | undefined }): string {
  if (order.id === undefined) throw new Error('order without an id');
  return order.id;
}
