import type { TradewindBridge } from '../../../shared/ipc/bridge';
import type {
  EventPayload,
  MethodInput,
  MethodName,
  MethodOutput,
  TopicName,
} from '../../../shared/ipc/contract';
import { RpcCallError, toErrorCode } from './rpc-error';

/** Methods whose input is optional can be called with just their name. */
type InputArgs<M extends MethodName> =
  undefined extends MethodInput<M> ? [input?: MethodInput<M>] : [input: MethodInput<M>];

export interface RpcClient {
  call<M extends MethodName>(method: M, ...args: InputArgs<M>): Promise<MethodOutput<M>>;
  on<T extends TopicName>(topic: T, listener: (payload: EventPayload<T>) => void): () => void;
}

/**
 * The renderer's only way to talk to core, typed from shared/ipc/contract.ts. Outputs are not
 * re-validated here: hosts validate at the boundary, and parsing every ticker batch twice would
 * cost frames. Events fan out locally so the bridge holds one subscription per topic.
 */
export function createRpcClient(bridge: TradewindBridge): RpcClient {
  const listeners = new Map<string, { set: Set<(payload: unknown) => void>; release: () => void }>();

  async function call<M extends MethodName>(method: M, ...args: InputArgs<M>): Promise<MethodOutput<M>> {
    const envelope: unknown = await bridge.invoke(method, args[0]);
    if (!isObject(envelope) || typeof envelope.ok !== 'boolean') {
      throw new RpcCallError('internal', `Malformed reply to ${method}`, method);
    }
    if (envelope.ok) return envelope.value as MethodOutput<M>;
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

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
