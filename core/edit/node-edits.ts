import { uniqueId, slugify } from '../model/ids';
import type { Issue } from '../model/issue';
import type { NodePosition } from '../model/layout';
import type {
  EDGE_KINDS,
  SecurityGroup,
  SecurityGroupRule,
  Topology,
  TopologyEdge,
  TopologyNode,
  Volume,
} from '../model/topology';
import { indexNodes, isGroupKind, topologyNodeSchema } from '../model/topology';
import type { Project } from '../project/schema';
import { editServer } from '../inventory/edit-inventory';
import { zodIssues } from '../util/zod-issues';
import { canContain, describePlacement, withDescendants } from './containment';
import { type EditResult, editIssue, refuse } from './edit-result';
import { clampIntoGroup, clearOfSiblings, growGroupsToFit, leafSize, placeNodes } from './layout-edits';
import { PALETTE, type PaletteItem, buildPaletteNode } from './palette';
import { validateSecurityGroup, validateVolumes } from './validate-node';

/**
 * Every command the canvas and the inspector offer, as a pure action over the project: it returns a
 * new project (sharing whatever did not change, so undo snapshots are cheap and the estimate re-prices
 * only the nodes that changed) or the issues that stopped it. Nothing here mutates its input.
 */

type EdgeKind = (typeof EDGE_KINDS)[number];

function withTopology(project: Project, topology: Topology, layout = project.layout): Project {
  return { ...project, topology, layout: growGroupsToFit(topology, layout) };
}

function nodeById(project: Project, id: string): TopologyNode | undefined {
  return project.topology.nodes.find((n) => n.id === id);
}

function replaceNode(topology: Topology, node: TopologyNode): Topology {
  return { ...topology, nodes: topology.nodes.map((n) => (n.id === node.id ? node : n)) };
}

function notFound(id: string): EditResult {
  return refuse(
    'edit.unknown-node',
    `There is no node "${id}" in the design.`,
    'Select a node on the canvas first.',
  );
}

/** Adds a node of a palette entry at a place of the canvas (`x`, `y` relative to `parentId`, null = the canvas). */
export function addPaletteNode(
  project: Project,
  item: PaletteItem,
  at: { parentId: string | null; x: number; y: number },
): EditResult {
  const entry = PALETTE[item];
  const byId = indexNodes(project.topology);
  const parent = at.parentId !== null ? byId.get(at.parentId) : null;
  if (parent === undefined)
    return refuse('edit.unknown-node', `There is no group "${at.parentId}".`, 'Drop it again.');
  if (!canContain(byId, parent, entry.kind))
    return refuse(
      'edit.wrong-place',
      `A ${entry.label} cannot go ${parent ? `in ${parent.name}` : 'there'}: it belongs ${describePlacement(entry.kind)}.`,
      'Drop it where it belongs.',
    );
  const taken = new Set(project.topology.nodes.map((n) => n.id));
  const sameKind = project.topology.nodes.filter((n) => n.kind === entry.kind).length;
  const id = uniqueId(`${slugify(entry.label)}-${sameKind + 1}`, taken);
  const name = `${entry.label} ${sameKind + 1}`;
  const built = buildPaletteNode(item, {
    topology: project.topology,
    options: project.options,
    id,
    name,
    parent,
  });
  const size = leafSize(built.node);
  const pos = clearOfSiblings(
    project.topology,
    project.layout,
    parent?.id ?? null,
    id,
    clampIntoGroup(parent, at),
    size,
  );
  const topology: Topology = {
    ...project.topology,
    nodes: [...project.topology.nodes, built.node],
    securityGroups: [...project.topology.securityGroups, ...built.newSecurityGroups],
  };
  const layout = placeNodes(project.layout, [{ id, ...pos, ...size, manual: true }]);
  const issues: Issue[] = built.newSecurityGroups.map((g) =>
    editIssue('edit.security-group-added', `Added the security group "${g.name}" for it.`, '', 'notice'),
  );
  return {
    ok: true,
    project: withTopology(project, topology, layout),
    select: [id],
    issues,
    summary: `Added ${name}${parent ? ` to ${parent.name}` : ''}`,
  };
}

