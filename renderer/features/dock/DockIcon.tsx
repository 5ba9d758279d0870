/** The group actions' 12 px line icons (glyphs like ⧉ are missing from many system fonts). */
const PATHS = {
  float: 'M2.5 4.5h6v5h-6z M4.5 4.5v-2h6v5h-2',
  dock: 'M2 2.5h9v8H2z M2 5h9',
  popout: 'M7 2.5h3.5V6 M10.5 2.5L6 7 M9 7.5v3H2.5V4h3',
  back: 'M5 10.5H1.5V7 M1.5 10.5L6 6 M4 5.5v-3h6.5V9h-3',
  maximise: 'M2.5 2.5h8v8h-8z',
  restore: 'M2.5 4.5h6v6h-6z M4.5 4.5v-2h6v6h-2',
  close: 'M3 3l7 7 M10 3l-7 7',
} as const;

export type DockIconName = keyof typeof PATHS;

export function DockIcon({ name }: { name: DockIconName }) {
  return (
    <svg className="dock-icon" width="13" height="13" viewBox="0 0 13 13" aria-hidden="true" focusable="false">
      <path d={PATHS[name]} fill="none" stroke="currentColor" strokeWidth="1.2" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
