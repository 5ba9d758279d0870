/** An ONNX model as a block runtime: the batch column equals the streaming steps bar for bar, warm-up included. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ColumnStore, Registers } from '../../strategy/compiler/runtime-types';
import { planMapping } from './input-mapping';
import { onnxBlockRuntime } from './onnx-block-runtime';
import { OnnxPredictor } from './onnx-predictor';
import { createSession, createSyncSession, loadOnnxRuntime, signatureOf } from './onnx-runtime';

const BARS = 400;

describe('onnxBlockRuntime', () => {
  it('batch and streaming give identical predictions on every bar, NaN while a feature warms up', async () => {
    const ort = await loadOnnxRuntime();
    const bytes = readFileSync(path.join(__dirname, 'fixtures', 'logreg3.onnx'));
    const plan = planMapping(signatureOf(await createSession(ort, bytes)), {
      inputs: [{ name: 'x', features: ['a.value', 'b.value', 'c.value'] }],
      output: { name: 'probability', column: 0 },
    });
    const { session } = await createSyncSession(bytes);
    const predictor = new OnnxPredictor(ort, session, plan, 'logreg3');
    // Slots 6-8 hold the features (0-5 are the candle columns), 9 the prediction.
    const features = [6, 7, 8];
    const cols: ColumnStore = { num: Array.from({ length: 10 }, () => new Float64Array(BARS + 16).fill(-1)), bool: [] };
    for (let bar = 0; bar < BARS; bar++) {
      cols.num[6]![bar] = bar < 14 ? Number.NaN : 30 + 40 * Math.sin(bar / 9); // an RSI-like warm-up of 14 bars
      cols.num[7]![bar] = Math.cos(bar / 17) * 3;
      cols.num[8]![bar] = bar < 20 ? Number.NaN : (bar % 13) / 4;
    }
    const runtime = onnxBlockRuntime(predictor, features, 9);
    runtime.batch!(cols, BARS);

    const regs = { num: new Float64Array(10), bool: new Uint8Array(0) } as unknown as Registers;
    const step = runtime.stepper(regs);
    const streamed: number[] = [];
    for (let bar = 0; bar < BARS; bar++) {
      for (const slot of features) regs.num[slot] = cols.num[slot]![bar]!;
      step();
      streamed.push(regs.num[9]!);
    }
    const batch = Array.from(cols.num[9]!.subarray(0, BARS));
    expect(streamed).toEqual(batch);
    expect(batch.slice(0, 20).every(Number.isNaN)).toBe(true);
    expect(batch.slice(20).every((p) => p >= 0 && p <= 1)).toBe(true);
    // Past the bars asked for, the column is left as it was.
    expect(cols.num[9]![BARS]).toBe(-1);
    session.release();
  });
});