/** Drops references to removed nodes from the fields that list other nodes (targets, subnets, keys…). */
function pruneReferences(node: TopologyNode, gone: ReadonlySet<string>): TopologyNode {
  const keep = (ids: readonly string[]): string[] => ids.filter((id) => !gone.has(id));
  const drop = (id: string | null): string | null => (id !== null && gone.has(id) ? null : id);
  switch (node.kind) {
    case 'load-balancer':
      if (!node.targetIds.some((t) => gone.has(t)) && !node.subnetIds.some((t) => gone.has(t))) return node;
      return { ...node, targetIds: keep(node.targetIds), subnetIds: keep(node.subnetIds) };
    case 'waf-web-acl':
      if (!node.associatedResourceIds.some((t) => gone.has(t))) return node;
      return { ...node, associatedResourceIds: keep(node.associatedResourceIds) };
    case 'vpc-endpoint':
    case 'directory-service':
      if (!node.subnetIds.some((t) => gone.has(t))) return node;
      return { ...node, subnetIds: keep(node.subnetIds) };
    case 'fsx-windows':
      if (
        !node.subnetIds.some((t) => gone.has(t)) &&
        !gone.has(node.kmsKeyId ?? '') &&
        !gone.has(node.directoryId ?? '')
      )
        return node;
      return {
        ...node,
        subnetIds: keep(node.subnetIds),
        kmsKeyId: drop(node.kmsKeyId),
        directoryId: drop(node.directoryId),
      };
    case 'rds-sql-server':
      if (!node.subnetIds.some((t) => gone.has(t)) && !gone.has(node.kmsKeyId ?? '')) return node;
      return { ...node, subnetIds: keep(node.subnetIds), kmsKeyId: drop(node.kmsKeyId) };
    case 's3-bucket':
      if (!gone.has(node.kmsKeyId ?? '')) return node;
      return { ...node, kmsKeyId: null, encryption: 'sse-s3' };
    case 'cloudtrail':
      if (!gone.has(node.kmsKeyId ?? '') && !gone.has(node.bucketId ?? '')) return node;
      return { ...node, kmsKeyId: drop(node.kmsKeyId), bucketId: drop(node.bucketId) };
    case 'secrets-manager-secret':
      if (!gone.has(node.kmsKeyId ?? '')) return node;
      return { ...node, kmsKeyId: null };
    default:
      return node;
  }
}

/** Removes nodes (groups with everything inside them), their connections, positions and every reference to them. */
export function deleteNodes(project: Project, ids: readonly string[]): EditResult {
  const known = ids.filter((id) => nodeById(project, id) !== undefined);
  if (known.length === 0)
    return refuse('edit.nothing-selected', 'Nothing to delete.', 'Select nodes on the canvas first.');
  const gone = withDescendants(project.topology, known);
  const removed = project.topology.nodes.filter((n) => gone.has(n.id));
  const topology: Topology = {
    ...project.topology,
    nodes: project.topology.nodes.filter((n) => !gone.has(n.id)).map((n) => pruneReferences(n, gone)),
    edges: project.topology.edges.filter((e) => !gone.has(e.source) && !gone.has(e.target)),
    networkAcls: project.topology.networkAcls.map((a) =>
      a.subnetIds.some((s) => gone.has(s)) ? { ...a, subnetIds: a.subnetIds.filter((s) => !gone.has(s)) } : a,
    ),
  };
  const layout = { positions: project.layout.positions.filter((p) => !gone.has(p.id)) };
  const fromInventory = removed.filter((n) => n.kind === 'ec2-instance' && n.serverId !== null);
  const issues: Issue[] =
    fromInventory.length > 0
      ? [
          editIssue(
            'edit.server-still-in-inventory',
            `${fromInventory.map((n) => n.name).join(', ')} ${fromInventory.length === 1 ? 'is' : 'are'} still in the inventory: a re-plan (a grid edit or another HA pattern) adds ${fromInventory.length === 1 ? 'it' : 'them'} back.`,
            'Remove the server from the customer’s inventory file if it is not migrating.',
            'notice',
          ),
        ]
      : [];
  const names = removed.filter((n) => known.includes(n.id)).map((n) => n.name);
  return {
    ok: true,
    project: { ...project, topology, layout },
    select: [],
    issues,
    summary: `Deleted ${names.length === 1 ? names[0] : `${names.length} nodes`}${gone.size > known.length ? ` and the ${gone.size - known.length} inside` : ''}`,
  };
}

