/** Null when `version` satisfies `range` (">=X.Y.Z"), else what is wrong and what to do. */
export function nodeVersionProblem(version: string, range: string, execPath?: string): string | null;
