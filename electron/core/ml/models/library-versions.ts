/**
 * Versions of the model libraries, recorded with every trained model (a model file names the
 * library that wrote it). Imported, not read from disk, so the bundled worker knows them too; the
 * import attribute is what Node's ESM loader needs for the JSON of an external (unbundled) package.
 */
import forest from 'ml-random-forest/package.json' with { type: 'json' };
import logistic from 'ml-logistic-regression/package.json' with { type: 'json' };
import linear from 'ml-regression-multivariate-linear/package.json' with { type: 'json' };
import xgboost from 'ml-xgboost/package.json' with { type: 'json' };

const VERSIONS = {
  'ml-random-forest': forest.version,
  'ml-logistic-regression': logistic.version,
  'ml-regression-multivariate-linear': linear.version,
  'ml-xgboost': xgboost.version,
} as const;

export type ModelLibrary = keyof typeof VERSIONS;

export function libraryVersion(library: ModelLibrary): string {
  return `${library}@${VERSIONS[library]}`;
}