/** Nodes, connections and positions copied from the design: what Copy puts on the clipboard. */
export interface NodeClipboard {
  nodes: TopologyNode[];
  edges: TopologyEdge[];
  positions: NodePosition[];
}

/** Copies resources (groups are skipped: a subnet has an address range that cannot be duplicated). */
export function copyNodes(project: Project, ids: readonly string[]): NodeClipboard {
  const wanted = new Set(ids);
  const nodes = project.topology.nodes.filter((n) => wanted.has(n.id) && !isGroupKind(n.kind));
  const copied = new Set(nodes.map((n) => n.id));
  return {
    nodes,
    edges: project.topology.edges.filter((e) => copied.has(e.source) || copied.has(e.target)),
    positions: project.layout.positions.filter((p) => copied.has(p.id)),
  };
}

/** A copy of a node under a new id: not the inventory server's own instance, and never an HA primary twice. */
function copyOf(node: TopologyNode, id: string, parent: TopologyNode | null): TopologyNode {
  const base = { ...node, id, name: `${node.name} (copy)`.slice(0, 255), parentId: parent?.id ?? null };
  if (base.kind === 'ec2-instance')
    return {
      ...base,
      serverId: null,
      haRole: base.haRole === null ? null : 'standalone',
      zone: parent?.kind === 'subnet' ? parent.zone : base.zone,
    };
  if (base.kind === 'nat-gateway')
    return { ...base, zone: parent?.kind === 'subnet' ? parent.zone : base.zone };
  return base;
}

/**
 * Pastes clipboard nodes: into `target` (a group, or null for the canvas) at `target.x/y` keeping their
 * arrangement, or, without a target, into their own groups offset by `offset`. Connections among the
 * copies are copied, and so are connections to nodes outside the clipboard that still exist (a copied
 * bot runner talks to the same control room). Nodes that may not go into the target are left out, and
 * the issues say which.
 */
export function pasteNodes(
  project: Project,
  clipboard: NodeClipboard,
  target?: { parentId: string | null; x: number; y: number },
  offset = { x: 32, y: 32 },
): EditResult {
  if (clipboard.nodes.length === 0)
    return refuse(
      'edit.clipboard-empty',
      'There is nothing to paste.',
      'Copy resources on the canvas first (Ctrl+C).',
    );
  const byId = indexNodes(project.topology);
  const taken = new Set(project.topology.nodes.map((n) => n.id));
  const positions = new Map(clipboard.positions.map((p) => [p.id, p]));
  const issues: Issue[] = [];
  const idMap = new Map<string, string>();
  const added: TopologyNode[] = [];
  const placed: NodePosition[] = [];
  const left = Math.min(...clipboard.nodes.map((n) => positions.get(n.id)?.x ?? 0));
  const top = Math.min(...clipboard.nodes.map((n) => positions.get(n.id)?.y ?? 0));
  for (const node of clipboard.nodes) {
    const parentId = target ? target.parentId : node.parentId;
    const parent = parentId !== null ? (byId.get(parentId) ?? undefined) : null;
    if (parent === undefined || !canContain(byId, parent, node.kind)) {
      issues.push(
        editIssue(
          'edit.wrong-place',
          `${node.name} was not pasted: it belongs ${describePlacement(node.kind)}.`,
          'Select a suitable group, or paste where the original sits.',
          'warning',
        ),
      );
      continue;
    }
    const id = uniqueId(`${node.id.replace(/-copy(-\d+)?$/, '')}-copy`, taken);
    idMap.set(node.id, id);
    added.push(copyOf(node, id, parent));
    const own = positions.get(node.id);
    const size = own && own.width > 0 ? { width: own.width, height: own.height } : leafSize(node);
    const at = target
      ? { x: target.x + (own?.x ?? 0) - left, y: target.y + (own?.y ?? 0) - top }
      : { x: (own?.x ?? 0) + offset.x, y: (own?.y ?? 0) + offset.y };
    placed.push({ id, ...clampIntoGroup(parent, at), ...size, manual: true });
  }
  if (added.length === 0) return { ok: false, issues };
  const edgeIds = new Set(project.topology.edges.map((e) => e.id));
  const edges: TopologyEdge[] = [];
  for (const e of clipboard.edges) {
    const source = idMap.get(e.source) ?? (byId.has(e.source) ? e.source : null);
    const targetId = idMap.get(e.target) ?? (byId.has(e.target) ? e.target : null);
    if (source === null || targetId === null || (source === e.source && targetId === e.target)) continue;
    edges.push({ ...e, id: uniqueId(`e-${source}-${targetId}`, edgeIds), source, target: targetId });
  }
  const topology: Topology = {
    ...project.topology,
    nodes: [...project.topology.nodes, ...added],
    edges: [...project.topology.edges, ...edges],
  };
  return {
    ok: true,
    project: withTopology(project, topology, placeNodes(project.layout, placed)),
    select: added.map((n) => n.id),
    issues,
    summary: `Pasted ${added.length === 1 ? (added[0] as TopologyNode).name : `${added.length} nodes`}`,
  };
}

