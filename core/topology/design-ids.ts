/**
 * Ids of the nodes and security groups the design always names the same way, so the layout, the
 * CloudFormation builders and the tests can find them. Ids are readable: they end up in saved files
 * and (PascalCased) in CloudFormation logical ids.
 */

export const NODE = {
  vpc: 'vpc',
  igw: 'igw',
  alb: 'alb',
  waf: 'waf',
  vpn: 'vpn',
  directConnect: 'dx',
  privateZone: 'route53-private',
  directory: 'directory',
  witness: 'fsx-witness',
  backupBucket: 's3-backup',
  logBucket: 's3-logs',
  mainKey: 'kms-main',
  logKey: 'kms-logs',
  cloudTrail: 'cloudtrail',
  guardDuty: 'guardduty',
  config: 'config',
  patchManager: 'patch-manager',
  sqlSecret: 'secret-sql',
  directorySecret: 'secret-directory-admin',
  cloudWatch: 'cloudwatch',
} as const;

/** Titled boxes for services that live outside the subnets. */
export const GROUP = {
  /** Inside the VPC: the interface and gateway endpoints. */
  endpoints: 'group-endpoints',
  /** Right of the VPC: the backup and log buckets and the KMS keys. */
  storage: 'group-storage',
  /** Right of the VPC: CloudTrail, GuardDuty, Config, Secrets Manager. */
  security: 'group-security',
  /** Right of the VPC: Patch Manager, CloudWatch, the Route 53 private zone. */
  operations: 'group-operations',
} as const;

export const GROUP_TITLES: Readonly<Record<(typeof GROUP)[keyof typeof GROUP], string>> = {
  'group-endpoints': 'VPC endpoints',
  'group-storage': 'Backups and keys',
  'group-security': 'Security and audit',
  'group-operations': 'Operations and DNS',
};

export const SG = {
  alb: 'sg-alb',
  controlRoom: 'sg-control-room',
  bot: 'sg-bot',
  app: 'sg-app',
  sql: 'sg-sql',
  fsx: 'sg-fsx',
  endpoints: 'sg-endpoints',
} as const;

/** "" for the first SQL Server cluster, "-2", "-3"… after it: the first keeps the short ids. */
export function clusterSuffix(index: number): string {
  return index === 0 ? '' : `-${index + 1}`;
}
