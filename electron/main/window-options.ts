/** Painted before the renderer's first frame, so a dark UI never flashes white. */
export const WINDOW_BACKGROUND = '#0b0e11';
