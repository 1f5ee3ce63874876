import type { RuleCategory, SecurityRule } from './rule';
import { RULE_CATEGORIES } from './rule';
import { cmp01EbsEncrypted } from './rules/cmp-01-ebs-encrypted';
import { cmp02Imdsv2 } from './rules/cmp-02-imdsv2';
import { cmp04PatchManager } from './rules/cmp-04-patch-manager';
import { cmp05SessionManagerLogging } from './rules/cmp-05-session-manager-logging';
import { cmp06AutoRecovery } from './rules/cmp-06-auto-recovery';
import { cmp07EbsDefaultEncryption } from './rules/cmp-07-ebs-default-encryption';
import { dat01BackupKms } from './rules/dat-01-backup-kms';
import { dat02PublicAccessBlocked } from './rules/dat-02-public-access-blocked';
import { dat04VersioningLifecycle } from './rules/dat-04-versioning-lifecycle';
import { dat06KeyRotation } from './rules/dat-06-key-rotation';
import { dat07ScheduledSqlBackups } from './rules/dat-07-scheduled-sql-backups';
import { dat08SqlCredentialsSecret } from './rules/dat-08-sql-credentials-secret';
import { dat09ManagedStorageEncrypted } from './rules/dat-09-managed-storage-encrypted';
import { dat10ManagedBackups } from './rules/dat-10-managed-backups';
import { edg01HttpsTls } from './rules/edg-01-https-tls';
import { edg02HttpRedirect } from './rules/edg-02-http-redirect';
import { edg03DropInvalidHeaders } from './rules/edg-03-drop-invalid-headers';
import { edg04AlbLogsProtection } from './rules/edg-04-alb-logs-protection';
import { edg05WafOnAlb } from './rules/edg-05-waf-on-alb';
import { edg06WafRules } from './rules/edg-06-waf-rules';
import { edg07TlsInTransit } from './rules/edg-07-tls-in-transit';
import { iam01LeastPrivilegeRoles } from './rules/iam-01-least-privilege-roles';
import { iam02NoLongLivedKeys } from './rules/iam-02-no-long-lived-keys';
import { iam03MfaPrivileged } from './rules/iam-03-mfa-privileged';
import { iam04RootAccount } from './rules/iam-04-root-account';
import { log01CloudTrail } from './rules/log-01-cloudtrail';
import { log02GuardDuty } from './rules/log-02-guardduty';
import { log03Config } from './rules/log-03-config';
import { log04LogGroups } from './rules/log-04-log-groups';
import { log05SecurityAlarms } from './rules/log-05-security-alarms';
import { net01PrivatePlacement } from './rules/net-01-private-placement';
import { net02SubnetPublicIp } from './rules/net-02-subnet-public-ip';
import { net03NatPerAz } from './rules/net-03-nat-per-az';
import { net04WorldIngressAlbOnly } from './rules/net-04-world-ingress-alb-only';
import { net05NoWorldAdminPorts } from './rules/net-05-no-world-admin-ports';
import { net06NoWidePortRanges } from './rules/net-06-no-wide-port-ranges';
import { net07DatabaseReachability } from './rules/net-07-database-reachability';
import { net08RdpFromDataCentre } from './rules/net-08-rdp-from-data-centre';
import { net09CustomAdminPorts } from './rules/net-09-custom-admin-ports';
import { net10RestrictedEgress } from './rules/net-10-restricted-egress';
import { net11S3GatewayEndpoint } from './rules/net-11-s3-gateway-endpoint';
import { net12DefaultSgClosed } from './rules/net-12-default-sg-closed';
import { net13FlowLogs } from './rules/net-13-flow-logs';
import { net14NetworkAcls } from './rules/net-14-network-acls';
import { res01SqlMultiAz } from './rules/res-01-sql-multi-az';
import { res02MultiAz } from './rules/res-02-multi-az';
import { res03RestoreTested } from './rules/res-03-restore-tested';

const ALL: readonly SecurityRule[] = [
  cmp01EbsEncrypted,
  cmp02Imdsv2,
  cmp04PatchManager,
  cmp05SessionManagerLogging,
  cmp06AutoRecovery,
  cmp07EbsDefaultEncryption,
  dat01BackupKms,
  dat02PublicAccessBlocked,
  dat04VersioningLifecycle,
  dat06KeyRotation,
  dat07ScheduledSqlBackups,
  dat08SqlCredentialsSecret,
  dat09ManagedStorageEncrypted,
  dat10ManagedBackups,
  edg01HttpsTls,
  edg02HttpRedirect,
  edg03DropInvalidHeaders,
  edg04AlbLogsProtection,
  edg05WafOnAlb,
  edg06WafRules,
  edg07TlsInTransit,
  iam01LeastPrivilegeRoles,
  iam02NoLongLivedKeys,
  iam03MfaPrivileged,
  iam04RootAccount,
  log01CloudTrail,
  log02GuardDuty,
  log03Config,
  log04LogGroups,
  log05SecurityAlarms,
  net01PrivatePlacement,
  net02SubnetPublicIp,
  net03NatPerAz,
  net04WorldIngressAlbOnly,
  net05NoWorldAdminPorts,
  net06NoWidePortRanges,
  net07DatabaseReachability,
  net08RdpFromDataCentre,
  net09CustomAdminPorts,
  net10RestrictedEgress,
  net11S3GatewayEndpoint,
  net12DefaultSgClosed,
  net13FlowLogs,
  net14NetworkAcls,
  res01SqlMultiAz,
  res02MultiAz,
  res03RestoreTested,
];

/** Every rule, grouped by category in the checklist's order, then by id. */
export const RULES: readonly SecurityRule[] = [...ALL].sort(
  (a, b) =>
    RULE_CATEGORIES.indexOf(a.category) - RULE_CATEGORIES.indexOf(b.category) || a.id.localeCompare(b.id),
);

const BY_ID: ReadonlyMap<string, SecurityRule> = new Map(RULES.map((r) => [r.id, r]));

/** The rule with this id (as written in checks.json, suppressions and template metadata), if any. */
export function findRule(id: string): SecurityRule | undefined {
  return BY_ID.get(id);
}

/** The rules of one checklist category, in order. */
export function rulesInCategory(category: RuleCategory): SecurityRule[] {
  return RULES.filter((r) => r.category === category);
}
