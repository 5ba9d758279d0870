/**
 * Everything a backtest can run on, under one list: the real history bundled with the app
 * (usable offline), and the series of the candle cache (downloads and CSV imports). Bundled
 * files are parsed once, on first use, and kept in memory (they are small).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Dataset } from '../../../shared/ipc/schemas/strategies';
import { TradewindError } from '../../../shared/ipc/errors';
import { shareColumns, type CandleColumns } from '../strategy/candle-columns';
import type { CandleCache, SeriesRecord } from './candle-cache';
import { formatCsvIssue, parseOhlcvCsv } from './csv-import';

/** Folders under assets/data holding `BASE_QUOTE-<timeframe>.csv` files. */
const BUNDLED_FOLDERS = ['history', 'replay'] as const;
const FILE_NAME = /^([A-Z0-9]{1,20})_([A-Z0-9]{1,20})-(\d+[mhdw])\.csv$/;

interface BundledFile {
  id: string;
  file: string;
  symbol: string;
  timeframe: string;
  exchangeId: string | null;
}

interface LoadedBundle {
  dataset: Dataset;
  candles: CandleColumns;
}

export class Datasets {
  private bundledFiles: BundledFile[] | undefined;
  private readonly loaded = new Map<string, LoadedBundle>();

  constructor(
    private readonly cache: CandleCache,
    private readonly assetsDir: string,
  ) {}

  list(): Dataset[] {
    const bundled = this.files().map((file) => this.loadBundled(file).dataset);
    // A series a download has not filled yet (cancelled before its first page) has nothing to run on.
    return [
      ...bundled,
      ...this.cache
        .listSeries()
        .filter((s) => s.bars > 0)
        .map(cacheDataset),
    ];
  }

  /** The data set's description, or not_found (checked before a job starts). */
  describe(id: string): Dataset {
    const file = this.files().find((f) => f.id === id);
    if (file) return this.loadBundled(file).dataset;
    return cacheDataset(this.requireSeries(id));
  }

  load(id: string): { dataset: Dataset; candles: CandleColumns } {
    const file = this.files().find((f) => f.id === id);
    if (file) return this.loadBundled(file);
    const series = this.requireSeries(id);
    return { dataset: cacheDataset(series), candles: this.cache.readColumns(series.id) };
  }

  /** The cache series behind a `cache:<id>` data set; bundled sets are not deletable. */
  seriesId(id: string): number | undefined {
    const match = /^cache:(\d{1,12})$/.exec(id);
    return match ? Number(match[1]) : undefined;
  }

  private requireSeries(id: string): SeriesRecord {
    const seriesId = this.seriesId(id);
    const series = seriesId === undefined ? undefined : this.cache.getSeries(seriesId);
    if (!series) throw new TradewindError('not_found', `There is no data set "${id}"; pick one from the list.`);
    return series;
  }

  private files(): BundledFile[] {
    if (this.bundledFiles) return this.bundledFiles;
    const binanceReplay = this.replayBinanceFiles();
    const files: BundledFile[] = [];
    for (const folder of BUNDLED_FOLDERS) {
      const dir = path.join(this.assetsDir, 'data', folder);
      const names = fs.existsSync(dir) ? fs.readdirSync(dir).sort() : [];
      for (const name of names) {
        const match = FILE_NAME.exec(name);
        if (!match) continue;
        // history/ is Binance spot; in replay/ only the files markets.json lists are (the rest do not say).
        const exchangeId = folder === 'history' || binanceReplay.has(name) ? 'binance' : null;
        files.push({
          id: `bundled:${folder}/${name.slice(0, -'.csv'.length)}`,
          file: path.join(dir, name),
          symbol: `${match[1]}/${match[2]}`,
          timeframe: match[3]!,
          exchangeId,
        });
      }
    }
    this.bundledFiles = files;
    return files;
  }

  private replayBinanceFiles(): Set<string> {
    try {
      const manifest = JSON.parse(fs.readFileSync(path.join(this.assetsDir, 'data', 'replay', 'markets.json'), 'utf8')) as {
        markets?: Array<{ file?: unknown }>;
      };
      return new Set((manifest.markets ?? []).map((m) => m.file).filter((f): f is string => typeof f === 'string'));
    } catch {
      return new Set();
    }
  }

  private loadBundled(file: BundledFile): LoadedBundle {
    const cached = this.loaded.get(file.id);
    if (cached) return cached;
    const parsed = parseOhlcvCsv(fs.readFileSync(file.file, 'utf8'));
    if (!parsed.ok) {
      throw new Error(`Bundled data ${file.file} is corrupt (${formatCsvIssue(parsed.errors[0]!)}); reinstall Tradewind.`);
    }
    // Kept in shared memory: every backtest on it then hands the workers the same copy.
    const candles = shareColumns(parsed.candles);
    const first = candles.length > 0 ? candles.time[0]! : null;
    const last = candles.length > 0 ? candles.time[candles.length - 1]! : null;
    const origin = file.exchangeId === 'binance' ? 'Binance' : 'exchange not stated';
    const dataset: Dataset = {
      id: file.id,
      kind: 'bundled',
      label: `${file.symbol} ${file.timeframe} · ${origin}, ${monthSpan(first, last)} (bundled)`,
      exchangeId: file.exchangeId,
      symbol: file.symbol,
      timeframe: file.timeframe,
      bars: candles.length,
      firstTime: first,
      lastTime: last,
      updatedAt: null,
    };
    const entry = { dataset, candles };
    this.loaded.set(file.id, entry);
    return entry;
  }
}

export function cacheDataset(series: SeriesRecord): Dataset {
  const kind = series.kind;
  const origin = kind === 'import' ? 'imported CSV' : series.exchangeId;
  return {
    id: `cache:${series.id}`,
    kind,
    label:
      kind === 'import'
        ? `${series.label} ${series.timeframe} (${origin})`
        : `${series.symbol} ${series.timeframe} · ${origin} (downloaded)`,
    exchangeId: kind === 'import' ? null : series.exchangeId,
    symbol: series.symbol,
    timeframe: series.timeframe,
    bars: series.bars,
    firstTime: series.firstTime,
    lastTime: series.lastTime,
    updatedAt: series.updatedAt,
  };
}

function monthSpan(first: number | null, last: number | null): string {
  if (first === null || last === null) return 'empty';
  const month = (t: number) => new Date(t).toISOString().slice(0, 7);
  return month(first) === month(last) ? month(first) : `${month(first)} to ${month(last)}`;
}
