import { z } from 'zod';

/** What a server does; drives instance family, placement and security-group rules. */
export const SERVER_ROLES = ['bot', 'control-room', 'sql', 'web', 'app', 'other'] as const;
export type ServerRole = (typeof SERVER_ROLES)[number];

/** SQL Server edition installed on the server; `none` for servers without SQL Server. */
export const SQL_EDITIONS = ['none', 'express', 'web', 'standard', 'enterprise'] as const;
export type SqlEdition = (typeof SQL_EDITIONS)[number];

export const serverSchema = z.object({
  /** Stable id, unique in the inventory; nodes in the topology refer to it. */
  id: z.string().min(1).max(120),
  name: z.string().min(1).max(255),
  role: z.enum(SERVER_ROLES),
  /** Operating system as the customer wrote it, e.g. "Windows Server 2019 Datacenter". */
  os: z.string().max(200),
  vcpu: z.number().int().min(1).max(1024),
  memoryGib: z.number().positive().max(32768),
  storageGib: z.number().min(0).max(1_000_000),
  /** 95th-percentile CPU utilisation in percent; null when the customer gave none. */
  cpuP95Pct: z.number().min(0).max(100).nullable(),
  memoryP95Pct: z.number().min(0).max(100).nullable(),
  sqlEdition: z.enum(SQL_EDITIONS),
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
