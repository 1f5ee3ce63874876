import type { Inventory } from '../model/inventory';
import type { PlanOptions } from '../model/options';
import type { Server, SqlEdition } from '../model/inventory';
import type { Ec2Node, SubnetTier, TopologyEdge, TopologyNode, Volume } from '../model/topology';
import type { SizingResult } from '../sizing/size-server';
import { azLetters, subnetCidr } from './cidr-plan';
import { GROUP, GROUP_TITLES, NODE } from './design-ids';
import { sqlClusters } from './ha-patterns/shared';
import { createSecurityGroupSet, type SecurityGroupSet } from './security-groups';

/** The inventory's SQL Servers read as HA pairs: each pair (or lone server) holds one set of databases. */
export interface SqlCluster {
  index: number;
  servers: Server[];
}

/** An EC2 instance a part of the design asks for; build-topology turns it into a node (sizing, disks). */
export interface InstanceRequest {
  id: string;
  name: string;
  /** The inventory server whose sizing (and, unless `volumes` is given, disks) the instance takes. */
  server: Server;
  /** The inventory server it replaces; null for an instance the design adds. */
  serverId: string | null;
  zoneIndex: number;
  tier: 'app' | 'data';
  sqlEdition: SqlEdition;
  haRole: Ec2Node['haRole'];
  /** Overrides the server's sized type (every node of a cluster gets the largest of the cluster's). */
  instanceType?: string;
  securityGroupIds: string[];
  /** Overrides the server's disks (an FCI keeps its databases on FSx, not EBS). */
  volumes?: Volume[];
}

/**
 * What every part of the design (network, tiers, HA pattern, hybrid link, account services) reads
 * and adds to while buildTopology runs. Mutable during one build only; buildTopology returns plain data.
 */
export interface DesignContext {
  inventory: Inventory;
  options: PlanOptions;
  sizingById: ReadonlyMap<string, SizingResult>;
  /** AZ letters in use: ['a', 'b'] or ['a', 'b', 'c']. */
  letters: readonly string[];
  /** Zone names in the same order: ['ap-south-1a', 'ap-south-1b']. */
  zones: readonly string[];
  /** The inventory's SQL Servers as HA pairs (see sqlClusters). */
  clusters: readonly SqlCluster[];
  nodes: TopologyNode[];
  edges: TopologyEdge[];
  securityGroups: SecurityGroupSet;
  subnetId(tier: SubnetTier, letter: string): string;
  /** CIDRs of a tier's subnets, AZ by AZ. */
  tierCidrs(tier: SubnetTier): string[];
  /** The id of a titled service box; its node is added once, in a fixed order, at the end. */
  group(id: (typeof GROUP)[keyof typeof GROUP]): string;
  addEdge(edge: Omit<TopologyEdge, 'id'> & { id?: string }): void;
  /** Adds an EC2 node for the request (placed in its tier's subnet in its AZ) and returns it. */
  instance(request: InstanceRequest): Ec2Node;
  /** The node id of the KMS key that encrypts data at rest (EBS, FSx, RDS, backups). */
  dataKeyId: string;
  /** Facts later steps need: where the directory's domain controllers live, once a pattern adds one. */
  directory: { subnetIds: string[]; cidrs: string[]; domainName: string } | null;
}

/** Group ids in the order they are drawn, for a stable layout. */
const GROUP_ORDER = [GROUP.endpoints, GROUP.storage, GROUP.security, GROUP.operations] as const;

export function createDesignContext(
  inventory: Inventory,
  sizing: readonly SizingResult[],
  options: PlanOptions,
  makeInstance: (ctx: DesignContext, request: InstanceRequest) => Ec2Node,
): DesignContext & { finishGroups(): TopologyNode[] } {
  const letters = azLetters(options.azCount);
  const zones = letters.map((l) => `${options.region}${l}`);
  const used = new Set<string>();
  const edgeIds = new Set<string>();
  const ctx: DesignContext & { finishGroups(): TopologyNode[] } = {
    inventory,
    options,
    sizingById: new Map(sizing.map((s) => [s.serverId, s])),
    letters,
    zones,
    clusters: sqlClusters(inventory),
    nodes: [],
    edges: [],
    securityGroups: createSecurityGroupSet(),
    subnetId: (tier, letter) => `subnet-${tier}-${letter}`,
    tierCidrs: (tier) => letters.map((_, i) => subnetCidr(options.vpcCidr, tier, i)),
    group(id) {
      used.add(id);
      return id;
    },
    addEdge(edge) {
      const id = edge.id ?? `e-${edge.source}-${edge.target}`;
      // One edge per pair and purpose: a second one would draw on top of the first.
      if (edgeIds.has(id)) return;
      edgeIds.add(id);
      ctx.edges.push({ id, source: edge.source, target: edge.target, kind: edge.kind, label: edge.label });
    },
    instance(request) {
      const node = makeInstance(ctx, request);
      ctx.nodes.push(node);
      return node;
    },
    dataKeyId: NODE.mainKey,
    directory: null,
    finishGroups() {
      // The endpoint box sits in the VPC; the others are regional, beside it.
      return GROUP_ORDER.filter((g) => used.has(g)).map((g) => ({
        id: g,
        name: GROUP_TITLES[g],
        parentId: g === GROUP.endpoints ? 'vpc' : null,
        kind: 'service-group' as const,
      }));
    },
  };
  return ctx;
}