/** Copies of the nodes beside the originals, with their connections. */
export function duplicateNodes(project: Project, ids: readonly string[]): EditResult {
  const clipboard = copyNodes(project, ids);
  if (clipboard.nodes.length === 0)
    return refuse(
      'edit.nothing-to-duplicate',
      'Nothing to duplicate: select resources (groups such as subnets cannot be duplicated).',
      'Select one or more resources on the canvas.',
    );
  const result = pasteNodes(project, clipboard, undefined, { x: 24, y: 24 });
  return result.ok ? { ...result, summary: result.summary.replace(/^Pasted/, 'Duplicated') } : result;
}

/**
 * Moves a node into another group, where the node then lives: an instance or NAT gateway takes the
 * new subnet's zone, an instance in a private subnet loses any public IP. Security groups follow the
 * role, not the subnet, so they stay; the network ACL that applies is the new subnet's.
 * `x`/`y` are relative to the new parent.
 */
export function moveNodeToParent(
  project: Project,
  nodeId: string,
  parentId: string | null,
  at: { x: number; y: number },
): EditResult {
  const node = nodeById(project, nodeId);
  if (!node) return notFound(nodeId);
  if (node.parentId === parentId)
    return refuse('edit.same-parent', `${node.name} is already there.`, 'Drag it into another group.');
  const byId = indexNodes(project.topology);
  const parent = parentId !== null ? byId.get(parentId) : null;
  if (parent === undefined)
    return refuse('edit.unknown-node', `There is no group "${parentId}".`, 'Drop it again.');
  if (parent !== null && withDescendants(project.topology, [nodeId]).has(parent.id))
    return refuse('edit.into-itself', `${node.name} cannot go inside itself.`, 'Drop it elsewhere.');
  if (!canContain(byId, parent, node.kind))
    return refuse(
      'edit.wrong-place',
      `${node.name} cannot go ${parent ? `in ${parent.name}` : 'outside the VPC'}: it belongs ${describePlacement(node.kind)}.`,
      'It went back where it was. Drag it into a group where it belongs.',
    );
  let moved: TopologyNode = { ...node, parentId };
  const issues: Issue[] = [];
  if (moved.kind === 'ec2-instance' && parent?.kind === 'subnet') {
    const zoneChanged = moved.zone !== parent.zone;
    moved = {
      ...moved,
      zone: parent.zone,
      associatePublicIp: parent.tier === 'public' && moved.associatePublicIp,
    };
    if (zoneChanged)
      issues.push(
        editIssue('edit.zone-changed', `${node.name} now runs in ${parent.zone}.`, '', 'notice', 'zone'),
      );
    if (parent.tier === 'public')
      issues.push(
        editIssue(
          'edit.public-subnet',
          `${node.name} is now in a public subnet; NET-01 asks for servers in private subnets.`,
          'Move it back to an app or data subnet unless it must face the internet.',
          'warning',
        ),
      );
  }
  if (moved.kind === 'nat-gateway' && parent?.kind === 'subnet') moved = { ...moved, zone: parent.zone };
  const size = project.layout.positions.find((p) => p.id === nodeId) ?? { ...leafSize(node) };
  const spot = clearOfSiblings(
    project.topology,
    project.layout,
    parentId,
    nodeId,
    clampIntoGroup(parent, at),
    size,
  );
  const layout = placeNodes(project.layout, [
    { id: nodeId, ...spot, width: size.width, height: size.height, manual: true },
  ]);
  return {
    ok: true,
    project: withTopology(project, replaceNode(project.topology, moved), layout),
    select: [nodeId],
    issues,
    summary: `Moved ${node.name} to ${parent ? parent.name : 'the canvas'}`,
  };
}

