import type { StateCreator } from 'zustand';

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

/**
 * A slice's creator, typed by the slice itself plus the slices it reads (`Reads`), never by the
 * whole store: the store's type (store/types.ts) imports every slice, so a slice importing it
 * back would close an import cycle.
 */
export type SliceCreator<Slice, Reads = object> = StateCreator<Slice & Reads, [], [], Slice>;
