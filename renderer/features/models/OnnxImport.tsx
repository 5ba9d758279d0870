import { useId, useState, type FormEvent } from 'react';
import type { OnnxMapping, OnnxModelView } from '../../../shared/ipc/schemas/onnx-models';
import { useRpcClient } from '../../lib/ipc/client-context';
import { describeError } from '../../lib/ipc/rpc-error';
import { describeOnnxValue, draftMapping, importOnnxFile, onnxTooLarge } from './onnx-upload';

interface OnnxImportProps {
  models: readonly OnnxModelView[];
  /** The builder outputs connected to the picked Model block's f1, f2, … (as node.port), in order. */
  features: readonly string[];
  onChanged(): void;
}

/**
 * Models trained elsewhere (scikit-learn, XGBoost, FreqAI exports): the file is chosen with the
 * system's file dialog (or the browser's), loaded by core before it is stored, and its inputs are
 * mapped to the Model block's features. Core's refusal of a mapping is shown as it says it.
 */
export function OnnxImport({ models, features, onChanged }: OnnxImportProps) {
  const client = useRpcClient();
  const headingId = useId();
  const fileId = useId();
  const nameId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [name, setName] = useState('');
  const [sent, setSent] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return setError('Choose an .onnx file.');
    const tooLarge = onnxTooLarge(file.size);
    if (tooLarge) return setError(tooLarge);
    setError(null);
    setSent(0);
    try {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const label = (name.trim() || file.name.replace(/\.onnx$/i, '')).slice(0, 80);
      const model = await importOnnxFile(client, label, file.name, bytes, setSent);
      setOpenId(model.id);
      setFile(null);
      setName('');
      onChanged();
    } catch (failure) {
      setError(describeError(failure));
    } finally {
      setSent(null);
    }
  };

  const open = models.find((m) => m.id === openId) ?? null;
  return (
    <section className="models-onnx" aria-labelledby={headingId}>
      <h3 className="lab-subtitle" id={headingId}>
        Imported ONNX models
      </h3>
      <form className="models-onnx-form" aria-label="Import an ONNX model" onSubmit={(e) => void submit(e)}>
        <div className="field">
          <label className="field-label" htmlFor={fileId}>
            ONNX file
          </label>
          <input
            id={fileId}
            className="input"
            type="file"
            accept=".onnx,application/octet-stream"
            disabled={sent !== null}
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
        </div>
        <div className="field">
          <label className="field-label" htmlFor={nameId}>
            ONNX model name (default: the file name)
          </label>
          <input
            id={nameId}
            className="input"
            value={name}
            maxLength={80}
            disabled={sent !== null}
            onChange={(e) => setName(e.target.value)}
          />
        </div>
        <button type="submit" className="button button--primary" disabled={sent !== null || !file}>
          {sent !== null ? `Importing… ${Math.round(sent * 100)} %` : 'Import'}
        </button>
      </form>
      {error ? (
        <p className="note note--error" role="alert">
          {error}
        </p>
      ) : null}
      {models.length === 0 ? (
        <p className="field-hint">
          No imported model. Export one to ONNX (skl2onnx, onnxmltools, FreqAI), import it here, then map its inputs to the Model
          block&apos;s features.
        </p>
      ) : (
        <ul className="models-onnx-list">
          {models.map((m) => (
            <li key={m.id}>
              <button
                type="button"
                className="button"
                aria-expanded={openId === m.id}
                onClick={() => setOpenId(openId === m.id ? null : m.id)}
              >
                {m.name}
              </button>
              <span className="field-hint">
                {m.fileName} · onnxruntime {m.runtime} · {m.mapping ? 'mapped' : 'inputs not mapped yet'}
              </span>
            </li>
          ))}
        </ul>
      )}
      {open ? <OnnxMappingEditor key={open.id} model={open} features={features} onChanged={onChanged} /> : null}
    </section>
  );
}

