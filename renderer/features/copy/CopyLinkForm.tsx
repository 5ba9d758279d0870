import { useId, useState } from 'react';
import type { CopyLinkInput, CopyLinkView, CopyRules, LeaderSpec } from '../../../shared/ipc/schemas/copy';
import { useDecimalSeparator } from '../../lib/number-format/use-decimal-separator';
import { useStore } from '../../store';
import {
  currencyOptions,
  amountsUnit,
  EMPTY_RULES_FIELDS,
  readRulesFields,
  rulesToFields,
  type CopyRulesFields,
  type FieldErrors,
} from './copy-rules-form';
import { readFeedLeader, type FeedLeaderErrors, type FeedLeaderFields } from './feed-leader-form';

interface Props {
  /** Editing: the link whose name and rules change (leader and follower stay). */
  editing?: CopyLinkView;
  busy: boolean;
  onCreate(input: CopyLinkInput): void;
  onUpdate(id: string, name: string, rules: CopyRules): void;
  onCancel(): void;
}

function Field({
  label,
  field,
  fields,
  errors,
  hint,
  onChange,
}: {
  label: string;
  field: keyof CopyRulesFields;
  fields: CopyRulesFields;
  errors: FieldErrors;
  hint?: string;
  onChange(field: keyof CopyRulesFields, value: string): void;
}) {
  const id = useId();
  const error = errors[field];
  return (
    <label className="field-label copy-field">
      {label}
      <input
        className={`input num${error ? ' input--invalid' : ''}`}
        aria-label={label}
        value={fields[field]}
        inputMode="decimal"
        aria-invalid={error ? true : undefined}
        aria-describedby={error || hint ? id : undefined}
        onChange={(event) => onChange(field, event.target.value)}
      />
      {error ? (
        <span id={id} className="field-error">
          {error}
        </span>
      ) : hint ? (
        <span id={id} className="field-hint">
          {hint}
        </span>
      ) : null}
    </label>
  );
}

