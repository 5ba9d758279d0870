import type { MethodInput, MethodName } from '../../../shared/ipc/contract';

export type { BracketView, OrderView, TradeView } from '../../../shared/ipc/schemas/orders';
export type MethodInputFor<M extends MethodName> = MethodInput<M>;
