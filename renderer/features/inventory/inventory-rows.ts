import type { Server, ServerRole, SqlEdition } from '../../../core/model/inventory';
import type { Topology } from '../../../core/model/topology';
import type { Confidence, SizingResult } from '../../../core/sizing/size-server';
import { Money } from '../../../core/util/money';

/** One line of the inventory table: the customer's server joined with the instance the sizing chose. */
export interface InventoryRow {
  serverId: string;
  name: string;
  role: ServerRole;
  vcpu: number;
  memoryGib: number;
  storageGib: number;
  cpuP95Pct: number | null;
  memoryP95Pct: number | null;
  sqlEdition: SqlEdition;
  /** Null while prices load, or when no catalogued type fits. */
  instanceType: string | null;
  hourlyUsd: string | null;
  derivedPrice: boolean;
  confidence: Confidence | null;
  rationale: string | null;
  /**
   * The type the design actually runs, when it differs from the sizing: SQL Server availability-group
   * replicas all get the largest type sized for any of them, so each can take the primary's load.
   */
  designInstanceType: string | null;
}

export const SORT_KEYS = [
  'name',
  'role',
  'vcpu',
  'memoryGib',
  'storageGib',
  'cpuP95Pct',
  'memoryP95Pct',
  'sqlEdition',
  'instanceType',
  'hourlyUsd',
] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export interface SortOrder {
  key: SortKey;
  direction: 'asc' | 'desc';
}

export function buildInventoryRows(
  servers: readonly Server[],
  sizing: readonly SizingResult[] | null,
  topology?: Topology,
): InventoryRow[] {
  const byServer = new Map((sizing ?? []).map((s) => [s.serverId, s]));
  const designed = new Map<string, string>();
  for (const n of topology?.nodes ?? [])
    if (n.kind === 'ec2-instance' && n.serverId !== null) designed.set(n.serverId, n.instanceType);
  return servers.map((server) => {
    const sized = byServer.get(server.id);
    const chosen = sized?.chosen ?? null;
    const design = designed.get(server.id) ?? null;
    return {
      serverId: server.id,
      name: server.name,
      role: server.role,
      vcpu: server.vcpu,
      memoryGib: server.memoryGib,
      storageGib: server.storageGib,
      cpuP95Pct: server.cpu.p95,
      memoryP95Pct: server.memory.p95,
      sqlEdition: server.sqlEdition,
      instanceType: chosen?.instanceType ?? null,
      hourlyUsd: chosen?.hourlyUsd ?? null,
      derivedPrice: chosen?.derivedPrice ?? false,
      confidence: sized?.confidence ?? null,
      rationale: sized?.rationale ?? null,
      designInstanceType:
        chosen !== null && design !== null && design !== chosen.instanceType ? design : null,
    };
  });
}

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

function compareValues(a: InventoryRow, b: InventoryRow, key: SortKey): number {
  if (key === 'hourlyUsd') return new Money(a.hourlyUsd ?? 0).cmp(b.hourlyUsd ?? 0);
  const x = a[key];
  const y = b[key];
  if (typeof x === 'number' && typeof y === 'number') return x - y;
  return collator.compare(String(x ?? ''), String(y ?? ''));
}

/** Sorted copy; rows without a value (no utilisation, no price) go last in either direction; ties keep file order. */
export function sortInventoryRows(rows: readonly InventoryRow[], order: SortOrder): InventoryRow[] {
  const sign = order.direction === 'asc' ? 1 : -1;
  return rows
    .map((row, index) => ({ row, index }))
    .sort((a, b) => {
      const aMissing = a.row[order.key] === null;
      const bMissing = b.row[order.key] === null;
      if (aMissing !== bMissing) return aMissing ? 1 : -1;
      return (aMissing ? 0 : sign * compareValues(a.row, b.row, order.key)) || a.index - b.index;
    })
    .map((x) => x.row);
}

/** Clicking a column header: a new column sorts ascending, the same column flips direction. */
export function nextSortOrder(current: SortOrder | null, key: SortKey): SortOrder {
  if (current?.key === key) return { key, direction: current.direction === 'asc' ? 'desc' : 'asc' };
  return { key, direction: 'asc' };
}
