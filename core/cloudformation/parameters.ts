import type { SqlEdition } from '../model/inventory';
import { nodesOfKind, type Ec2Node } from '../model/topology';
import type { CfnObject } from './intrinsics';
import type { LogicalIds } from './logical-ids';
import type { Project } from '../project/schema';
import type { CfnParameter } from './template';

/**
 * Template parameters: what the delivery team may change at deploy time without editing the template.
 * AMIs come from AWS's public SSM parameters, so every deployment gets the current patched image.
 */

/** AWS public SSM parameters for Windows Server 2022, plain and with licence-included SQL Server 2022. */
export const AMI_SSM_PARAMETERS: Record<SqlEdition, string> = {
  none: '/aws/service/ami-windows-latest/Windows_Server-2022-English-Full-Base',
  express: '/aws/service/ami-windows-latest/Windows_Server-2022-English-Full-SQL_2022_Express',
  web: '/aws/service/ami-windows-latest/Windows_Server-2022-English-Full-SQL_2022_Web',
  standard: '/aws/service/ami-windows-latest/Windows_Server-2022-English-Full-SQL_2022_Standard',
  enterprise: '/aws/service/ami-windows-latest/Windows_Server-2022-English-Full-SQL_2022_Enterprise',
};

const AMI_PARAMETER_NAMES: Record<SqlEdition, string> = {
  none: 'WindowsAmiId',
  express: 'SqlExpressAmiId',
  web: 'SqlWebAmiId',
  standard: 'SqlStandardAmiId',
  enterprise: 'SqlEnterpriseAmiId',
};

const AMI_LABELS: Record<SqlEdition, string> = {
  none: 'Windows Server 2022 AMI',
  express: 'Windows Server 2022 + SQL Server 2022 Express AMI',
  web: 'Windows Server 2022 + SQL Server 2022 Web AMI',
  standard: 'Windows Server 2022 + SQL Server 2022 Standard AMI',
  enterprise: 'Windows Server 2022 + SQL Server 2022 Enterprise AMI',
};

const EDITION_ORDER: readonly SqlEdition[] = ['none', 'express', 'web', 'standard', 'enterprise'];

const ROLE_PARAMETER_PREFIX: Record<Ec2Node['role'], string> = {
  bot: 'Bot',
  'control-room': 'ControlRoom',
  sql: 'Sql',
  web: 'Web',
  app: 'App',
  other: 'Other',
};

const ROLE_LABELS: Record<Ec2Node['role'], [string, string]> = {
  bot: ['bot runner', 'bot runners'],
  'control-room': ['control room server', 'control room servers'],
  sql: ['SQL Server instance', 'SQL Server instances'],
  web: ['web server', 'web servers'],
  app: ['application server', 'application servers'],
  other: ['server', 'servers'],
};

const ROLE_ORDER: readonly Ec2Node['role'][] = ['control-room', 'bot', 'sql', 'web', 'app', 'other'];

/** ACM certificate ARNs in any partition (aws, aws-cn, aws-us-gov). */
export const CERTIFICATE_ARN_PATTERN =
  '^arn:aws[a-zA-Z-]*:acm:[a-z0-9-]+:[0-9]{12}:certificate/[A-Za-z0-9-]+$';
export const INSTANCE_TYPE_PATTERN = '^[a-z][a-z0-9-]*\\.[a-z0-9-]+$';
/** Subnets are /24 slices of the VPC by index, so the VPC must stay a /16. */
export const VPC_CIDR_PATTERN = '^((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\.){2}0\\.0/16$';

export interface TemplateParameters {
  parameters: Record<string, CfnParameter>;
  /** AWS::CloudFormation::Interface metadata: groups and labels for the console. */
  interfaceMetadata: CfnObject;
  vpcCidr: string;
  /** Null when no load balancer has an HTTPS listener. */
  certificateArn: string | null;
  amiFor(edition: SqlEdition): string;
  instanceTypeFor(nodeId: string): string;
}

/** A placeholder type the topology uses when no instance type fits a server; it is not deployable. */
export function isUnsized(instanceType: string): boolean {
  return instanceType.startsWith('unsized.');
}

