import type { Server, ServerRole, SqlEdition } from '../../../core/model/inventory';
import type { Topology } from '../../../core/model/topology';
import type { Confidence, SizingResult, UtilizationSource } from '../../../core/sizing/size-server';
import { Money } from '../../../core/util/money';

/** One line of the inventory table: the customer's server (current) beside what sizing recommends. */
export interface InventoryRow {
  serverId: string;
  name: string;
  role: ServerRole;
  roleInferred: boolean;
  vcpu: number;
  memoryGib: number;
  storageGib: number;
  /** CPU and memory utilisation sizing used, and which figure it was (p95, a fallback, the average). */
  cpuPct: number | null;
  memoryPct: number | null;
  cpuSource: UtilizationSource | null;
  memorySource: UtilizationSource | null;
  sqlEdition: SqlEdition;
  /** Null while prices load, or when no catalogued type fits. */
  instanceType: string | null;
  hourlyUsd: string | null;
  derivedPrice: boolean;
  /** vCPU and memory of the recommended (or pinned) type; active vCPU when Optimize CPUs switches some off. */
  chosenVcpu: number | null;
  chosenMemoryGib: number | null;
  activeVcpu: number | null;
  requiredVcpu: number | null;
  requiredMemoryGib: number | null;
  confidence: Confidence | null;
  rationale: string | null;
  details: readonly string[];
  /** The pinned type (the architect's), or null when sizing chooses. */
  pinnedInstanceType: string | null;
  pinMeetsRequirement: boolean | null;
  /** What sizing would choose when the server is pinned. */
  recommendedInstanceType: string | null;
  alternatives: readonly {
    instanceType: string;
    activeVcpu: number;
    vcpu: number;
    monthlyDeltaUsd: string;
  }[];
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
  'cpuPct',
  'memoryPct',
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
      roleInferred: server.roleInferred,
      vcpu: server.vcpu,
      memoryGib: server.memoryGib,
      storageGib: server.storageGib,
      cpuPct: sized ? sized.utilization.cpuPct : server.cpu.p95,
      memoryPct: sized ? sized.utilization.memoryPct : server.memory.p95,
      cpuSource: sized ? sized.utilization.cpuSource : server.cpu.p95 === null ? null : 'p95',
      memorySource: sized ? sized.utilization.memorySource : server.memory.p95 === null ? null : 'p95',
      sqlEdition: server.sqlEdition,
      instanceType: chosen?.instanceType ?? null,
      hourlyUsd: chosen?.hourlyUsd ?? null,
      derivedPrice: chosen?.derivedPrice ?? false,
      chosenVcpu: chosen?.vcpu ?? null,
      chosenMemoryGib: chosen?.memoryGib ?? null,
      activeVcpu: chosen?.activeVcpu ?? null,
      requiredVcpu: sized?.required.vcpu ?? null,
      requiredMemoryGib: sized?.required.memoryGib ?? null,
      confidence: sized?.confidence ?? null,
      rationale: sized?.rationale ?? null,
      details: sized?.details ?? [],
      pinnedInstanceType: server.pinnedInstanceType,
      pinMeetsRequirement: sized?.pin?.meetsRequirement ?? null,
      recommendedInstanceType: sized?.pin
        ? (sized.pin.recommended?.instanceType ?? null)
        : (chosen?.instanceType ?? null),
      alternatives: (sized?.alternatives ?? []).map((a) => ({
        instanceType: a.instanceType,
        activeVcpu: a.activeVcpu,
        vcpu: a.vcpu,
        monthlyDeltaUsd: a.monthlyDeltaUsd,
      })),
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

/** "p95", "max (no p95)", "avg (no p95)": where a utilisation figure came from, for the cell's tooltip. */
export function sourceLabel(source: UtilizationSource | null, percentile: string): string {
  if (source === null) return 'no figure: sized as on premises';
  const name = source === 'avg' ? 'average' : source;
  return source === percentile ? name : `${name} (no ${percentile} in the file)`;
}

/** A monthly difference for display: "+$33.58/mo", "same price", "−$12.00/mo". */
export function deltaText(monthlyDeltaUsd: string): string {
  const d = new Money(monthlyDeltaUsd);
  if (d.isZero()) return 'same price';
  const abs = d.abs().toFixed(2);
  return `${d.isNegative() ? '−' : '+'}$${abs}/mo`;
}
