import type { Issue } from '../model/issue';
import { ancestorOfKind, indexNodes, nodesOfKind } from '../model/topology';
import type { Project } from '../project/schema';
import { haPattern } from '../topology/ha-patterns';
import { NODE } from '../topology/design-ids';
import {
  type BuildContext,
  createBuildContext,
  nodeLogicalId,
  placedInstances,
  securityGroupLogicalId,
} from './context';
import { getAtt, join, ref, sub, text, type CfnValue, type QuotedText } from './intrinsics';
import { LogicalIds } from './logical-ids';
import { buildParameters, isUnsized } from './parameters';
import { buildAccountServices, logBucketStatements, patchGroupValue } from './resources/account-services';
import { buildDirectory } from './resources/directory';
import { buildInstances } from './resources/ec2-instance';
import { buildFlowLogs } from './resources/flow-logs';
import { buildFileSystems } from './resources/fsx';
import { buildHybrid } from './resources/hybrid';
import { buildInstanceRoles } from './resources/iam';
import { buildKmsKeys, logKeyNodeId, type KmsResources } from './resources/kms';
import { buildLoadBalancers } from './resources/load-balancer';
import { buildNetwork, type NetworkResources } from './resources/network';
import { buildRdsInstances } from './resources/rds';
import { buildPrivateZones } from './resources/route53';
import { buildS3Buckets, type S3Resources } from './resources/s3-backup';
import { buildSecrets } from './resources/secrets';
import { buildSecurityGroups } from './resources/security-groups';
import { buildSqlBackupAssociation } from './resources/sql-backup';
import { buildVpcEndpoints } from './resources/vpc-endpoints';
import { buildWafWebAcls } from './resources/waf';
import { literalText, TEMPLATE_DESCRIPTION_MAX_BYTES, truncateCodePoints, truncateUtf8 } from './sanitize';
import type { CfnOutput, CfnResource, CfnTemplate } from './template';

/**
 * Project → CloudFormation template (a plain object; render it with renderTemplateYaml). Deterministic:
 * the same project gives the same template, logical ids included. Secure by default, matching the
 * security rules: private instances with IMDSv2 and KMS-encrypted volumes, no world-open admin ports,
 * an encrypted, private, TLS-only backup bucket, least-privilege instance roles.
 */
export function buildTemplate(project: Project): CfnTemplate {
  return buildTemplateParts(project).template;
}

/** buildTemplate, plus the logical id each topology node and security group became (for metadata). */
export function buildTemplateParts(project: Project): {
  template: CfnTemplate;
  logicalIdOf(sourceId: string): string | undefined;
} {
  const ids = new LogicalIds();
  const topology = project.topology;
  const hasVpc = nodesOfKind(topology, 'vpc').length > 0;
  const instances = hasVpc ? placedInstances(topology) : [];
  const params = buildParameters(project, ids, instances);
  const ctx = createBuildContext(project, ids);

  const resources: Record<string, CfnResource> = {};
  const conditions: Record<string, CfnValue> = {};
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
  const logKey = keyFor(logKeyNodeId(topology));
  const secrets = buildSecrets(ctx, (id) => keyFor(id) ?? logKey);
  add(secrets.resources);
  const s3 = buildS3Buckets(ctx, keyFor, (node, bucket) => logBucketStatements(ctx, node, bucket));
  add(s3.resources);
  add(buildFlowLogs(ctx, logKey));

  const sqlSecret = secrets.secretFor(NODE.sqlSecret);
  const hasDirectory = nodesOfKind(topology, 'directory-service').length > 0;
  const sqlOnEc2 = instances.filter((n) => n.role === 'sql');
  const agentLogGroups = nodesOfKind(topology, 'cloudwatch')
    .flatMap((c) => c.logGroups.map((g) => g.name))
    .filter((g) => g === 'windows-events' || g === 'sql-server');
  const iam = buildInstanceRoles(ctx, instances, s3.backup, {
    sqlSecret: sqlSecret ? { secret: sqlSecret, key: logKey } : null,
    joinsDirectory: hasDirectory && sqlOnEc2.length > 0,
    agentLogGroups,
  });
  add(iam.resources);
  const patching = nodesOfKind(topology, 'patch-manager').length > 0 && instances.length > 0;
  add(
    buildInstances(ctx, instances, {
      amiFor: params.amiFor,
      instanceTypeFor: params.instanceTypeFor,
      profileFor: iam.profileFor,
      key: kms.projectKey,
      privateRouteByZone: network.privateRouteByZone,
      isClusterNode: (n) =>
        hasDirectory && n.role === 'sql' && (n.haRole === 'primary' || n.haRole === 'secondary'),
      patchGroup: patching ? patchGroupValue() : null,
    }),
  );
  const lb = network.vpc
    ? buildLoadBalancers(ctx, {
        vpc: network.vpc,
        certificateArn: params.certificateArn,
        igwAttachment: network.igwAttachment,
        placedInstanceIds: new Set(instances.map((n) => n.id)),
      })
    : { resources: {}, first: null, firstTargetGroup: null };
  add(lb.resources);
  add(buildWafWebAcls(ctx, logKey));

  let directory: string | null = null;
  if (network.vpc) {
    const tables = network.privateRouteTables;
    add(
      buildVpcEndpoints(
        ctx,
        network.vpc,
        tables.map((t) => t.table),
      ),
    );
    add(
      buildHybrid(ctx, {
        vpc: network.vpc,
        privateRouteTables: tables,
        customerGatewayIp: params.customerGatewayIp,
        customerGatewayAsn: params.customerGatewayAsn,
      }),
    );
    const dir = buildDirectory(ctx, network.vpc, secrets.secretFor(NODE.directorySecret), sqlOnEc2);
    add(dir.resources);
    directory = dir.directory;
    add(buildFileSystems(ctx, directory, keyFor));
    add(
      buildRdsInstances(ctx, {
        dbClassFor: params.dbClassFor,
        engineVersion: params.sqlEngineVersion,
        key: keyFor,
        secretsKey: logKey,
        backup: s3.backup,
      }),
    );
    add(buildPrivateZones(ctx, network.vpc));
  }
  add(buildSqlBackupAssociation(ctx, sqlOnEc2, s3.backup));
  const account = buildAccountServices(ctx, {
    logBucket: s3.logs,
    logKey,
    createAccountServices: params.createAccountServices,
    alarmEmail: params.alarmEmail,
    loadBalancer: lb.first && lb.firstTargetGroup ? { lb: lb.first, targetGroup: lb.firstTargetGroup } : null,
  });
  add(account.resources);
  Object.assign(conditions, account.conditions);

  const outputs = buildOutputs(ctx, { network, lb, s3, kms, directory, alarmTopic: account.alarmTopic });

  const template: CfnTemplate = {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: describeTemplate(
      project,
      instances.length,
      instances.filter((n) => n.role === 'sql').length,
    ),
    Metadata: { 'AWS::CloudFormation::Interface': params.interfaceMetadata },
    Parameters: params.parameters,
    ...(Object.keys(conditions).length > 0 ? { Conditions: conditions } : {}),
    Resources: resources,
    Outputs: outputs,
  };
  return {
    template,
    logicalIdOf: (sourceId) => nodeLogicalId(ctx, sourceId) ?? securityGroupLogicalId(ctx, sourceId),
  };
}

