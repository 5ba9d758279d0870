/**
 * The serialised strategy: a versioned document of nodes (block instances with parameters)
 * and edges (output port → input port). Zod checks the shape and size limits (imported files
 * are untrusted); `validateStrategyGraph` checks the meaning (types, cycles, ranges).
 */
import { z } from 'zod';

export const STRATEGY_FORMAT = 'tradewind.strategy';
/** Bump together with a new entry in STRATEGY_MIGRATIONS (migrations.ts). */
export const STRATEGY_SCHEMA_VERSION = 1;

export const MAX_NODES = 500;
export const MAX_EDGES = 2000;

export const NodeIdSchema = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_-]{0,63}$/, 'must start with a letter or _, then letters, digits, _ or -, at most 64');

const PortNameSchema = z.string().min(1).max(64);

export const StrategyNodeSchema = z.object({
  id: NodeIdSchema,
  /** A block type from the catalogue; checked by validation so the error can name the node. */
  type: z.string().min(1).max(64),
  params: z.record(z.string().max(64), z.union([z.number(), z.string().max(64)])).default({}),
  label: z.string().max(80).optional(),
  /** Editor canvas position; the engine ignores it. */
  position: z.object({ x: z.number().finite(), y: z.number().finite() }).optional(),
});

export const PortRefSchema = z.object({ node: NodeIdSchema, port: PortNameSchema });

export const StrategyEdgeSchema = z.object({ from: PortRefSchema, to: PortRefSchema });

export const StrategyGraphSchema = z.object({
  format: z.literal(STRATEGY_FORMAT),
  version: z.literal(STRATEGY_SCHEMA_VERSION),
  name: z.string().min(1).max(120),
  description: z.string().max(2000).optional(),
  nodes: z.array(StrategyNodeSchema).min(1).max(MAX_NODES),
  edges: z.array(StrategyEdgeSchema).max(MAX_EDGES),
});

export type StrategyNode = z.infer<typeof StrategyNodeSchema>;
export type StrategyEdge = z.infer<typeof StrategyEdgeSchema>;
export type PortRef = z.infer<typeof PortRefSchema>;
export type StrategyGraph = z.infer<typeof StrategyGraphSchema>;
