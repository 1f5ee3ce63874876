import type { Issue } from '../model/issue';
import type { SecurityGroup, Topology, TopologyNode, Volume } from '../model/topology';
import { indexNodes, securityGroupSchema, topologyNodeSchema } from '../model/topology';
import { zodIssues } from '../util/zod-issues';
import { canContain, describePlacement } from './containment';
import { editIssue } from './edit-result';

/**
 * Validation messages for the inspector: the schema's (zod) for each field, then what the schema
 * cannot say — placement, zones, volumes AWS would refuse, references that do not exist. Each
 * message names the field it is about (`path.field`) so the inspector shows it beside that field.
 */

/** What validation knows beyond the design: the instance types the active price snapshot prices. */
export interface ValidationContext {
  instanceTypes?: ReadonlySet<string>;
}

/** gp3: 3,000–16,000 IOPS, at most 500 per GiB; 125–1,000 MiB/s, at most 0.25 per IOPS (AWS EBS limits). */
export function validateVolumes(volumes: readonly Volume[], field = 'volumes'): Issue[] {
  const issues: Issue[] = [];
  const err = (
    i: number,
    what: string,
    message: string,
    hint: string,
    severity: Issue['severity'] = 'error',
  ) => issues.push(editIssue('edit.invalid-volume', message, hint, severity, `${field}[${i}].${what}`));
  const devices = new Set<string>();
  if (!volumes.some((v) => v.device === '/dev/sda1'))
    issues.push(
      editIssue(
        'edit.no-root-volume',
        'There is no root volume (/dev/sda1, the C: drive).',
        'Add a volume on /dev/sda1 for Windows.',
        'error',
        field,
      ),
    );
  volumes.forEach((v, i) => {
    if (devices.has(v.device))
      err(
        i,
        'device',
        `${v.name}: ${v.device} is used by another volume.`,
        'Give each volume its own device.',
      );
    devices.add(v.device);
    if (v.device === '/dev/sda1' && v.sizeGib < 30)
      err(
        i,
        'sizeGib',
        `${v.name}: Windows Server needs at least 30 GiB on the root volume.`,
        'Use 100 GiB.',
      );
    if (v.type === 'gp3') {
      if (v.iops < 3000 || v.iops > 16000)
        err(
          i,
          'iops',
          `${v.name}: gp3 takes 3,000 to 16,000 IOPS (not ${v.iops}).`,
          'Set the IOPS in that range.',
        );
      else if (v.iops > 3000 && v.iops > v.sizeGib * 500)
        err(
          i,
          'iops',
          `${v.name}: gp3 allows at most 500 IOPS per GiB (${v.sizeGib * 500} for ${v.sizeGib} GiB).`,
          'Lower the IOPS or grow the volume.',
        );
      if (v.throughputMiBps < 125 || v.throughputMiBps > 1000)
        err(
          i,
          'throughputMiBps',
          `${v.name}: gp3 throughput is 125 to 1,000 MiB/s (not ${v.throughputMiBps}).`,
          'Set the throughput in that range.',
        );
      else if (v.throughputMiBps > 125 && v.throughputMiBps > v.iops / 4)
        err(
          i,
          'throughputMiBps',
          `${v.name}: gp3 allows at most 0.25 MiB/s per IOPS (${Math.floor(v.iops / 4)} MiB/s at ${v.iops} IOPS).`,
          'Raise the IOPS or lower the throughput.',
        );
    }
    if (v.type === 'io2') {
      if (v.iops < 100)
        err(
          i,
          'iops',
          `${v.name}: io2 needs provisioned IOPS (at least 100).`,
          'Set the IOPS the workload needs.',
        );
      else if (v.iops > v.sizeGib * 1000)
        err(
          i,
          'iops',
          `${v.name}: io2 allows at most 1,000 IOPS per GiB (${v.sizeGib * 1000} for ${v.sizeGib} GiB).`,
          'Lower the IOPS or grow the volume.',
        );
    }
    if (!v.encrypted)
      err(
        i,
        'encrypted',
        `${v.name} is not encrypted; the CMP-01 check fails on it.`,
        'Encrypt every volume (it costs nothing).',
        'warning',
      );
  });
  return issues;
}

function zoneMismatch(node: TopologyNode & { zone: string }, parent: TopologyNode | undefined): Issue[] {
  if (parent?.kind !== 'subnet' || parent.zone === node.zone) return [];
  return [
    editIssue(
      'edit.zone-mismatch',
      `${node.name} says zone ${node.zone || '(none)'} but sits in ${parent.name}, in ${parent.zone}.`,
      'Choose the zone again in the inspector; it moves the node into that zone’s subnet.',
      'error',
      'zone',
    ),
  ];
}