/** `instances`: the EC2 nodes the template will create (those placed in a subnet). */
export function buildParameters(
  project: Project,
  ids: LogicalIds,
  instances: readonly Ec2Node[],
): TemplateParameters {
  const topology = project.topology;
  const parameters: Record<string, CfnParameter> = {};
  const groups: { label: string; names: string[] }[] = [];
  const labels: Record<string, CfnObject> = {};

  const vpcCidr = ids.claim('VpcCidr');
  parameters[vpcCidr] = {
    Type: 'String',
    Description:
      'IPv4 range of the VPC, a /16. Subnets are /24 slices of it: public x.y.0-9, app x.y.10-19, data x.y.20-29.',
    Default: project.options.vpcCidr,
    AllowedPattern: VPC_CIDR_PATTERN,
    ConstraintDescription: 'must be a /16 IPv4 CIDR block such as 10.20.0.0/16',
  };
  labels[vpcCidr] = { default: 'VPC CIDR block' };
  groups.push({ label: 'Network', names: [vpcCidr] });

  const hasHttps = nodesOfKind(topology, 'load-balancer').some((lb) =>
    lb.listeners.some((l) => l.protocol === 'HTTPS'),
  );
  let certificateArn: string | null = null;
  if (hasHttps) {
    certificateArn = ids.claim('CertificateArn');
    parameters[certificateArn] = {
      Type: 'String',
      Description:
        "ARN of the ACM certificate for the load balancer's HTTPS listener, issued or imported in the stack's region.",
      AllowedPattern: CERTIFICATE_ARN_PATTERN,
      ConstraintDescription:
        'must be an ACM certificate ARN such as arn:aws:acm:ap-south-1:123456789012:certificate/0a1b2c3d-...',
    };
    labels[certificateArn] = { default: 'ACM certificate ARN (HTTPS)' };
    groups.push({ label: 'Load balancer', names: [certificateArn] });
  }

  const amiNames = new Map<SqlEdition, string>();
  for (const edition of EDITION_ORDER) {
    if (!instances.some((n) => n.sqlEdition === edition)) continue;
    const name = ids.claim(AMI_PARAMETER_NAMES[edition]);
    amiNames.set(edition, name);
    parameters[name] = {
      Type: 'AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>',
      Description: `${AMI_LABELS[edition]}: an SSM parameter name holding the image id. The default is AWS's public parameter for the latest patched image.`,
      Default: AMI_SSM_PARAMETERS[edition],
    };
    labels[name] = { default: AMI_LABELS[edition] };
  }
  if (amiNames.size > 0) groups.push({ label: 'Machine images', names: [...amiNames.values()] });

  // One parameter per role and planned type: changing it resizes every instance planned alike.
  const typeGroups = new Map<string, { role: Ec2Node['role']; instanceType: string; nodeIds: string[] }>();
  for (const role of ROLE_ORDER) {
    for (const node of instances.filter((n) => n.role === role)) {
      const key = `${role}|${node.instanceType}`;
      const group = typeGroups.get(key) ?? { role, instanceType: node.instanceType, nodeIds: [] };
      group.nodeIds.push(node.id);
      typeGroups.set(key, group);
    }
  }
  const typeByNode = new Map<string, string>();
  const perRole = new Map<string, number>();
  for (const g of typeGroups.values()) perRole.set(g.role, (perRole.get(g.role) ?? 0) + 1);
  const seenPerRole = new Map<string, number>();
  const typeNames: string[] = [];
  for (const g of typeGroups.values()) {
    const index = (seenPerRole.get(g.role) ?? 0) + 1;
    seenPerRole.set(g.role, index);
    const prefix = ROLE_PARAMETER_PREFIX[g.role];
    const name = ids.claim(
      (perRole.get(g.role) ?? 1) > 1 ? `${prefix}InstanceType${index}` : `${prefix}InstanceType`,
    );
    const [one, many] = ROLE_LABELS[g.role];
    const count = `${g.nodeIds.length} ${g.nodeIds.length === 1 ? one : many}`;
    const unsized = isUnsized(g.instanceType);
    parameters[name] = {
      Type: 'String',
      Description: unsized
        ? `EC2 instance type for ${count}. No instance type in the price list fitted the measured requirement: choose one before deploying.`
        : `EC2 instance type for ${count}; the plan sized ${g.nodeIds.length === 1 ? 'it' : 'them'} as ${g.instanceType}.`,
      ...(unsized ? {} : { Default: g.instanceType }),
      AllowedPattern: INSTANCE_TYPE_PATTERN,
      ConstraintDescription: 'must be an EC2 instance type such as m6i.xlarge',
    };
    labels[name] = { default: `Instance type: ${count}` };
    typeNames.push(name);
    for (const id of g.nodeIds) typeByNode.set(id, name);
  }
  if (typeNames.length > 0) groups.push({ label: 'Instance types', names: typeNames });

  return {
    parameters,
    interfaceMetadata: {
      ParameterGroups: groups.map((g) => ({ Label: { default: g.label }, Parameters: g.names })),
      ParameterLabels: labels,
    },
    vpcCidr,
    certificateArn,
    amiFor(edition) {
      const name = amiNames.get(edition);
      if (!name) throw new Error(`No AMI parameter for edition ${edition}`);
      return name;
    },
    instanceTypeFor(nodeId) {
      const name = typeByNode.get(nodeId);
      if (!name) throw new Error(`No instance type parameter for node ${nodeId}`);
      return name;
    },
  };
}
