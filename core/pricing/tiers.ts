import type { ServerRole } from '../model/inventory';
import type { TopologyNode } from '../model/topology';

/**
 * The tiers an estimate is grouped by, as a presales architect explains a design: the web and
 * application tier (control room, load balancer, WAF), the bot runners, the database tier, the
 * network, and security and operations (account services, keys, logs, directory).
 */
export const COST_TIERS = ['web', 'bots', 'database', 'network', 'security-operations'] as const;
export type CostTier = (typeof COST_TIERS)[number];

export const COST_TIER_LABELS: Readonly<Record<CostTier, string>> = {
  web: 'Web and application',
  bots: 'Bot runners',
  database: 'Database',
  network: 'Network',
  'security-operations': 'Security and operations',
};

export function tierForRole(role: ServerRole): CostTier {
  switch (role) {
    case 'bot':
      return 'bots';
    case 'sql':
      return 'database';
    case 'control-room':
    case 'web':
    case 'app':
    case 'other':
      return 'web';
  }
}

/** The tier a resource's cost belongs to, from its kind (and for instances, its server role). */
export function tierForNode(node: TopologyNode): CostTier {
  switch (node.kind) {
    case 'ec2-instance':
      return tierForRole(node.role);
    case 'load-balancer':
    case 'waf-web-acl':
      return 'web';
    case 'rds-sql-server':
    case 'fsx-windows':
      return 'database';
    case 's3-bucket':
      return node.purpose === 'backup' ? 'database' : 'security-operations';
    case 'vpc':
    case 'availability-zone':
    case 'subnet':
    case 'internet-gateway':
    case 'nat-gateway':
    case 'vpn-connection':
    case 'direct-connect':
    case 'route53-zone':
    case 'vpc-endpoint':
      return 'network';
    case 'kms-key':
    case 'cloudtrail':
    case 'guardduty':
    case 'config-recorder':
    case 'patch-manager':
    case 'secrets-manager-secret':
    case 'cloudwatch':
    case 'directory-service':
    case 'service-group':
      return 'security-operations';
  }
}
