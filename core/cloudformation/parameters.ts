import type { SqlEdition } from '../model/inventory';
import { nodesOfKind, type Ec2Node } from '../model/topology';
import { text, type CfnObject } from './intrinsics';
import { literalText, truncateCodePoints } from './sanitize';
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
  /** Parameter holding an RDS node's DB instance class. */
  dbClassFor(nodeId: string): string;
  /** Parameter holding the RDS engine version; null without RDS. */
  sqlEngineVersion: string | null;
  /** Site-to-Site VPN: the customer gateway's public address and BGP ASN; null without a VPN. */
  customerGatewayIp: string | null;
  customerGatewayAsn: string | null;
  /** 'true'/'false': create GuardDuty and Config (one each per account and Region); null without them. */
  createAccountServices: string | null;
  /** E-mail address alarms go to ('' = none); null without alarms. */
  alarmEmail: string | null;
}

export const IPV4_ADDRESS_PATTERN =
  '^((25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])$';
/**
 * SQL Server 2022 CU23 on RDS (February 2026): a full version, because CloudFormation's RDS schema
 * lists full versions and the option group's major version (16.00) must match the instance's.
 */
export const RDS_SQL_SERVER_ENGINE_VERSION = '16.00.4236.2.v1';
export const DB_INSTANCE_CLASS_PATTERN = '^db\\.[a-z0-9-]+\\.[a-z0-9-]+$';

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

  // RDS: one parameter per planned DB instance class.
  const dbClassByNode = new Map<string, string>();
  const dbClassNames = new Map<string, string>();
  for (const db of nodesOfKind(topology, 'rds-sql-server')) {
    let name = dbClassNames.get(db.instanceClass);
    if (!name) {
      name = ids.claim(
        dbClassNames.size === 0 ? 'SqlDbInstanceClass' : `SqlDbInstanceClass${dbClassNames.size + 1}`,
      );
      dbClassNames.set(db.instanceClass, name);
      const unsized = db.instanceClass.startsWith('db.unsized.');
      parameters[name] = {
        Type: 'String',
        Description: unsized
          ? 'RDS DB instance class for SQL Server. No class fitted the measured requirement: choose one before deploying.'
          : `RDS DB instance class for SQL Server; the plan sized it as ${db.instanceClass}.`,
        ...(unsized ? {} : { Default: db.instanceClass }),
        AllowedPattern: DB_INSTANCE_CLASS_PATTERN,
        ConstraintDescription: 'must be an RDS DB instance class such as db.r6i.2xlarge',
      };
      labels[name] = {
        default: text(`DB instance class (${truncateCodePoints(literalText(db.name), 100)})`),
      };
    }
    dbClassByNode.set(db.id, name);
  }
  let sqlEngineVersion: string | null = null;
  if (dbClassNames.size > 0) {
    sqlEngineVersion = ids.claim('SqlEngineVersion');
    parameters[sqlEngineVersion] = {
      Type: 'String',
      Description:
        'RDS for SQL Server 2022 engine version. Minor versions are upgraded automatically afterwards; if RDS has retired this one, use the current 16.00 version (aws rds describe-db-engine-versions --engine sqlserver-ee).',
      Default: RDS_SQL_SERVER_ENGINE_VERSION,
      AllowedPattern: '^16\\.00\\.[0-9]+\\.[0-9]+\\.v[0-9]+$',
      ConstraintDescription: 'must be a SQL Server 2022 engine version such as 16.00.4236.2.v1',
    };
    labels[sqlEngineVersion] = { default: 'SQL Server engine version (RDS)' };
    groups.push({ label: 'Database', names: [...dbClassNames.values(), sqlEngineVersion] });
  }

  let customerGatewayIp: string | null = null;
  let customerGatewayAsn: string | null = null;
  const vpn = nodesOfKind(topology, 'vpn-connection')[0];
  if (vpn) {
    customerGatewayIp = ids.claim('CustomerGatewayIp');
    customerGatewayAsn = ids.claim('CustomerGatewayAsn');
    parameters[customerGatewayIp] = {
      Type: 'String',
      Description:
        "Public IPv4 address of the VPN device in the customer's data centre (the customer gateway).",
      ...(vpn.customerGatewayIp ? { Default: vpn.customerGatewayIp } : {}),
      AllowedPattern: IPV4_ADDRESS_PATTERN,
      ConstraintDescription: 'must be an IPv4 address such as 203.0.113.10',
    };
    parameters[customerGatewayAsn] = {
      Type: 'Number',
      Description: "BGP ASN of the customer's VPN device (a private ASN when it has none).",
      Default: String(vpn.customerGatewayAsn),
    };
    labels[customerGatewayIp] = { default: 'Customer gateway public IP' };
    labels[customerGatewayAsn] = { default: 'Customer gateway BGP ASN' };
    groups.push({ label: 'Data centre VPN', names: [customerGatewayIp, customerGatewayAsn] });
  }

  let createAccountServices: string | null = null;
  if (nodesOfKind(topology, 'guardduty').length > 0 || nodesOfKind(topology, 'config-recorder').length > 0) {
    createAccountServices = ids.claim('CreateAccountServices');
    parameters[createAccountServices] = {
      Type: 'String',
      Description:
        'Create the GuardDuty detector and the AWS Config recorder, delivery channel and rules. There can be one of each per account and Region: choose false when the account already has them (for example through AWS Organizations).',
      Default: 'true',
      AllowedValues: ['true', 'false'],
    };
    labels[createAccountServices] = { default: 'Create GuardDuty and AWS Config' };
  }
  let alarmEmail: string | null = null;
  if (nodesOfKind(topology, 'cloudwatch').length > 0) {
    alarmEmail = ids.claim('AlarmEmail');
    parameters[alarmEmail] = {
      Type: 'String',
      Description:
        'E-mail address that receives the CloudWatch alarms (confirm the subscription mail); empty for none.',
      Default: '',
      AllowedPattern: '^$|^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$',
      ConstraintDescription: 'must be empty or an e-mail address',
    };
    labels[alarmEmail] = { default: 'Alarm e-mail' };
  }
  const accountNames = [createAccountServices, alarmEmail].filter((n): n is string => n !== null);
  if (accountNames.length > 0) groups.push({ label: 'Account services', names: accountNames });

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
    dbClassFor(nodeId) {
      const name = dbClassByNode.get(nodeId);
      if (!name) throw new Error(`No DB instance class parameter for node ${nodeId}`);
      return name;
    },
    sqlEngineVersion,
    customerGatewayIp,
    customerGatewayAsn,
    createAccountServices,
    alarmEmail,
  };
}
