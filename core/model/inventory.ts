import { z } from 'zod';

/** What a server does; drives instance family, placement and security-group rules. */
export const SERVER_ROLES = ['bot', 'control-room', 'sql', 'web', 'app', 'other'] as const;
export type ServerRole = (typeof SERVER_ROLES)[number];

/** SQL Server edition installed on the server; `none` for servers without SQL Server. */
export const SQL_EDITIONS = ['none', 'express', 'web', 'standard', 'enterprise'] as const;
export type SqlEdition = (typeof SQL_EDITIONS)[number];

const pct = z.number().min(0).max(100).nullable();

/**
 * Measured utilisation in percent at the points monitoring tools report; null where the customer's
 * data has none. Sizing reads the percentile the project chose (options.percentile).
 */
export const utilizationSchema = z.object({ avg: pct, p50: pct, p90: pct, p95: pct, p99: pct, max: pct });
export type Utilization = z.infer<typeof utilizationSchema>;

export const NO_UTILIZATION: Utilization = {
  avg: null,
  p50: null,
  p90: null,
  p95: null,
  p99: null,
  max: null,
};

export const serverSchema = z.object({
  /** Stable id, unique in the inventory; nodes in the topology refer to it. */
  id: z.string().min(1).max(120),
  name: z.string().min(1).max(255),
  role: z.enum(SERVER_ROLES),
  /** True when the role was inferred from the name, OS or applications rather than given. */
  roleInferred: z.boolean().default(false),
  /** Operating system as the customer wrote it, e.g. "Windows Server 2019 Datacenter". */
  os: z.string().max(200),
  vcpu: z.number().int().min(1).max(1024),
  memoryGib: z.number().positive().max(32768),
  storageGib: z.number().min(0).max(1_000_000),
  cpu: utilizationSchema,
  memory: utilizationSchema,
  /** Peak disk IOPS (95th percentile) when the source has it; sizes SQL Server volumes. */
  diskIopsP95: z.number().min(0).max(10_000_000).nullable().default(null),
  sqlEdition: z.enum(SQL_EDITIONS),
  /** Applications reported for the server (Migration Hub "Applications"), used to infer roles. */
  applications: z.array(z.string().max(200)).max(100).default([]),
  /** RPA: automations this runner must run at once, when the inventory says. */
  concurrentAutomations: z.number().int().min(0).max(10_000).nullable().default(null),
  /** An instance type the architect pinned; sizing reports it instead of choosing. */
  pinnedInstanceType: z
    .string()
    .regex(/^[a-z0-9-]+\.[a-z0-9-]+$/)
    .nullable()
    .default(null),
  /** Where the row came from, so every figure can be traced back to the customer's file. */
  source: z.object({ file: z.string().max(500), row: z.number().int().min(1) }).nullable(),
});
export type Server = z.infer<typeof serverSchema>;

export const inventorySchema = z.object({
  servers: z.array(serverSchema).max(20_000),
  importedFrom: z
    .object({ fileName: z.string().max(500), format: z.string().max(50), importedAt: z.string().max(40) })
    .nullable(),
});
export type Inventory = z.infer<typeof inventorySchema>;

export function emptyInventory(): Inventory {
  return { servers: [], importedFrom: null };
}
