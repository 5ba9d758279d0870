/** The spread monitor panel: self-contained (it joins core's monitor while mounted), so any workspace or dock can host it. */
export { SpreadPanel } from './SpreadPanel';
