import { useCallback, useEffect, useId, useState } from 'react';
import { CHANNEL_KINDS, type ChannelKind, type ChannelView, type DeliveryView } from '../../../shared/ipc/schemas/channels';
import { useRpcClient, useRpcEvent } from '../../lib/ipc/client-context';
import { describeError } from '../../lib/ipc/rpc-error';
import { useStore } from '../../store';
import { Dialog } from '../../ui/Dialog';
import { PanelMessage } from '../../ui/PanelMessage';
import { ChannelForm } from './ChannelForm';
import { DeliveryLog } from './DeliveryLog';
import { useBrowserNotificationSetting } from './browser-notifications';
import { draftOf, inputOf, KIND_LABELS, newDraft, type ChannelDraft, type DraftProblems } from './channel-draft';
import '../../ui/chips.css';
import './channels.css';

interface Editing {
  id: string | null;
  draft: ChannelDraft;
  hasSecret: boolean;
  problems: DraftProblems;
}

type TestResult = { state: 'pending' } | { state: 'done'; ok: boolean; message: string };

const LEVEL_SHORT = { info: 'all', warning: 'warnings+', critical: 'critical' } as const;

function summary(channel: ChannelView): string {
  const settings = channel.settings;
  const target =
    settings.kind === 'telegram' ? `chat ${settings.chatId}` : settings.kind === 'webhook' ? new URL(settings.url).host : settings.to;
  const quiet = channel.quietHours ? ` · quiet ${channel.quietHours.start}–${channel.quietHours.end}` : '';
  return `${KIND_LABELS[settings.kind]} · ${target} · ${LEVEL_SHORT[channel.minLevel]} · ≤${channel.ratePerMinute}/min${quiet}`;
}

/**
 * Where notifications go besides this window: Telegram, webhooks and e-mail, delivered by core
 * (so the headless host keeps alerting with no window open), and this browser's own notifications.
 */
