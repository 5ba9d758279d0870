import type { TradewindBridge } from '../../../shared/ipc/bridge';
import {
  methods,
  type EventPayload,
  type MethodInput,
  type MethodName,
  type MethodOutput,
  type TopicName,
} from '../../../shared/ipc/contract';
import { RpcCallError, toErrorCode } from './rpc-error';

/** Methods whose input is optional can be called with just their name. */
type InputArgs<M extends MethodName> = undefined extends MethodInput<M> ? [input?: MethodInput<M>] : [input: MethodInput<M>];

export interface RpcClient {
  call<M extends MethodName>(method: M, ...args: InputArgs<M>): Promise<MethodOutput<M>>;
  on<T extends TopicName>(topic: T, listener: (payload: EventPayload<T>) => void): () => void;
}

/**
 * Dev and test builds check every reply against the method's output schema in the contract, so a
 * core that drifts from the contract fails loudly where it is developed and tested. Production
 * builds skip it (Vite folds this to false): core already shaped the value, and parsing every
 * reply again would cost frames.
 */
const CHECK_OUTPUTS = import.meta.env.DEV || import.meta.env.MODE === 'test';

/**
 * The renderer's only way to talk to core, typed from shared/ipc/contract.ts. Inputs are parsed by
 * core; outputs are checked here in dev and test builds (CHECK_OUTPUTS). Events fan out locally so
 * the bridge holds one subscription per topic.
 */
export function createRpcClient(bridge: TradewindBridge): RpcClient {
  const listeners = new Map<string, { set: Set<(payload: unknown) => void>; release: () => void }>();

  async function call<M extends MethodName>(method: M, ...args: InputArgs<M>): Promise<MethodOutput<M>> {
    const envelope: unknown = await bridge.invoke(method, args[0]);
    if (!isObject(envelope) || typeof envelope.ok !== 'boolean') {
      throw new RpcCallError('internal', `Malformed reply to ${method}`, method);
    }
    if (envelope.ok) return CHECK_OUTPUTS ? checkedOutput(method, envelope.value) : (envelope.value as MethodOutput<M>);
    const error = isObject(envelope.error) ? envelope.error : {};
    const message = typeof error.message === 'string' ? error.message : `${method} failed`;
    throw new RpcCallError(toErrorCode(error.code), message, method);
  }

  function on<T extends TopicName>(topic: T, listener: (payload: EventPayload<T>) => void): () => void {
    let entry = listeners.get(topic);
    if (!entry) {
      const set = new Set<(payload: unknown) => void>();
      const release = bridge.subscribe(topic, (payload) => dispatch(set, payload));
      entry = { set, release };
      listeners.set(topic, entry);
    }
    // Wrap so the same function can be registered twice and removed independently.
    const wrapped = (payload: unknown) => listener(payload as EventPayload<T>);
    entry.set.add(wrapped);
    const current = entry;
    let active = true;
    return () => {
      if (!active) return;
      active = false;
      current.set.delete(wrapped);
      if (current.set.size === 0 && listeners.get(topic) === current) {
        listeners.delete(topic);
        current.release();
      }
    };
  }

  return { call, on };
}

/** One throwing listener must not starve the others of the same event. */
function dispatch(set: Set<(payload: unknown) => void>, payload: unknown): void {
  for (const listener of [...set]) {
    try {
      listener(payload);
    } catch (error) {
      console.error('Event listener failed', error);
    }
  }
}

/** The reply as the contract's output schema parses it, or an error naming the method and the first fields that differ. */
function checkedOutput<M extends MethodName>(method: M, value: unknown): MethodOutput<M> {
  const parsed = methods[method].output.safeParse(value);
  if (parsed.success) return parsed.data as MethodOutput<M>;
  const fields = parsed.error.issues
    .slice(0, 3)
    .map((issue) => `${['output', ...issue.path.map(String)].join('.')}: ${issue.message}`)
    .join('; ');
  throw new RpcCallError(
    'internal',
    `The reply to ${method} does not match the contract (${fields}); core and renderer disagree, so build both from the same commit.`,
    method,
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