/** Every message about one node of the design, errors first. */
export function validateNode(topology: Topology, node: TopologyNode, ctx: ValidationContext = {}): Issue[] {
  const parsed = topologyNodeSchema.safeParse(node);
  const issues: Issue[] = parsed.success
    ? []
    : zodIssues(
        parsed.error,
        'edit.invalid-field',
        'Correct the value; the design keeps the last valid one.',
      );
  const byId = indexNodes(topology);
  const parent = node.parentId !== null ? byId.get(node.parentId) : undefined;
  if (node.parentId !== null && !parent)
    issues.push(
      editIssue(
        'edit.missing-parent',
        `${node.name} sits in a group that no longer exists.`,
        'Move it.',
        'error',
        'parentId',
      ),
    );
  else if (!canContain(byId, parent ?? null, node.kind))
    issues.push(
      editIssue(
        'edit.wrong-place',
        `${node.name} cannot sit ${parent ? `in ${parent.name}` : 'outside the VPC'}: it belongs ${describePlacement(node.kind)}.`,
        'Drag it where it belongs.',
        'error',
        'parentId',
      ),
    );
  const sgIds = new Set(topology.securityGroups.map((g) => g.id));
  const missingRefs = (ids: readonly string[], field: string, what: string): void => {
    ids.forEach((id, i) => {
      if (!(field === 'securityGroupIds' ? sgIds.has(id) : byId.has(id)))
        issues.push(
          editIssue(
            'edit.missing-reference',
            `${what} "${id}" does not exist in the design.`,
            'Remove it.',
            'error',
            `${field}[${i}]`,
          ),
        );
    });
  };
  switch (node.kind) {
    case 'ec2-instance':
      issues.push(...zoneMismatch(node, parent));
      if (node.associatePublicIp && parent?.kind === 'subnet' && parent.tier !== 'public')
        issues.push(
          editIssue(
            'edit.public-ip-private-subnet',
            `${node.name} asks for a public IP in a private subnet, where it would not be reachable.`,
            'Turn the public IP off (servers are reached through the ALB or Systems Manager).',
            'error',
            'associatePublicIp',
          ),
        );
      if (ctx.instanceTypes && ctx.instanceTypes.size > 0 && !ctx.instanceTypes.has(node.instanceType))
        issues.push(
          editIssue(
            'edit.unpriced-instance-type',
            `${node.instanceType} has no Windows price in the active price snapshot, so it is not priced.`,
            'Choose a type from the list, or refresh prices from the AWS Price List API.',
            'warning',
            'instanceType',
          ),
        );
      if (node.securityGroupIds.length === 0)
        issues.push(
          editIssue(
            'edit.no-security-group',
            `${node.name} has no security group: it could neither be reached nor reach anything.`,
            'Choose at least one security group.',
            'error',
            'securityGroupIds',
          ),
        );
      missingRefs(node.securityGroupIds, 'securityGroupIds', 'Security group');
      issues.push(...validateVolumes(node.volumes));
      break;
    case 'nat-gateway':
      issues.push(...zoneMismatch(node, parent));
      break;
    case 'load-balancer': {
      missingRefs(node.subnetIds, 'subnetIds', 'Subnet');
      missingRefs(node.targetIds, 'targetIds', 'Target');
      missingRefs(node.securityGroupIds, 'securityGroupIds', 'Security group');
      const zones = new Set(
        node.subnetIds.flatMap((id) => {
          const s = byId.get(id);
          return s?.kind === 'subnet' ? [s.zone] : [];
        }),
      );
      if (zones.size < 2)
        issues.push(
          editIssue(
            'edit.alb-one-zone',
            `${node.name} spans ${zones.size === 0 ? 'no subnet' : 'one Availability Zone'}; an Application Load Balancer needs subnets in at least two.`,
            'Add a subnet in another zone.',
            'error',
            'subnetIds',
          ),
        );
      if (node.listeners.length === 0)
        issues.push(
          editIssue(
            'edit.no-listener',
            `${node.name} has no listener.`,
            'Add an HTTPS listener on 443.',
            'error',
            'listeners',
          ),
        );
      break;
    }
    case 's3-bucket':
      if (node.encryption === 'sse-kms' && (node.kmsKeyId === null || !byId.has(node.kmsKeyId)))
        issues.push(
          editIssue(
            'edit.missing-key',
            `${node.name} is encrypted with KMS but names no key in the design.`,
            'Choose a KMS key, or use SSE-S3.',
            'error',
            'kmsKeyId',
          ),
        );
      break;
    case 'vpc-endpoint':
      missingRefs(node.subnetIds, 'subnetIds', 'Subnet');
      break;
    default:
      break;
  }
  const rank = { error: 0, warning: 1, notice: 2 } as const;
  return issues.sort((a, b) => rank[a.severity] - rank[b.severity]);
}

/** Messages about one security group: the schema's, then ranges and rules open to the world on admin ports. */
export function validateSecurityGroup(topology: Topology, group: SecurityGroup): Issue[] {
  const parsed = securityGroupSchema.safeParse(group);
  const issues: Issue[] = parsed.success
    ? []
    : zodIssues(parsed.error, 'edit.invalid-field', 'Correct the rule; the design keeps the last valid one.');
  const sgIds = new Set(topology.securityGroups.map((g) => g.id));
  (['ingress', 'egress'] as const).forEach((list) =>
    group[list].forEach((r, i) => {
      const field = `${list}[${i}]`;
      if (r.protocol !== 'all' && r.protocol !== 'icmp' && r.fromPort > r.toPort)
        issues.push(
          editIssue(
            'edit.bad-port-range',
            `Rule ${i + 1}: port ${r.fromPort} is after ${r.toPort}.`,
            'Swap them.',
            'error',
            field,
          ),
        );
      if (r.source.kind === 'security-group' && !sgIds.has(r.source.securityGroupId))
        issues.push(
          editIssue(
            'edit.missing-reference',
            `Rule ${i + 1} names security group "${r.source.securityGroupId}", which does not exist.`,
            'Choose another source.',
            'error',
            field,
          ),
        );
      if (
        list === 'ingress' &&
        r.source.kind === 'cidr' &&
        r.source.cidr === '0.0.0.0/0' &&
        (r.protocol === 'all' || [22, 3389, 1433, 5985, 5986].some((p) => r.fromPort <= p && p <= r.toPort))
      )
        issues.push(
          editIssue(
            'edit.world-admin-port',
            `Rule ${i + 1} opens an administration or database port to the whole internet; NET-05 fails on it.`,
            "Allow the customer's on-premises ranges or another security group instead.",
            'warning',
            field,
          ),
        );
    }),
  );
  return issues;
}