const PATCHABLE_FORBIDDEN = new Set(['id', 'kind', 'parentId']);

/** Field names as the status bar and the undo menu say them ("public IP", not "associatePublicIp"). */
const FIELD_LABELS: Readonly<Record<string, string>> = {
  associatePublicIp: 'public IP',
  imdsV2Required: 'IMDSv2',
  autoRecovery: 'auto recovery',
  instanceType: 'instance type',
  availabilityZone: 'Availability Zone',
  sqlLicense: 'SQL Server licence',
  operatingSystem: 'operating system',
};

function fieldLabel(key: string): string {
  return FIELD_LABELS[key] ?? key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
}

/**
 * Changes fields of a node (name, sizes, flags…) after checking the result against the schema; the
 * id, kind and place are changed by other actions. Unknown nodes, bad values and no-op patches are refused.
 */
export function updateNode(
  project: Project,
  nodeId: string,
  patch: Readonly<Record<string, unknown>>,
): EditResult {
  const node = nodeById(project, nodeId);
  if (!node) return notFound(nodeId);
  const keys = Object.keys(patch).filter((k) => !PATCHABLE_FORBIDDEN.has(k));
  const current = node as unknown as Record<string, unknown>;
  if (keys.every((k) => JSON.stringify(current[k]) === JSON.stringify(patch[k])))
    return refuse('edit.no-change', 'Nothing changed.', '');
  const candidate = { ...node, ...Object.fromEntries(keys.map((k) => [k, patch[k]])) };
  const parsed = topologyNodeSchema.safeParse(candidate);
  if (!parsed.success)
    return {
      ok: false,
      issues: zodIssues(parsed.error, 'edit.invalid-field', 'Correct the value; nothing was changed.'),
    };
  return {
    ok: true,
    project: withTopology(project, replaceNode(project.topology, parsed.data)),
    select: [nodeId],
    issues: [],
    summary: `Changed ${keys.map(fieldLabel).join(', ')} of ${node.name}`,
  };
}

/**
 * Sets an instance's type. For an instance that replaces an inventory server, the server is pinned to
 * the type too, so the choice survives a re-plan and the inventory grid shows it as the architect's.
 */
export function setInstanceType(project: Project, nodeId: string, instanceType: string): EditResult {
  const node = nodeById(project, nodeId);
  if (!node) return notFound(nodeId);
  if (node.kind !== 'ec2-instance')
    return refuse('edit.not-an-instance', `${node.name} is not an EC2 instance.`, 'Select an instance.');
  if (node.instanceType === instanceType) return refuse('edit.no-change', 'Nothing changed.', '');
  const result = updateNode(project, nodeId, { instanceType, optimizeCpu: null });
  if (!result.ok) return result;
  const inventory =
    node.serverId !== null
      ? editServer(result.project.inventory, node.serverId, { pinnedInstanceType: instanceType })
      : result.project.inventory;
  return {
    ...result,
    project: { ...result.project, inventory },
    summary: `${node.name}: ${node.instanceType} → ${instanceType}${node.serverId !== null ? ' (pinned)' : ''}`,
  };
}

