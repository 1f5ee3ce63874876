import type { SecurityRule } from './rule';
import { cmp01EbsEncrypted } from './rules/cmp-01-ebs-encrypted';
import { cmp02Imdsv2 } from './rules/cmp-02-imdsv2';
import { dat01BackupKms } from './rules/dat-01-backup-kms';
import { dat02PublicAccessBlocked } from './rules/dat-02-public-access-blocked';
import { iam03MfaPrivileged } from './rules/iam-03-mfa-privileged';
import { net01PrivatePlacement } from './rules/net-01-private-placement';
import { net03NatPerAz } from './rules/net-03-nat-per-az';
import { net05NoWorldAdminPorts } from './rules/net-05-no-world-admin-ports';
import { res01SqlMultiAz } from './rules/res-01-sql-multi-az';

/** Every rule, in the order the checklist shows them. */
export const RULES: readonly SecurityRule[] = [
  net01PrivatePlacement,
  net03NatPerAz,
  net05NoWorldAdminPorts,
  cmp01EbsEncrypted,
  cmp02Imdsv2,
  dat01BackupKms,
  dat02PublicAccessBlocked,
  res01SqlMultiAz,
  iam03MfaPrivileged,
];
