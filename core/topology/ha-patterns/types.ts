import type { Inventory, SqlEdition } from '../../model/inventory';
import type { SqlHaPattern } from '../../model/options';
import type { SizingResult } from '../../sizing/size-server';
import type { DesignContext } from '../design-context';

export type { InstanceRequest, SqlCluster } from '../design-context';

/**
 * A SQL Server high-availability pattern: what it needs, what it promises, and how it adds its nodes,
 * edges and security-group rules to the design. One module per pattern in this folder.
 */

/** Whether a pattern suits the inventory, and why (or why not), in sentences an architect can repeat. */
export interface PatternFit {
  fits: boolean;
  reasons: string[];
}

/** What every pattern builds with: the design so far, the SQL Server clusters among it. */
export type PatternContext = DesignContext;

/** What the rest of the design needs to know about the SQL Server tier a pattern built. */
export interface SqlTier {
  /** Per cluster, the node applications connect to (AG primary/listener, FCI node, RDS instance). */
  endpoints: string[];
  /** Nodes that write the scheduled backups to S3. */
  backupSources: string[];
  /** SQL Server runs on EC2 (RDP-able, patched by Patch Manager), not on RDS. */
  onEc2: boolean;
  /** Label on the application → database edges. */
  connectLabel: string;
  /** Label on the database → backup bucket edges. */
  backupLabel: string;
}

export interface HaPattern {
  id: SqlHaPattern;
  title: string;
  /** One sentence for tables and the proposal. */
  summary: string;
  /** Highly available across Availability Zones (single-instance is not). */
  highlyAvailable: boolean;
  /** Edition every SQL Server node runs: fixed by the pattern, or the inventory's own. */
  edition(inventoryEdition: SqlEdition): SqlEdition;
  /** Licensing, in one sentence (License Included prices; which edition and how many nodes). */
  licensing: string;
  /** Recovery point and recovery time objectives a failure of a server or an AZ leads to. */
  rpo: string;
  rto: string;
  /** What happens when a server fails, and when an AZ fails. */
  serverFailure: string;
  azFailure: string;
  constraints: readonly string[];
  operations: readonly string[];
  /** Whether the pattern suits this inventory and sizing, and why. */
  fits(inventory: Inventory, sizing: readonly SizingResult[]): PatternFit;
  build(ctx: PatternContext): SqlTier;
}
