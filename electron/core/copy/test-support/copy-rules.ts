import type { CopyRules } from '../../../../shared/ipc/schemas/copy';

/** Copy rules that limit nothing: a test names the allocation and only the rules it checks. */
export function copyRules(allocation: CopyRules['allocation'], over: Partial<CopyRules> = {}): CopyRules {
  return {
    allocation,
    maxPerTrade: null,
    maxTotal: null,
    symbolMap: [],
    allow: [],
    deny: [],
    maxSlippagePct: null,
    maxSignalAgeMs: null,
    protection: 'own',
    takeProfitPct: null,
    stopLossPct: null,
    maxLoss: null,
    ...over,
  };
}
