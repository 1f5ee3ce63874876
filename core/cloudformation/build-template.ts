import type { Issue } from '../model/issue';
import { ancestorOfKind, indexNodes, nodesOfKind } from '../model/topology';
import type { Project } from '../project/schema';
import { createBuildContext, nodeLogicalId, placedInstances } from './context';
import { getAtt, ref, sub, text, type QuotedText } from './intrinsics';
import { LogicalIds } from './logical-ids';
import { buildParameters, isUnsized } from './parameters';
import { buildInstances } from './resources/ec2-instance';
import { buildInstanceRoles } from './resources/iam';
import { buildKmsKeys } from './resources/kms';
import { buildLoadBalancers } from './resources/load-balancer';
import { buildNetwork } from './resources/network';
import { buildS3Buckets } from './resources/s3-backup';
import { buildSecurityGroups } from './resources/security-groups';
import { literalText, TEMPLATE_DESCRIPTION_MAX_BYTES, truncateCodePoints, truncateUtf8 } from './sanitize';
import type { CfnOutput, CfnResource, CfnTemplate } from './template';

/**
 * Project → CloudFormation template (a plain object; render it with renderTemplateYaml). Deterministic:
 * the same project gives the same template, logical ids included. Secure by default, matching the
 * security rules: private instances with IMDSv2 and KMS-encrypted volumes, no world-open admin ports,
 * an encrypted, private, TLS-only backup bucket, least-privilege instance roles.
 */
export function buildTemplate(project: Project): CfnTemplate {
  const ids = new LogicalIds();
  const hasVpc = nodesOfKind(project.topology, 'vpc').length > 0;
  const instances = hasVpc ? placedInstances(project.topology) : [];
  const params = buildParameters(project, ids, instances);
  const ctx = createBuildContext(project, ids);

  const resources: Record<string, CfnResource> = {};
  const add = (more: Record<string, CfnResource>): void => {
    for (const [id, resource] of Object.entries(more)) {
      if (id in resources) throw new Error(`Duplicate logical id ${id}`);
      resources[id] = resource;
    }
  };

  const network = buildNetwork(ctx, params.vpcCidr);
  add(network.resources);
  if (network.vpc) add(buildSecurityGroups(ctx, network.vpc));
  const kms = buildKmsKeys(ctx);
  add(kms.resources);
  const keyFor = (kmsNodeId: string | null): string | null => {
    const node = kmsNodeId ? ctx.byId.get(kmsNodeId) : undefined;
    return node?.kind === 'kms-key' ? (nodeLogicalId(ctx, node.id) ?? null) : null;
  };
  const s3 = buildS3Buckets(ctx, keyFor);
  add(s3.resources);
  const iam = buildInstanceRoles(ctx, instances, s3.backup);
  add(iam.resources);
  add(
    buildInstances(ctx, instances, {
      amiFor: params.amiFor,
      instanceTypeFor: params.instanceTypeFor,
      profileFor: iam.profileFor,
      key: kms.projectKey,
      privateRouteByZone: network.privateRouteByZone,
    }),
  );
  const lb = network.vpc
    ? buildLoadBalancers(ctx, {
        vpc: network.vpc,
        certificateArn: params.certificateArn,
        igwAttachment: network.igwAttachment,
        placedInstanceIds: new Set(instances.map((n) => n.id)),
      })
    : { resources: {}, first: null };
  add(lb.resources);

  const outputs: Record<string, CfnOutput> = {};
  const exportName = (name: string) => ({ Name: sub(`\${AWS::StackName}-${name}`) });
  if (network.vpc)
    outputs.VpcId = { Description: 'Id of the VPC', Value: ref(network.vpc), Export: exportName('VpcId') };
  if (lb.first) {
    outputs.AlbDnsName = {
      Description:
        "DNS name of the load balancer: point the control room's hostname at it (CNAME or Route 53 alias)",
      Value: getAtt(lb.first, 'DNSName'),
    };
  }
  if (s3.backup)
    outputs.BackupBucketName = {
      Description: 'Bucket for SQL Server backups (write them under sql-backups/)',
      Value: ref(s3.backup.bucket),
      Export: exportName('BackupBucketName'),
    };
  if (kms.projectKey)
    outputs.KmsKeyArn = {
      Description: 'ARN of the KMS key that encrypts EBS volumes and backups',
      Value: getAtt(kms.projectKey, 'Arn'),
      Export: exportName('KmsKeyArn'),
    };

  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: describeTemplate(
      project,
      instances.length,
      instances.filter((n) => n.role === 'sql').length,
    ),
    Metadata: { 'AWS::CloudFormation::Interface': params.interfaceMetadata },
    Parameters: params.parameters,
    Resources: resources,
    Outputs: outputs,
  };
}