function buildOutputs(
  ctx: BuildContext,
  built: {
    network: NetworkResources;
    lb: { first: string | null };
    s3: S3Resources;
    kms: KmsResources;
    directory: string | null;
    alarmTopic: string | null;
  },
): Record<string, CfnOutput> {
  const { network, lb, s3, kms, directory, alarmTopic } = built;
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
  if (directory) {
    outputs.DirectoryId = {
      Description: 'Id of the AWS Managed Microsoft AD directory',
      Value: ref(directory),
    };
    outputs.DirectoryDnsAddresses = {
      Description: "The directory's DNS servers (conditional forwarders on premises point here)",
      Value: join(',', getAtt(directory, 'DnsIpAddresses')),
    };
  }
  for (const fsx of nodesOfKind(ctx.topology, 'fsx-windows')) {
    const id = nodeLogicalId(ctx, fsx.id);
    if (!id || !directory) continue;
    outputs[`${id}DnsName`] = {
      Description: 'DNS name of the FSx file system (SMB shares are created on it after deployment)',
      Value: getAtt(id, 'DNSName'),
    };
  }
  for (const db of nodesOfKind(ctx.topology, 'rds-sql-server')) {
    const id = nodeLogicalId(ctx, db.id);
    if (!id || !network.vpc) continue;
    outputs[`${id}Endpoint`] = {
      Description: 'SQL Server endpoint of the RDS DB instance (port 1433)',
      Value: getAtt(id, 'Endpoint.Address'),
    };
  }
  const vpn = nodesOfKind(ctx.topology, 'vpn-connection')[0];
  const vpnId = vpn ? nodeLogicalId(ctx, vpn.id) : undefined;
  if (vpnId && network.vpc)
    outputs.VpnConnectionId = {
      Description: 'Site-to-Site VPN connection: download its device configuration from the VPC console',
      Value: ref(vpnId),
    };
  if (alarmTopic)
    outputs.AlarmTopicArn = { Description: 'SNS topic the CloudWatch alarms notify', Value: ref(alarmTopic) };
  return outputs;
}

/** Summary first, then the user's names, so a cut (1,024 bytes) only ever shortens the names. */
function describeTemplate(project: Project, instanceCount: number, sqlCount: number): QuotedText {
  const name = truncateCodePoints(literalText(project.project.name) || 'Untitled project', 300);
  const customer = truncateCodePoints(literalText(project.project.customer), 300);
  const zones = nodesOfKind(project.topology, 'availability-zone').length;
  const hasSql = sqlCount > 0 || nodesOfKind(project.topology, 'rds-sql-server').length > 0;
  const summary =
    `Architecture Planner export: ${instanceCount} Windows instance${instanceCount === 1 ? '' : 's'}` +
    (sqlCount > 0 ? ` (${sqlCount} SQL Server)` : '') +
    ` in private subnets across ${zones} Availability Zone${zones === 1 ? '' : 's'}, HTTPS load balancer with WAF, KMS-encrypted volumes and backups` +
    (hasSql ? `; SQL Server: ${haPattern(project.options.sqlHa).title}.` : '.');
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
