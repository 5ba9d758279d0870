type Disposer = () => void | Promise<void>;

/** What `DisposableStore.dispose()` rejects with: every failure, each named by its disposer's label. */
export class DisposeError extends AggregateError {
  constructor(readonly failures: ReadonlyArray<{ label: string; error: unknown }>) {
    super(
      failures.map((f) => f.error),
      `${failures.length} of the shutdown steps failed (the others still ran): ${failures.map((f) => `${f.label}: ${reason(f.error)}`).join('; ')}`,
    );
    this.name = 'DisposeError';
  }
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Resources released together, VS Code `DisposableStore` style: add a disposer as each resource is
 * made, and `dispose()` runs every one in reverse order (the last made goes first), awaiting async
 * ones, even when some throw; then it rejects with a `DisposeError` holding every failure.
 * Disposing twice runs nothing again (the second call gets the first call's outcome).
 */
export class DisposableStore {
  private readonly disposers: Array<{ label: string; dispose: Disposer }> = [];
  private disposing: Promise<void> | undefined;

  get disposed(): boolean {
    return this.disposing !== undefined;
  }

  /** Registers `dispose` under `label` (the name a failure is reported with). */
  add(label: string, dispose: Disposer): void {
    // Nothing may be owned by a store that already let go of everything: that is a lifecycle bug.
    if (this.disposing) throw new Error(`Cannot add "${label}" to a store that is already disposed; dispose it directly.`);
    this.disposers.push({ label, dispose });
  }

  dispose(): Promise<void> {
    this.disposing ??= this.disposeAll();
    return this.disposing;
  }

  private async disposeAll(): Promise<void> {
    const failures: Array<{ label: string; error: unknown }> = [];
    for (const entry of this.disposers.splice(0).reverse()) {
      const error = await runOne(entry);
      if (error !== undefined) failures.push({ label: entry.label, error });
    }
    if (failures.length > 0) throw new DisposeError(failures);
  }
}

/** Runs one disposer; resolves to its error (sync throw or rejection), or undefined. */
async function runOne(entry: { dispose: Disposer }): Promise<unknown> {
  try {
    await entry.dispose();
    return undefined;
  } catch (error) {
    return error ?? new Error('a disposer threw without a reason');
  }
}
