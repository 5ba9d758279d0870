import type { OptimiseRunResult } from '../../../../shared/ipc/schemas/strategies';
import { formatRatio } from './lab-format';

type HeatmapData = NonNullable<OptimiseRunResult['heatmap']>;

const CELL = 28;
const LEFT = 56;
const TOP = 20;
const BOTTOM = 34;

/** Red below zero, green above, stronger with the distance from zero; grey where there is no score. */
export function cellColour(score: number | null, maxAbs: number): string {
  if (score === null || maxAbs === 0) return '#1c2430';
  const t = Math.min(1, Math.abs(score) / maxAbs);
  const alpha = (0.15 + 0.85 * t).toFixed(3);
  return score >= 0 ? `rgba(34, 195, 142, ${alpha})` : `rgba(240, 80, 110, ${alpha})`;
}

export function describeHeatmap(map: HeatmapData, xName: string, yName: string, objective: string): string {
  let found: { score: number; x: number; y: number } | null = null;
  for (let yi = 0; yi < map.cells.length; yi++) {
    const row = map.cells[yi]!;
    for (let xi = 0; xi < row.length; xi++) {
      const score = row[xi] ?? null;
      if (score !== null && (found === null || score > found.score)) found = { score, x: map.xValues[xi]!, y: map.yValues[yi]! };
    }
  }
  const where = found ? `; best ${formatRatio(found.score)} at ${xName} ${found.x}, ${yName} ${found.y}` : '; no point produced a score';
  return `Heatmap of in-sample ${objective} over ${xName} (across) and ${yName} (down), ${map.xValues.length} by ${map.yValues.length}${where}`;
}

/** The in-sample objective over two swept parameters, as an SVG grid with a tooltip per cell. */
export function Heatmap({ map, xName, yName, objective }: { map: HeatmapData; xName: string; yName: string; objective: string }) {
  const maxAbs = Math.max(0, ...map.cells.flat().map((s) => (s === null ? 0 : Math.abs(s))));
  const width = LEFT + map.xValues.length * CELL + 8;
  const height = TOP + map.yValues.length * CELL + BOTTOM;
  return (
    <svg
      className="heatmap"
      role="img"
      aria-label={describeHeatmap(map, xName, yName, objective)}
      viewBox={`0 0 ${width} ${height}`}
      width={width}
      height={height}
      data-testid="optimise-heatmap"
    >
      {map.cells.map((row, yi) =>
        row.map((score, xi) => (
          <rect
            key={`${xi}-${yi}`}
            x={LEFT + xi * CELL}
            y={TOP + yi * CELL}
            width={CELL - 2}
            height={CELL - 2}
            rx={2}
            fill={cellColour(score, maxAbs)}
          >
            <title>{`${xName} ${map.xValues[xi]}, ${yName} ${map.yValues[yi]}: ${score === null ? 'no result' : formatRatio(score)}`}</title>
          </rect>
        )),
      )}
      {map.yValues.map((v, yi) => (
        <text key={`y${yi}`} x={LEFT - 6} y={TOP + yi * CELL + CELL / 2 + 3} textAnchor="end" className="heatmap-label">
          {v}
        </text>
      ))}
      {map.xValues.map((v, xi) => (
        <text
          key={`x${xi}`}
          x={LEFT + xi * CELL + CELL / 2 - 1}
          y={TOP + map.yValues.length * CELL + 12}
          textAnchor="middle"
          className="heatmap-label"
        >
          {v}
        </text>
      ))}
      <text x={LEFT} y={height - 4} className="heatmap-axis">
        {xName} →
      </text>
      <text x={4} y={11} className="heatmap-axis">
        ↓ {yName}
      </text>
    </svg>
  );
}
