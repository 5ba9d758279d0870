/**
 * The add/edit form's state as typed (strings), and its conversion to a `channels.create/update`
 * input with a message per field that is wrong, checked with the contract's own schema so the
 * form and core agree.
 */
import {
  ChannelInputSchema,
  type ChannelInput,
  type ChannelKind,
  type ChannelLevel,
  type ChannelView,
} from '../../../shared/ipc/schemas/channels';
import { humanIssue } from '../../lib/validation/human-issue';

export interface ChannelDraft {
  kind: ChannelKind;
  name: string;
  enabled: boolean;
  minLevel: ChannelLevel;
  ratePerMinute: string;
  quietEnabled: boolean;
  quietStart: string;
  quietEnd: string;
  quietTimeZone: string;
  criticalOverrides: boolean;
  chatId: string;
  /** A webhook's new address; empty when editing keeps the stored one. */
  url: string;
  /** The edited webhook's stored address, masked (scheme and host): shown, never sent back. */
  storedUrl: string;
  host: string;
  port: string;
  tls: 'tls' | 'starttls' | 'none';
  user: string;
  from: string;
  to: string;
  /** Write-only: empty keeps the stored one when editing. */
  secret: string;
}

export type DraftField = Exclude<keyof ChannelDraft, 'kind' | 'enabled' | 'quietEnabled' | 'criticalOverrides' | 'storedUrl'>;
export type DraftProblems = Partial<Record<DraftField, string>>;

export const KIND_LABELS: Record<ChannelKind, string> = { telegram: 'Telegram', webhook: 'Webhook', email: 'E-mail' };
export const SECRET_LABELS: Record<ChannelKind, string> = { telegram: 'Bot token', webhook: 'Signing secret', email: 'SMTP password' };
const SECRET_NOUNS: Record<ChannelKind, string> = { telegram: 'bot token', webhook: 'signing secret', email: 'SMTP password' };

function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

export function newDraft(kind: ChannelKind): ChannelDraft {
  return {
    kind,
    name: KIND_LABELS[kind],
    enabled: true,
    minLevel: 'info',
    ratePerMinute: '20',
    quietEnabled: false,
    quietStart: '22:00',
    quietEnd: '07:00',
    quietTimeZone: localTimeZone(),
    criticalOverrides: true,
    chatId: '',
    url: '',
    storedUrl: '',
    host: '',
    port: '587',
    tls: 'starttls',
    user: '',
    from: '',
    to: '',
    secret: '',
  };
}

export function draftOf(channel: ChannelView): ChannelDraft {
  const draft = newDraft(channel.settings.kind);
  const settings = channel.settings;
  return {
    ...draft,
    name: channel.name,
    enabled: channel.enabled,
    minLevel: channel.minLevel,
    ratePerMinute: String(channel.ratePerMinute),
    quietEnabled: channel.quietHours !== null,
    ...(channel.quietHours
      ? {
          quietStart: channel.quietHours.start,
          quietEnd: channel.quietHours.end,
          quietTimeZone: channel.quietHours.timeZone,
          criticalOverrides: channel.quietHours.criticalOverrides,
        }
      : {}),
    ...(settings.kind === 'telegram' ? { chatId: settings.chatId } : {}),
    ...(settings.kind === 'webhook' ? { url: '', storedUrl: settings.url } : {}),
    ...(settings.kind === 'email'
      ? { host: settings.host, port: String(settings.port), tls: settings.tls, user: settings.user, from: settings.from, to: settings.to }
      : {}),
  };
}

function settingsOf(draft: ChannelDraft): ChannelInput['settings'] {
  switch (draft.kind) {
    case 'telegram':
      return { kind: 'telegram', chatId: draft.chatId };
    case 'webhook':
      // The stored address stays in the keychain unless a new one is typed.
      return draft.url.trim() === '' && draft.storedUrl !== '' ? { kind: 'webhook' } : { kind: 'webhook', url: draft.url };
    case 'email':
      return {
        kind: 'email',
        host: draft.host,
        port: draft.port.trim() === '' ? Number.NaN : Number(draft.port),
        tls: draft.tls,
        user: draft.user,
        from: draft.from,
        to: draft.to,
      };
  }
}

/** A schema path to the form field that shows its message. */
function fieldOf(path: readonly PropertyKey[]): DraftField | null {
  const [head, key] = path;
  if (head === 'quietHours') {
    if (key === 'start') return 'quietStart';
    if (key === 'end') return 'quietEnd';
    if (key === 'timeZone') return 'quietTimeZone';
    return null;
  }
  const name = head === 'settings' ? key : head;
  const fields: readonly DraftField[] = [
    'name',
    'minLevel',
    'ratePerMinute',
    'chatId',
    'url',
    'host',
    'port',
    'tls',
    'user',
    'from',
    'to',
    'secret',
  ];
  return fields.includes(name as DraftField) ? (name as DraftField) : null;
}

/**
 * The input to send, or a message per field. `hasSecret`: the channel being edited already has
 * one stored (then an empty secret keeps it).
 */
export function inputOf(draft: ChannelDraft, hasSecret: boolean): { input: ChannelInput } | { problems: DraftProblems } {
  const candidate = {
    name: draft.name,
    enabled: draft.enabled,
    minLevel: draft.minLevel,
    ratePerMinute: draft.ratePerMinute.trim() === '' ? Number.NaN : Number(draft.ratePerMinute),
    quietHours: draft.quietEnabled
      ? { start: draft.quietStart, end: draft.quietEnd, timeZone: draft.quietTimeZone.trim(), criticalOverrides: draft.criticalOverrides }
      : null,
    settings: settingsOf(draft),
    ...(draft.secret !== '' ? { secret: draft.secret } : {}),
  };
  const problems: DraftProblems = {};
  const parsed = ChannelInputSchema.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = fieldOf(issue.path);
      if (field && problems[field] === undefined) problems[field] = humanIssue(issue);
    }
    if (Object.keys(problems).length === 0) problems.name = humanIssue(parsed.error.issues[0]!);
  }
  const needsSecret = draft.kind !== 'email' || draft.user.trim() !== '';
  if (needsSecret && draft.secret === '' && !hasSecret) problems.secret = `Enter the ${SECRET_NOUNS[draft.kind]}.`;
  if (Object.keys(problems).length > 0 || !parsed.success) return { problems };
  return { input: parsed.data };
}
