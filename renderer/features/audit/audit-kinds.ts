import type { AuditEntry } from '../../../shared/ipc/schemas/accounts';

export type AuditKind = AuditEntry['kind'];

/**
 * Every audit event kind with its label, in filter order. A keyed copy of the contract's
 * AUDIT_KINDS: tsc fails here when core adds one, and the value would pull zod into the bundle.
 */
const AUDIT_KIND_LABELS: Record<AuditKind, string> = {
  'account.added': 'Account added',
  'account.removed': 'Account removed',
  'key.added': 'Key added',
  'key.verified': 'Key verified',
  'key.verify_failed': 'Key refused',
  'key.rotated': 'Key rotated',
  'key.retired': 'Key retired',
  'key.revoked': 'Key revoked',
  'key.withdraw_override': 'Withdraw risk accepted',
  'order.placed': 'Live order placed',
  'order.cancelled': 'Live order cancelled',
  'order.refused_limit': 'Order refused by limits',
  'trust.approved': 'Host confirmation approved',
  'trust.denied': 'Host confirmation refused',
  'settings.changed': 'Settings changed',
  'limits.changed': 'Limits changed',
  'bot.started': 'Bot started',
  'bot.stopped': 'Bot stopped',
  'bots.kill_switch': 'Kill switch',
  'agent.token_created': 'Agent token created',
  'agent.token_revoked': 'Agent token revoked',
  'agent.call': 'Agent tool call',
  'agent.refused': 'Agent call refused',
  'proposal.created': 'Agent proposal',
  'proposal.approved': 'Proposal approved',
  'proposal.denied': 'Proposal denied',
};

export const AUDIT_KINDS = Object.keys(AUDIT_KIND_LABELS) as AuditKind[];

export function auditKindLabel(kind: AuditKind): string {
  return AUDIT_KIND_LABELS[kind];
}
