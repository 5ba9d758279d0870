/** Kept in step with package.json by a unit test (core must not read package.json at runtime: it is not in every bundle). */
export const APP_VERSION = '0.1.0';
