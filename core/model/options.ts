import { z } from 'zod';

/**
 * SQL Server high-availability patterns the planner can build today.
 * `always-on-ag`: two replicas in different AZs (Enterprise edition, synchronous commit).
 * `single-instance`: one server with backups to S3 — not HA, and the checklist says so.
 */
export const SQL_HA_PATTERNS = ['always-on-ag', 'single-instance'] as const;
export type SqlHaPattern = (typeof SQL_HA_PATTERNS)[number];

export const PURCHASE_OPTIONS = ['on-demand'] as const;
export type PurchaseOption = (typeof PURCHASE_OPTIONS)[number];

/** One NAT gateway per AZ (resilient) or a single shared one (cheaper; a reliability rule flags it). */
export const NAT_GATEWAY_MODES = ['per-az', 'single'] as const;
export type NatGatewayMode = (typeof NAT_GATEWAY_MODES)[number];

export const planOptionsSchema = z.object({
  region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'expected an AWS region code such as ap-south-1'),
  azCount: z.number().int().min(2).max(3),
  sqlHa: z.enum(SQL_HA_PATTERNS),
  purchaseOption: z.enum(PURCHASE_OPTIONS),
  /** Comfort factor over measured peak utilisation; 1.3 = 30 % headroom. */
  headroom: z.number().min(1).max(4),
  natGateways: z.enum(NAT_GATEWAY_MODES),
  vpcCidr: z.string().regex(/^\d{1,3}(\.\d{1,3}){3}\/16$/, 'expected a /16 CIDR such as 10.20.0.0/16'),
});
export type PlanOptions = z.infer<typeof planOptionsSchema>;

export const DEFAULT_PLAN_OPTIONS: PlanOptions = {
  region: 'ap-south-1',
  azCount: 2,
  sqlHa: 'always-on-ag',
  purchaseOption: 'on-demand',
  headroom: 1.3,
  natGateways: 'per-az',
  vpcCidr: '10.20.0.0/16',
};
