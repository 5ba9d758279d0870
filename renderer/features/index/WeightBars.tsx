import type { PlanAsset } from '../../../shared/ipc/schemas/rebalance';
import { percentText } from './index-format';

const ROW = 22;
const LABEL = 64;
const WIDTH = 360;
const TEXT = 92;

const pct = (n: number) => `${percentText(n)} %`;
const pp = (n: number) => `${n > 0 ? '+' : ''}${percentText(n)} pp`;

/**
 * Target vs actual weight per asset at a glance: the filled bar is what the account holds, the
 * white tick the target, the dashed tick where the next plan leaves it; drift past the threshold
 * is drawn in the warning colour. Each row carries its figures as an accessible name.
 */
export function WeightBars({ assets, driftPct }: { assets: readonly PlanAsset[]; driftPct: number | null }) {
  const max = Math.max(1, ...assets.flatMap((a) => [a.weightPct, a.targetPct, a.afterPct]));
  const scale = (WIDTH - LABEL - TEXT) / max;
  const height = assets.length * ROW + 4;
  return (
    <figure className="index-bars">
      <svg
        viewBox={`0 0 ${WIDTH} ${height}`}
        width="100%"
        height={height}
        role="img"
        aria-label={`Target vs actual weights: ${assets.map((a) => `${a.asset} ${pct(a.weightPct)} of ${pct(a.targetPct)}`).join(', ')}`}
      >
        {assets.map((a, i) => {
          const y = i * ROW + 2;
          const drifted = driftPct !== null && Math.abs(a.driftPct) >= driftPct;
          return (
            <g
              key={a.asset}
              aria-label={`${a.asset}: actual ${pct(a.weightPct)}, target ${pct(a.targetPct)}, drift ${pp(a.driftPct)}, after the plan ${pct(a.afterPct)}`}
            >
              <text x={0} y={y + 14} className="index-bars-label">
                {a.asset}
              </text>
              <rect x={LABEL} y={y + 3} width={WIDTH - LABEL - TEXT} height={ROW - 8} className="index-bars-track" />
              <rect
                x={LABEL}
                y={y + 3}
                width={Math.max(0, a.weightPct * scale)}
                height={ROW - 8}
                className={drifted ? 'index-bars-actual index-bars-actual--drift' : 'index-bars-actual'}
              />
              <line
                x1={LABEL + a.afterPct * scale}
                x2={LABEL + a.afterPct * scale}
                y1={y + 1}
                y2={y + ROW - 3}
                className="index-bars-after"
              />
              <line
                x1={LABEL + a.targetPct * scale}
                x2={LABEL + a.targetPct * scale}
                y1={y}
                y2={y + ROW - 2}
                className="index-bars-target"
              />
              <text x={WIDTH - TEXT + 6} y={y + 14} className={drifted ? 'index-bars-drift index-bars-drift--over' : 'index-bars-drift'}>
                {pct(a.weightPct)} {pp(a.driftPct)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="index-bars-legend">
        <span className="index-key index-key--actual">actual</span>
        <span className="index-key index-key--target">target</span>
        <span className="index-key index-key--after">after the plan</span>
        {driftPct !== null ? <span>drift threshold {percentText(driftPct)} pp</span> : null}
      </figcaption>
    </figure>
  );
}
