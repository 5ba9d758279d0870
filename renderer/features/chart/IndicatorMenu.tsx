import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { IndicatorKind } from '../../../shared/ipc/schemas/indicators';
import { INDICATOR_KINDS, INDICATOR_LABELS, INDICATOR_PARAMS, parseIndicator, type IndicatorSettings } from './indicator-settings';

/**
 * The chart's indicator picker: a disclosure button opening a small panel with one checkbox per
 * indicator and its parameters. Keyboard: Tab through the fields, Space toggles, Esc closes and
 * returns focus to the button. Invalid parameters keep the indicator off the chart and say why.
 */
export function IndicatorMenu({
  settings,
  onChange,
  error,
}: {
  settings: IndicatorSettings;
  onChange: (settings: IndicatorSettings) => void;
  /** Core could not compute the indicators (shown in the panel). */
  error: string | null;
}) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const active = INDICATOR_KINDS.filter((kind) => settings[kind].enabled).length;

  useEffect(() => {
    if (!open) return;
    panel.current?.querySelector<HTMLInputElement>('input')?.focus();
    const onPointerDown = (event: PointerEvent) => {
      const target = event.target as Node | null;
      if (target && !panel.current?.contains(target) && !button.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      close();
    }
  };
  const update = (kind: IndicatorKind, change: { enabled?: boolean; param?: [string, string] }) => {
    const setting = settings[kind];
    onChange({
      ...settings,
      [kind]: {
        enabled: change.enabled ?? setting.enabled,
        params: change.param ? { ...setting.params, [change.param[0]]: change.param[1] } : setting.params,
      },
    });
  };

  return (
    <div className="indicator-menu">
      <button
        ref={button}
        type="button"
        className="timeframe-button indicator-menu-button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((value) => !value)}
      >
        Indicators{active > 0 ? ` (${active})` : ''}
      </button>
      {open ? (
        <div ref={panel} id={panelId} className="indicator-panel" role="group" aria-label="Indicators" onKeyDown={onKeyDown}>
          {INDICATOR_KINDS.map((kind) => {
            const setting = settings[kind];
            const parsed = parseIndicator(kind, setting);
            const label = INDICATOR_LABELS[kind];
            const problemId = `${panelId}-${kind}-problem`;
            return (
              <div key={kind} className="indicator-row">
                <label className="indicator-toggle">
                  <input type="checkbox" checked={setting.enabled} onChange={(event) => update(kind, { enabled: event.target.checked })} />
                  {label}
                </label>
                {INDICATOR_PARAMS[kind].map((param) => (
                  <label key={param.name} className="indicator-param">
                    <span>{param.label}</span>
                    <input
                      className="input indicator-input"
                      type="number"
                      inputMode="decimal"
                      step={param.step}
                      aria-label={`${label} ${param.label.toLowerCase()}`}
                      aria-invalid={!parsed.ok}
                      aria-describedby={parsed.ok ? undefined : problemId}
                      value={setting.params[param.name] ?? ''}
                      onChange={(event) => update(kind, { param: [param.name, event.target.value] })}
                    />
                  </label>
                ))}
                {parsed.ok ? null : (
                  <p className="indicator-problem" id={problemId}>
                    {parsed.message}.{setting.enabled ? ' Not drawn until fixed.' : ''}
                  </p>
                )}
              </div>
            );
          })}
          {error ? (
            <p className="indicator-problem" role="alert">
              Indicators could not be computed: {error}
            </p>
          ) : null}
          <p className="field-hint">Computed by Tradewind’s strategy engine, the same maths as backtests and bots.</p>
        </div>
      ) : null}
    </div>
  );
}
