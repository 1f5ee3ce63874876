import type { Project } from '../project/schema';
import {
  ancestorOfKind,
  indexNodes,
  nodesOfKind,
  type Ec2Node,
  type NodeKind,
  type Topology,
  type TopologyNode,
} from '../model/topology';
import { text } from './intrinsics';
import type { LogicalIds } from './logical-ids';
import { cleanText, ec2TagValue, strictTagValue } from './sanitize';
import type { CfnTag } from './template';

/** Node kinds that become CloudFormation resources (AZs are only containers in the drawing). */
const RESOURCE_KINDS: ReadonlySet<NodeKind> = new Set([
  'vpc',
  'subnet',
  'internet-gateway',
  'nat-gateway',
  'load-balancer',
  'ec2-instance',
  's3-bucket',
  'kms-key',
  'waf-web-acl',
  'vpn-connection',
  'direct-connect',
  'route53-zone',
  'directory-service',
  'fsx-windows',
  'rds-sql-server',
  'cloudtrail',
  'guardduty',
  'config-recorder',
  'patch-manager',
  'secrets-manager-secret',
  'cloudwatch',
  'vpc-endpoint',
]);

/** What every resource builder reads: the project, lookups, and the logical ids handed out so far. */
export interface BuildContext {
  project: Project;
  topology: Topology;
  byId: ReadonlyMap<string, TopologyNode>;
  ids: LogicalIds;
  /** The project name as one clean line, for descriptions. */
  projectName: string;
  /** Tag carried by every resource so the customer's bill and console group the stack's resources. */
  projectTag: CfnTag;
}

export function createBuildContext(project: Project, ids: LogicalIds): BuildContext {
  const topology = project.topology;
  for (const node of topology.nodes) if (RESOURCE_KINDS.has(node.kind)) ids.assign(nodeKey(node.id), node.id);
  for (const group of topology.securityGroups) ids.assign(securityGroupKey(group.id), group.id);
  return {
    project,
    topology,
    byId: indexNodes(topology),
    ids,
    projectName: cleanText(project.project.name) || 'Untitled project',
    projectTag: { Key: 'Project', Value: text(strictTagValue(project.project.name, 'Untitled project')) },
  };
}

export function nodeKey(nodeId: string): string {
  return `node:${nodeId}`;
}

export function securityGroupKey(groupId: string): string {
  return `sg:${groupId}`;
}

/** Logical id of the resource a node becomes, or undefined for a dangling reference. */
export function nodeLogicalId(ctx: BuildContext, nodeId: string): string | undefined {
  return ctx.ids.of(nodeKey(nodeId));
}

export function securityGroupLogicalId(ctx: BuildContext, groupId: string): string | undefined {
  return ctx.ids.of(securityGroupKey(groupId));
}

/** Name + Project tags with values every AWS service accepts. */
export function strictTags(
  ctx: BuildContext,
  name: string,
  fallback: string,
  extra: CfnTag[] = [],
): CfnTag[] {
  return [{ Key: 'Name', Value: text(strictTagValue(name, fallback)) }, ...extra, ctx.projectTag];
}

/** Name + Project tags for EC2 resources, which accept any character in tag values. */
export function ec2Tags(ctx: BuildContext, name: string, fallback: string, extra: CfnTag[] = []): CfnTag[] {
  return [{ Key: 'Name', Value: text(ec2TagValue(name, fallback)) }, ...extra, ctx.projectTag];
}

/** EC2 nodes the template can create: those placed in a subnet (an instance needs one). */
export function placedInstances(topology: Topology): Ec2Node[] {
  const byId = indexNodes(topology);
  return nodesOfKind(topology, 'ec2-instance').filter((n) => ancestorOfKind(byId, n, 'subnet') !== undefined);
}