/** New follow link (leader, follower, rules) or a link's rules edited. */
export function CopyLinkForm({ editing, busy, onCreate, onUpdate, onCancel }: Props) {
  const separator = useDecimalSeparator();
  const accounts = useStore((state) => state.accounts);
  const bots = useStore((state) => state.botsById);
  const [name, setName] = useState(editing?.name ?? '');
  const [leaderKind, setLeaderKind] = useState<LeaderSpec['kind']>('account');
  const [leaderId, setLeaderId] = useState('');
  const [followerId, setFollowerId] = useState('');
  const [fields, setFields] = useState<CopyRulesFields>(editing ? rulesToFields(editing.rules, separator) : EMPTY_RULES_FIELDS);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [feed, setFeed] = useState<FeedLeaderFields>({ url: '', publicKey: '' });
  const [feedErrors, setFeedErrors] = useState<FeedLeaderErrors>({});
  const [allocationError, setAllocationError] = useState<string | null>(null);
  const urlHelp = useId();
  const keyHelp = useId();
  const allocationHelp = useId();
  const currencyHelp = useId();
  const unit = amountsUnit(fields);
  const unitHint = fields.currency
    ? `Converted to each market's quote per order`
    : unit === 'market quote'
      ? "In each follower market's own quote"
      : `The allowed markets are quoted in ${unit}`;
  const isFeed = editing ? editing.leader.kind === 'feed' : leaderKind === 'feed';
  const change = (field: keyof CopyRulesFields, value: string) => setFields((f) => ({ ...f, [field]: value }));
  const leaders =
    leaderKind === 'account'
      ? accounts.map((a) => ({ id: a.id, label: `${a.label} (${a.kind})` }))
      : Object.values(bots).map((b) => ({ id: b.id, label: `${b.name} · ${b.symbol}` }));

  const submit = () => {
    const read = readRulesFields(fields, separator);
    setErrors(read.errors);
    const feedRead = !editing && leaderKind === 'feed' ? readFeedLeader(feed) : null;
    setFeedErrors(feedRead?.errors ?? {});
    // A remote leader's equity is unknown to this app: core refuses it too, the form says it at the field.
    const equityRefused = isFeed && fields.mode === 'equity';
    setAllocationError(
      equityRefused
        ? "A remote feed's equity is not known here: size by a ratio of the leader's amount or a quote amount per trade."
        : null,
    );
    if (!read.rules || equityRefused || (feedRead && !feedRead.leader)) return;
    if (editing) return onUpdate(editing.id, name, read.rules);
    const leader: LeaderSpec =
      feedRead?.leader ?? (leaderKind === 'account' ? { kind: 'account', accountId: leaderId } : { kind: 'bot', botId: leaderId });
    onCreate({ name, leader, followerAccountId: followerId, rules: read.rules });
  };

  return (
    <form
      className="copy-form"
      aria-label={editing ? `Rules of ${editing.name}` : 'New follow link'}
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <label className="field-label copy-field">
        Link name
        <input className="input" value={name} onChange={(event) => setName(event.target.value)} placeholder="Main → family" />
      </label>
      {editing ? null : (
        <>
          <label className="field-label copy-field">
            Leader kind
            <select
              className="input"
              aria-label="Leader kind"
              value={leaderKind}
              onChange={(event) => {
                setLeaderKind(event.target.value as LeaderSpec['kind']);
                setLeaderId('');
              }}
            >
              <option value="account">Another account</option>
              <option value="bot">One of my bots</option>
              <option value="feed">Remote Tradewind feed</option>
            </select>
          </label>
          {leaderKind === 'feed' ? (
            <>
              <label className="field-label copy-field copy-field--wide">
                Feed URL
                <input
                  className={`input${feedErrors.url ? ' input--invalid' : ''}`}
                  aria-label="Feed URL"
                  value={feed.url}
                  placeholder="https://leader.example:8443/feeds/…"
                  spellCheck={false}
                  aria-invalid={feedErrors.url ? true : undefined}
                  aria-describedby={urlHelp}
                  onChange={(event) => setFeed((f) => ({ ...f, url: event.target.value }))}
                />
                <span id={urlHelp} className={feedErrors.url ? 'field-error' : 'field-hint'}>
                  {feedErrors.url ?? "The leader's host address and the feed path their Copy panel shows"}
                </span>
              </label>
              <label className="field-label copy-field copy-field--wide">
                Leader public key
                <input
                  className={`input${feedErrors.publicKey ? ' input--invalid' : ''}`}
                  aria-label="Leader public key"
                  value={feed.publicKey}
                  placeholder="ed25519:…"
                  spellCheck={false}
                  aria-invalid={feedErrors.publicKey ? true : undefined}
                  aria-describedby={keyHelp}
                  onChange={(event) => setFeed((f) => ({ ...f, publicKey: event.target.value }))}
                />
                <span id={keyHelp} className={feedErrors.publicKey ? 'field-error' : 'field-hint'}>
                  {feedErrors.publicKey ?? 'Pinned: an event not signed by this key is refused'}
                </span>
              </label>
            </>
          ) : (
            <label className="field-label copy-field">
              Leader
              <select className="input" aria-label="Leader" value={leaderId} onChange={(event) => setLeaderId(event.target.value)}>
                <option value="">Choose…</option>
                {leaders.map((l) => (
                  <option key={l.id} value={l.id}>
                    {l.label}
                  </option>
                ))}
              </select>
            </label>
          )}
          <label className="field-label copy-field">
            Follower account
            <select
              className="input"
              aria-label="Follower account"
              value={followerId}
              onChange={(event) => setFollowerId(event.target.value)}
            >
              <option value="">Choose…</option>
              {accounts.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.label} ({a.kind})
                </option>
              ))}
            </select>
          </label>
        </>
      )}
      <label className="field-label copy-field">
        Allocation
        <select
          className={`input${allocationError ? ' input--invalid' : ''}`}
          aria-label="Allocation"
          value={fields.mode}
          aria-invalid={allocationError ? true : undefined}
          aria-describedby={allocationError ? allocationHelp : undefined}
          onChange={(event) => change('mode', event.target.value)}
        >
          <option value="ratio">Fixed ratio of the leader size</option>
          <option value="equity">Follower / leader equity</option>
          <option value="quote">Fixed quote amount per trade</option>
        </select>
        {allocationError ? (
          <span id={allocationHelp} className="field-error">
            {allocationError}
          </span>
        ) : null}
      </label>
      {fields.mode === 'equity' ? null : (
        <Field
          label={fields.mode === 'ratio' ? 'Ratio' : `Amount per trade (${unit})`}
          field="size"
          fields={fields}
          errors={errors}
          hint={fields.mode === 'ratio' ? '1 = the leader size, 0.5 = half' : unitHint}
          onChange={change}
        />
      )}
      <label className="field-label copy-field">
        Amounts in
        <select
          className={`input${errors.currency ? ' input--invalid' : ''}`}
          aria-label="Amounts in"
          value={fields.currency}
          aria-invalid={errors.currency ? true : undefined}
          aria-describedby={currencyHelp}
          onChange={(event) => change('currency', event.target.value)}
        >
          <option value="">Each market&apos;s quote</option>
          {currencyOptions(fields.currency).map((currency) => (
            <option key={currency} value={currency}>
              {currency}
            </option>
          ))}
        </select>
        <span id={currencyHelp} className={errors.currency ? 'field-error' : 'field-hint'}>
          {errors.currency ?? "Converted per order at the portfolio's rates"}
        </span>
      </label>
      <Field
        label={`Max per trade (${unit})`}
        field="maxPerTrade"
        fields={fields}
        errors={errors}
        hint="Empty: no limit"
        onChange={change}
      />
      <Field
        label={`Max total allocation (${unit})`}
        field="maxTotal"
        fields={fields}
        errors={errors}
        hint="Empty: no limit"
        onChange={change}
      />
      <Field
        label="Max slippage %"
        field="maxSlippagePct"
        fields={fields}
        errors={errors}
        hint="vs the leader's fill price"
        onChange={change}
      />
      <Field
        label="Max signal age (s)"
        field="maxSignalAgeS"
        fields={fields}
        errors={errors}
        hint="Later copies are skipped"
        onChange={change}
      />
      <label className="field-label copy-field">
        Take-profit / stop
        <select
          className="input"
          aria-label="Take-profit / stop"
          value={fields.protection}
          onChange={(event) => change('protection', event.target.value)}
        >
          <option value="own">Use my own</option>
          <option value="leader">Copy the leader&apos;s</option>
        </select>
        <span className="field-hint">
          {fields.protection === 'leader'
            ? "The leader's bracket targets rest as limit sells here, its stop is watched (spot followers only: perpetuals use their own)"
            : 'Empty: none'}
        </span>
      </label>
      {fields.protection === 'own' ? (
        <>
          <Field
            label="Own take-profit %"
            field="takeProfitPct"
            fields={fields}
            errors={errors}
            hint="Above the copy's entry"
            onChange={change}
          />
          <Field
            label="Own stop-loss %"
            field="stopLossPct"
            fields={fields}
            errors={errors}
            hint="Below the copy's entry"
            onChange={change}
          />
        </>
      ) : null}
      <Field label={`Stop copying at a loss of (${unit})`} field="maxLoss" fields={fields} errors={errors} onChange={change} />
      <label className="field-label copy-field copy-field--wide">
        Market map (leader=follower)
        <input
          className="input"
          aria-label="Market map (leader=follower)"
          value={fields.symbolMap}
          aria-invalid={errors.symbolMap ? true : undefined}
          onChange={(event) => change('symbolMap', event.target.value)}
          placeholder="BTC/USDT=BTC/USDC"
        />
        {errors.symbolMap ? <span className="field-error">{errors.symbolMap}</span> : null}
      </label>
      <label className="field-label copy-field">
        Allow only (empty: all)
        <input
          className="input"
          aria-label="Allow only (empty: all)"
          value={fields.allow}
          aria-invalid={errors.allow ? true : undefined}
          onChange={(event) => change('allow', event.target.value)}
        />
        {errors.allow ? <span className="field-error">{errors.allow}</span> : null}
      </label>
      <label className="field-label copy-field">
        Never copy
        <input
          className="input"
          aria-label="Never copy"
          value={fields.deny}
          aria-invalid={errors.deny ? true : undefined}
          onChange={(event) => change('deny', event.target.value)}
        />
        {errors.deny ? <span className="field-error">{errors.deny}</span> : null}
      </label>
      <div className="copy-form-actions">
        <button
          type="submit"
          className="button button--primary"
          disabled={busy || name.trim() === '' || (!editing && ((leaderKind !== 'feed' && leaderId === '') || followerId === ''))}
        >
          {editing ? 'Save rules' : 'Start following'}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