/** Replaces an instance's volumes after checking them as AWS would (sizes, IOPS, throughput, devices). */
export function setVolumes(project: Project, nodeId: string, volumes: readonly Volume[]): EditResult {
  const node = nodeById(project, nodeId);
  if (!node) return notFound(nodeId);
  if (node.kind !== 'ec2-instance')
    return refuse('edit.not-an-instance', `${node.name} is not an EC2 instance.`, 'Select an instance.');
  const errors = validateVolumes(volumes).filter((i) => i.severity === 'error');
  if (errors.length > 0) return { ok: false, issues: errors };
  const result = updateNode(project, nodeId, { volumes: [...volumes] });
  return result.ok ? { ...result, summary: `Changed the volumes of ${node.name}` } : result;
}

/**
 * Moves an instance or NAT gateway to the subnet of the same tier in another zone (what changing its
 * AZ means), placed at the subnet's first free row.
 */
export function setZone(project: Project, nodeId: string, zone: string): EditResult {
  const node = nodeById(project, nodeId);
  if (!node) return notFound(nodeId);
  const byId = indexNodes(project.topology);
  const current = node.parentId !== null ? byId.get(node.parentId) : undefined;
  if (current?.kind !== 'subnet')
    return refuse(
      'edit.not-in-subnet',
      `${node.name} does not sit in a subnet.`,
      'Drag it into a subnet first.',
    );
  const subnet = project.topology.nodes.find(
    (n) => n.kind === 'subnet' && n.tier === current.tier && n.zone === zone,
  );
  if (!subnet)
    return refuse(
      'edit.no-subnet-in-zone',
      `There is no ${current.tier} subnet in ${zone}.`,
      'Choose another zone, or add the subnet.',
    );
  const bottom = project.layout.positions
    .filter((p) => project.topology.nodes.some((n) => n.id === p.id && n.parentId === subnet.id))
    .reduce((y, p) => Math.max(y, p.y + p.height + 16), 44);
  return moveNodeToParent(project, nodeId, subnet.id, { x: 16, y: bottom });
}

function coveredBy(rules: readonly SecurityGroupRule[], port: number, peer: string): boolean {
  return rules.some(
    (r) =>
      (r.protocol === 'all' || (r.protocol === 'tcp' && r.fromPort <= port && port <= r.toPort)) &&
      ((r.source.kind === 'security-group' && r.source.securityGroupId === peer) ||
        (r.source.kind === 'cidr' && r.source.cidr === '0.0.0.0/0')),
  );
}

function securityGroupsOf(node: TopologyNode): readonly string[] {
  return 'securityGroupIds' in node ? node.securityGroupIds : [];
}

/** The port a client uses to reach a node: 1433 for SQL Server, 445 for file shares, else HTTPS 443. */
export function servicePortOf(node: TopologyNode): { port: number; label: string } {
  if ((node.kind === 'ec2-instance' && node.role === 'sql') || node.kind === 'rds-sql-server')
    return { port: 1433, label: 'SQL 1433' };
  if (node.kind === 'fsx-windows') return { port: 445, label: 'SMB 445' };
  return { port: 443, label: 'HTTPS 443' };
}

/**
 * Draws a connection. For traffic between two nodes that have security groups, the connection also
 * opens the path it draws: an inbound rule on the target's group from the source's group on the
 * target's service port, and the matching outbound rule on the source's group, each unless a rule
 * already allows it. (Groups are shared by role, so the rule lets every member of the source's group
 * in.) Deleting the connection later leaves the rules: other connections may rely on them.
 */