function OnnxMappingEditor({ model, features, onChanged }: { model: OnnxModelView; features: readonly string[]; onChanged(): void }) {
  const client = useRpcClient();
  const [mapping, setMapping] = useState<OnnxMapping>(() => draftMapping(model, features));
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const problemId = useId();
  const choices = [...new Set([...features, ...mapping.inputs.flatMap((i) => i.features)])].filter(Boolean);

  const setColumn = (input: number, column: number, value: string | null) =>
    setMapping((m) => ({
      ...m,
      inputs: m.inputs.map((entry, i) => {
        if (i !== input) return entry;
        const next = [...entry.features];
        if (value === null) next.splice(column, 1);
        else next[column] = value;
        return { ...entry, features: next };
      }),
    }));
  const save = () => {
    setSaved(false);
    client.call('models.mapInputs', { modelId: model.id, mapping }).then(
      () => {
        setProblem(null);
        setSaved(true);
        onChanged();
      },
      (failure: unknown) => setProblem(describeError(failure)),
    );
  };
  const remove = () =>
    client.call('models.deleteOnnx', { modelId: model.id }).then(onChanged, (failure: unknown) => setProblem(describeError(failure)));

  return (
    <article className="models-onnx-model" aria-label={`ONNX model ${model.name}`}>
      <table className="data-table" aria-label="Inputs and outputs">
        <thead>
          <tr>
            <th scope="col">Side</th>
            <th scope="col">Name</th>
            <th scope="col">Type and shape</th>
          </tr>
        </thead>
        <tbody>
          {model.signature.inputs.map((v) => (
            <tr key={`in-${v.name}`}>
              <td>input</td>
              <td>{v.name}</td>
              <td className="num">{describeOnnxValue(v)}</td>
            </tr>
          ))}
          {model.signature.outputs.map((v) => (
            <tr key={`out-${v.name}`}>
              <td>output</td>
              <td>{v.name}</td>
              <td className="num">{describeOnnxValue(v)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {features.length === 0 ? (
        <p className="field-hint">
          Pick a strategy and its Model block above: each model input column is mapped to a builder output connected to the block&apos;s
          f1…f8.
        </p>
      ) : null}
      <div className="models-mapping" aria-describedby={problem ? problemId : undefined}>
        {mapping.inputs.map((input, i) => (
          <fieldset key={input.name} className="models-mapping-input">
            <legend>Input {input.name}</legend>
            {input.features.map((feature, k) => (
              <span key={k} className="models-mapping-column">
                <select
                  className="select"
                  aria-label={`Input ${input.name} column ${k + 1}`}
                  value={feature}
                  onChange={(e) => setColumn(i, k, e.target.value)}
                >
                  {feature === '' ? <option value="">Choose a builder output…</option> : null}
                  {choices.map((c) => (
                    <option key={c} value={c}>
                      {features.includes(c) ? `f${features.indexOf(c) + 1}: ${c}` : c}
                    </option>
                  ))}
                </select>
                {input.features.length > 1 ? (
                  <button
                    type="button"
                    className="button"
                    aria-label={`Remove column ${k + 1} of input ${input.name}`}
                    onClick={() => setColumn(i, k, null)}
                  >
                    ×
                  </button>
                ) : null}
              </span>
            ))}
            <button
              type="button"
              className="button"
              onClick={() => setColumn(i, input.features.length, features[input.features.length] ?? features[0] ?? '')}
            >
              Add column
            </button>
          </fieldset>
        ))}
        <div className="models-mapping-output">
          <label className="field-label">
            Prediction output
            <select
              className="select"
              value={mapping.output.name}
              onChange={(e) => setMapping((m) => ({ ...m, output: { ...m.output, name: e.target.value } }))}
            >
              {model.signature.outputs.map((o) => (
                <option key={o.name} value={o.name}>
                  {o.name}
                </option>
              ))}
            </select>
          </label>
          <label className="field-label">
            Column
            <input
              className="input num"
              inputMode="numeric"
              aria-label="Output column"
              value={String(mapping.output.column)}
              onChange={(e) => {
                const column = Number(e.target.value);
                if (Number.isInteger(column) && column >= 0) setMapping((m) => ({ ...m, output: { ...m.output, column } }));
              }}
            />
          </label>
        </div>
        {problem ? (
          <p className="note note--error models-mapping-problem" role="alert" id={problemId} data-testid="onnx-mapping-problem">
            {problem}
          </p>
        ) : null}
        {saved ? <p className="note note--ok">Mapping saved: a Model block set to this model runs it on these features.</p> : null}
        <div className="models-mapping-actions">
          <button type="button" className="button button--primary" onClick={save}>
            Save mapping
          </button>
          {deleting ? (
            <>
              <span className="field-hint">Delete {model.name}? Strategies naming it will be refused.</span>
              <button type="button" className="button button--danger" onClick={() => void remove()}>
                Delete model
              </button>
              <button type="button" className="button" onClick={() => setDeleting(false)}>
                Keep it
              </button>
            </>
          ) : (
            <button type="button" className="button" onClick={() => setDeleting(true)}>
              Delete…
            </button>
          )}
        </div>
      </div>
    </article>
  );
}