export function ChannelsDialog({ onClose }: { onClose: () => void }) {
  const client = useRpcClient();
  const titleId = useId();
  const host = useStore((state) => state.appInfo?.host ?? null);
  const [channels, setChannels] = useState<ChannelView[] | null>(null);
  const [log, setLog] = useState<DeliveryView[]>([]);
  const [filter, setFilter] = useState({ channelId: '', failuresOnly: false });
  const [editing, setEditing] = useState<Editing | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [tests, setTests] = useState<Record<string, TestResult>>({});
  const [confirmDelete, setConfirmDelete] = useState<string | null>(null);

  const reload = useCallback(async () => {
    try {
      const [list, rows] = await Promise.all([
        client.call('channels.list', {}),
        client.call('channels.deliveries', {
          ...(filter.channelId ? { channelId: filter.channelId } : {}),
          failuresOnly: filter.failuresOnly,
          limit: 200,
        }),
      ]);
      setChannels(list);
      setLog(rows);
    } catch (loadError) {
      setError(`Could not load the channels: ${describeError(loadError)}`);
    }
  }, [client, filter]);

  useEffect(() => {
    void reload();
  }, [reload]);
  useRpcEvent('channels.delivery', () => void reload());

  const save = async () => {
    if (!editing) return;
    const parsed = inputOf(editing.draft, editing.hasSecret);
    if ('problems' in parsed) {
      setEditing({ ...editing, problems: parsed.problems });
      return;
    }
    setSaving(true);
    setError(null);
    try {
      if (editing.id) await client.call('channels.update', { ...parsed.input, id: editing.id });
      else await client.call('channels.create', parsed.input);
      setEditing(null);
      await reload();
    } catch (saveError) {
      setError(describeError(saveError));
    } finally {
      setSaving(false);
    }
  };

  const runTest = async (channel: ChannelView) => {
    setTests((current) => ({ ...current, [channel.id]: { state: 'pending' } }));
    try {
      const result = await client.call('channels.test', { id: channel.id });
      setTests((current) => ({ ...current, [channel.id]: { state: 'done', ...result } }));
    } catch (testError) {
      setTests((current) => ({ ...current, [channel.id]: { state: 'done', ok: false, message: describeError(testError) } }));
    }
  };

  const setEnabled = async (channel: ChannelView, enabled: boolean) => {
    setError(null);
    try {
      const { id, name, minLevel, ratePerMinute, quietHours, settings } = channel;
      await client.call('channels.update', { id, name, enabled, minLevel, ratePerMinute, quietHours, settings });
      await reload();
    } catch (toggleError) {
      setError(describeError(toggleError));
    }
  };

  const remove = async (channel: ChannelView) => {
    setConfirmDelete(null);
    setError(null);
    try {
      await client.call('channels.delete', { id: channel.id });
      await reload();
    } catch (deleteError) {
      setError(describeError(deleteError));
    }
  };

  const startAdd = (kind: ChannelKind) => setEditing({ id: null, draft: newDraft(kind), hasSecret: false, problems: {} });

  return (
    <Dialog labelledBy={titleId} onDismiss={onClose} busy={saving} className="dialog--channels">
      <h2 className="dialog-title" id={titleId}>
        Notification channels
      </h2>
      <p className="note">
        Every notification (fills, errors, bot stops, alerts) also goes to these channels. Core sends them, so a headless host keeps
        alerting with no window open. Secrets go to the keychain and are never shown again.
      </p>
      {host === 'server' ? <BrowserNotificationsToggle /> : null}
      {error ? (
        <p className="note note--error" role="alert">
          {error}
        </p>
      ) : null}
      {editing ? (
        <ChannelForm
          draft={editing.draft}
          onChange={(draft) => setEditing({ ...editing, draft })}
          problems={editing.problems}
          hasSecret={editing.hasSecret}
          editing={editing.id !== null}
          saving={saving}
          onSubmit={() => void save()}
          onCancel={() => setEditing(null)}
        />
      ) : (
        <>
          {channels === null ? null : channels.length === 0 ? (
            <PanelMessage>
              No channels yet. Add Telegram, a webhook or e-mail to hear about fills and errors away from the screen.
            </PanelMessage>
          ) : (
            <ul className="channel-list" aria-label="Channels">
              {channels.map((channel) => {
                const test = tests[channel.id];
                return (
                  <li key={channel.id} className="channel-item" data-testid="channel-item">
                    <div className="channel-item-head">
                      <strong className="channel-name">{channel.name}</strong>
                      <span className="channel-summary">{summary(channel)}</span>
                      {channel.lastOutcome === 'failed' ? <span className="chip chip--danger">last send failed</span> : null}
                      <label className="choice">
                        <input
                          type="checkbox"
                          checked={channel.enabled}
                          aria-label={`${channel.name} enabled`}
                          onChange={(event) => void setEnabled(channel, event.target.checked)}
                        />
                        Enabled
                      </label>
                      <button
                        type="button"
                        className="button"
                        aria-label={`Send test to ${channel.name}`}
                        disabled={test?.state === 'pending'}
                        onClick={() => void runTest(channel)}
                      >
                        {test?.state === 'pending' ? 'Sending…' : 'Send test'}
                      </button>
                      <button
                        type="button"
                        className="button"
                        aria-label={`Edit ${channel.name}`}
                        onClick={() => setEditing({ id: channel.id, draft: draftOf(channel), hasSecret: channel.hasSecret, problems: {} })}
                      >
                        Edit
                      </button>
                      {confirmDelete === channel.id ? (
                        <button
                          type="button"
                          className="button button--danger"
                          aria-label={`Confirm delete ${channel.name}`}
                          onClick={() => void remove(channel)}
                        >
                          Confirm delete
                        </button>
                      ) : (
                        <button
                          type="button"
                          className="button"
                          aria-label={`Delete ${channel.name}`}
                          onClick={() => setConfirmDelete(channel.id)}
                        >
                          Delete
                        </button>
                      )}
                    </div>
                    {test?.state === 'done' ? (
                      <p
                        className={`note note--${test.ok ? 'ok' : 'error'}`}
                        role={test.ok ? 'status' : 'alert'}
                        data-testid="channel-test-result"
                      >
                        {test.message}
                      </p>
                    ) : null}
                  </li>
                );
              })}
            </ul>
          )}
          <div className="channel-add" role="group" aria-label="Add a channel">
            {CHANNEL_KINDS.map((kind) => (
              <button key={kind} type="button" className="button" onClick={() => startAdd(kind)}>
                Add {KIND_LABELS[kind]}
              </button>
            ))}
          </div>
          <DeliveryLog
            rows={log}
            channels={channels ?? []}
            channelId={filter.channelId}
            failuresOnly={filter.failuresOnly}
            onFilter={setFilter}
          />
          <div className="dialog-actions">
            <button type="button" className="button" data-autofocus onClick={onClose}>
              Close
            </button>
          </div>
        </>
      )}
    </Dialog>
  );
}

/** The headless host's OS notifications, through this browser (asks for permission on the click). */
function BrowserNotificationsToggle() {
  const [state, set] = useBrowserNotificationSetting();
  if (state === 'unsupported') return <p className="note">This browser cannot show notifications outside the page.</p>;
  return (
    <div className="channel-browser">
      <label className="choice">
        <input
          type="checkbox"
          checked={state === 'on'}
          disabled={state === 'denied'}
          onChange={(event) => void set(event.target.checked)}
        />
        Show notifications from this browser
      </label>
      {state === 'denied' ? (
        <span className="field-hint">The browser blocks notifications for this page: allow them in its site settings, then tick this.</span>
      ) : null}
    </div>
  );
}
