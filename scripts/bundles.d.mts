import type { BuildOptions } from 'esbuild';

/** The esbuild options of every bundle scripts/build.mjs writes into dist/electron. */
export function bundleConfigs(options: { root: string; quiet?: boolean }): Array<BuildOptions & { outfile: string }>;