/** Summary first, then the user's names, so a cut (1,024 bytes) only ever shortens the names. */
function describeTemplate(project: Project, instanceCount: number, sqlCount: number): QuotedText {
  const name = truncateCodePoints(literalText(project.project.name) || 'Untitled project', 300);
  const customer = truncateCodePoints(literalText(project.project.customer), 300);
  const zones = nodesOfKind(project.topology, 'availability-zone').length;
  const summary =
    `Architecture Planner export: ${instanceCount} Windows instance${instanceCount === 1 ? '' : 's'}` +
    (sqlCount > 0 ? ` (${sqlCount} SQL Server)` : '') +
    ` in private subnets across ${zones} Availability Zone${zones === 1 ? '' : 's'}, HTTPS load balancer, KMS-encrypted volumes and backups.`;
  const full = `${summary} Project: ${name}.${customer ? ` Customer: ${customer}.` : ''}`;
  return text(truncateUtf8(full, TEMPLATE_DESCRIPTION_MAX_BYTES));
}

/**
 * What the template cannot express, as issues for the CLI and the UI to show before anyone deploys:
 * an empty design, instances left out, sizes to choose, private subnets without outbound access.
 */
export function checkTemplateInputs(project: Project): Issue[] {
  const topology = project.topology;
  const issues: Issue[] = [];
  if (nodesOfKind(topology, 'vpc').length === 0) {
    issues.push({
      code: 'cloudformation.no-vpc',
      severity: 'error',
      message: 'The design has no VPC, so the template would create no network and no instances.',
      hint: 'Import an inventory and plan the design before exporting CloudFormation.',
      path: { field: 'topology.nodes' },
    });
    return issues;
  }
  const byId = indexNodes(topology);
  topology.nodes.forEach((node, i) => {
    if (node.kind !== 'ec2-instance') return;
    if (!ancestorOfKind(byId, node, 'subnet')) {
      issues.push({
        code: 'cloudformation.instance-not-in-subnet',
        severity: 'warning',
        message: `${node.name} is not inside a subnet, so the template leaves it out.`,
        hint: 'Move the instance into an app or data subnet in the diagram, then export again.',
        path: { field: `topology.nodes[${i}].parentId` },
      });
    } else if (isUnsized(node.instanceType)) {
      issues.push({
        code: 'cloudformation.instance-type-unsized',
        severity: 'warning',
        message: `${node.name} has no instance type that fits its measured load; its instance type parameter has no default.`,
        hint: 'Set an instance type for it in the plan, or fill the parameter in parameters.json before deploying.',
        path: { field: `topology.nodes[${i}].instanceType` },
      });
    }
  });
  const privateSubnets = nodesOfKind(topology, 'subnet').filter((s) => s.tier !== 'public');
  if (privateSubnets.length > 0 && nodesOfKind(topology, 'nat-gateway').length === 0) {
    issues.push({
      code: 'cloudformation.no-nat-gateway',
      severity: 'warning',
      message:
        'The design has no NAT gateway: instances in private subnets cannot reach Systems Manager, Windows Update or S3.',
      hint: 'Add NAT gateways in the plan options (one per AZ), or add VPC endpoints after deploying.',
      path: { field: 'options.natGateways' },
    });
  }
  return issues;
}
