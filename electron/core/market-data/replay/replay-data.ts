import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Candle } from '../../../../shared/domain/types';

const ReplayManifestSchema = z.object({
  exchangeId: z.string(),
  exchangeName: z.string(),
  description: z.string(),
  markets: z.array(
    z.object({
      symbol: z.string(),
      file: z.string().regex(/^[\w.-]+\.csv$/),
      amountStep: z.number().positive(),
      priceStep: z.number().positive(),
      minAmount: z.number().nonnegative(),
      minCost: z.number().nonnegative(),
    }),
  ),
});
export type ReplayManifest = z.infer<typeof ReplayManifestSchema>;
export type ReplayMarketSpec = ReplayManifest['markets'][number];

export interface ReplayMarketData {
  spec: ReplayMarketSpec;
  /** 5-minute bars, ascending by open time. */
  bars: Candle[];
}

export const REPLAY_BAR_MS = 300_000;

/** Parses a bundled OHLCV file. Bundled data is ours, but a corrupt install must say so clearly. */
export function parseBundledCsv(text: string, fileName: string): Candle[] {
  const lines = text.split(/\r?\n/);
  const bars: Candle[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    const fields = line.split(',').map(Number);
    if (fields.length !== 6 || fields.some((n) => !Number.isFinite(n))) {
      throw new Error(`Bundled replay file ${fileName} is corrupt at line ${i + 1}; reinstall Tradewind.`);
    }
    const bar = fields as Candle;
    if (bars.length > 0 && bar[0] <= bars[bars.length - 1]![0]) {
      throw new Error(`Bundled replay file ${fileName} is not sorted at line ${i + 1}; reinstall Tradewind.`);
    }
    bars.push(bar);
  }
  if (bars.length === 0) throw new Error(`Bundled replay file ${fileName} has no bars; reinstall Tradewind.`);
  return bars;
}

export function loadReplayData(replayDir: string): { manifest: ReplayManifest; markets: ReplayMarketData[] } {
  const manifestPath = path.join(replayDir, 'markets.json');
  const manifest = ReplayManifestSchema.parse(JSON.parse(fs.readFileSync(manifestPath, 'utf8')));
  const markets = manifest.markets.map((spec) => ({
    spec,
    bars: parseBundledCsv(fs.readFileSync(path.join(replayDir, spec.file), 'utf8'), spec.file),
  }));
  return { manifest, markets };
}
