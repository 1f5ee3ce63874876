import { attestationRule } from '../attestation-rule';

export const res03RestoreTested = attestationRule({
  id: 'RES-03',
  title: 'A SQL Server restore from the backup bucket has been tested',
  category: 'backup',
  severity: 'high',
  why: 'The case study schedules SQL Server backups to S3 so the database can be recovered; a backup that has never been restored is not known to work, and the restore time must fit the customer’s RTO.',
  source: 'case study',
  // No Security Hub, CIS, cfn-nag or checkov control covers restore tests.
  controls: {},
  fix: 'Restore the latest full and log backups from the bucket onto a test instance, run DBCC CHECKDB, record the time taken, then sign off.',
  verify: 'The restore record names the backup file, the restore duration and a clean DBCC CHECKDB.',
  outsideDesign: 'A procedure after deployment: the architect records the restore test with the DBA.',
});