export function connectNodes(
  project: Project,
  sourceId: string,
  targetId: string,
  kind: EdgeKind = 'traffic',
): EditResult {
  const source = nodeById(project, sourceId);
  const target = nodeById(project, targetId);
  if (!source) return notFound(sourceId);
  if (!target) return notFound(targetId);
  if (sourceId === targetId) return refuse('edit.self-connection', 'A node cannot connect to itself.', '');
  if (isGroupKind(source.kind) || isGroupKind(target.kind))
    return refuse('edit.connect-group', 'Connections join resources, not groups.', 'Connect two resources.');
  if (project.topology.edges.some((e) => e.source === sourceId && e.target === targetId && e.kind === kind))
    return refuse('edit.already-connected', `${source.name} already connects to ${target.name}.`, '');
  const { port, label } = servicePortOf(target);
  const edgeIds = new Set(project.topology.edges.map((e) => e.id));
  const edge: TopologyEdge = {
    id: uniqueId(`e-${sourceId}-${targetId}`, edgeIds),
    source: sourceId,
    target: targetId,
    kind,
    label: kind === 'traffic' ? label : kind,
  };
  const issues: Issue[] = [];
  let securityGroups = project.topology.securityGroups;
  const from = securityGroupsOf(source)[0];
  const to = securityGroupsOf(target)[0];
  if (kind === 'traffic' && from !== undefined && to !== undefined) {
    const rule = (peer: string, what: string): SecurityGroupRule => ({
      protocol: 'tcp',
      fromPort: port,
      toPort: port,
      source: { kind: 'security-group', securityGroupId: peer },
      description: what,
    });
    securityGroups = securityGroups.map((g) => {
      let next: SecurityGroup = g;
      if (g.id === to && !coveredBy(g.ingress, port, from)) {
        next = { ...next, ingress: [...next.ingress, rule(from, `${label} from ${source.name}`)] };
        issues.push(
          editIssue(
            'edit.rule-added',
            `Security group ${g.name} now allows TCP ${port} in from ${from} (every member of that group).`,
            'Remove the rule in the inspector if the connection is for documentation only.',
            'notice',
          ),
        );
      }
      if (g.id === from && !coveredBy(g.egress, port, to)) {
        next = { ...next, egress: [...next.egress, rule(to, `${label} to ${target.name}`)] };
        issues.push(
          editIssue(
            'edit.rule-added',
            `Security group ${g.name} now allows TCP ${port} out to ${to}.`,
            '',
            'notice',
          ),
        );
      }
      return next;
    });
  } else if (kind === 'traffic') {
    issues.push(
      editIssue(
        'edit.no-rule',
        `No security-group rule was added: ${from === undefined ? source.name : target.name} has no security group.`,
        'The connection documents the path; check the rules in the inspector.',
        'notice',
      ),
    );
  }
  return {
    ok: true,
    project: withTopology(project, {
      ...project.topology,
      edges: [...project.topology.edges, edge],
      securityGroups,
    }),
    select: [],
    issues,
    summary: `Connected ${source.name} → ${target.name} (${edge.label})`,
  };
}

/** Removes connections; the security-group rules they opened stay (see connectNodes). */
export function deleteEdges(project: Project, ids: readonly string[]): EditResult {
  const gone = new Set(ids);
  const edges = project.topology.edges.filter((e) => !gone.has(e.id));
  if (edges.length === project.topology.edges.length)
    return refuse('edit.nothing-selected', 'No such connection.', 'Select a connection first.');
  const n = project.topology.edges.length - edges.length;
  return {
    ok: true,
    project: { ...project, topology: { ...project.topology, edges } },
    select: [],
    issues: [],
    summary: `Deleted ${n} connection${n === 1 ? '' : 's'}`,
  };
}

/** Replaces a security group's rules (and name/description) after validating them. */
export function updateSecurityGroup(project: Project, group: SecurityGroup): EditResult {
  const index = project.topology.securityGroups.findIndex((g) => g.id === group.id);
  if (index < 0)
    return refuse('edit.unknown-security-group', `There is no security group "${group.id}".`, '');
  const errors = validateSecurityGroup(project.topology, group).filter((i) => i.severity === 'error');
  if (errors.length > 0) return { ok: false, issues: errors };
  const securityGroups = project.topology.securityGroups.slice();
  securityGroups[index] = group;
  return {
    ok: true,
    project: { ...project, topology: { ...project.topology, securityGroups } },
    select: [],
    issues: [],
    summary: `Changed the rules of ${group.name}`,
  };
}
