import type { Ec2Node } from '../../model/topology';
import { type BuildContext, nodeLogicalId } from '../context';
import { ref, sub } from '../intrinsics';
import type { CfnResource } from '../template';
import { BACKUP_PREFIX } from './s3-backup';

/**
 * The scheduled SQL Server backup to S3 (the case study's "scheduled task"): a State Manager
 * association that runs daily on the SQL Server nodes. On each node where SQL Server runs and the
 * replica is the preferred backup replica, it takes a compressed, checksummed copy-only full backup of
 * every online user database to D:\SqlBackups, copies the files to the backup bucket under
 * sql-backups/<computer>/ with the backup key (the instance role allows exactly that), and removes
 * the local copies. Transaction-log backups are scheduled in SQL Server Agent by the DBA.
 */
export function buildSqlBackupAssociation(
  ctx: BuildContext,
  sqlNodes: readonly Ec2Node[],
  backup: { bucket: string; key: string | null } | null,
): Record<string, CfnResource> {
  const ids = sqlNodes.map((n) => nodeLogicalId(ctx, n.id)).filter((i): i is string => i !== undefined);
  if (!backup || ids.length === 0) return {};
  const query = [
    'DECLARE @d sysname, @f nvarchar(400);',
    'DECLARE c CURSOR LOCAL FAST_FORWARD FOR SELECT name FROM sys.databases WHERE database_id > 4 AND state = 0 AND sys.fn_hadr_backup_is_preferred_replica(name) = 1;',
    'OPEN c; FETCH NEXT FROM c INTO @d;',
    "WHILE @@FETCH_STATUS = 0 BEGIN SET @f = N'D:\\SqlBackups\\' + @d + N'_' + FORMAT(SYSUTCDATETIME(), 'yyyyMMddHHmm') + N'.bak';",
    'BACKUP DATABASE @d TO DISK = @f WITH COPY_ONLY, COMPRESSION, CHECKSUM; FETCH NEXT FROM c INTO @d; END;',
    'CLOSE c; DEALLOCATE c;',
  ].join(' ');
  const kms = backup.key
    ? ` -ServerSideEncryption aws:kms -ServerSideEncryptionKeyManagementServiceKeyId '\${${backup.key}.Arn}'`
    : '';
  const commands = [
    "$ErrorActionPreference = 'Stop'",
    "$sql = Get-Service -Name 'MSSQLSERVER' -ErrorAction SilentlyContinue",
    "if (-not $sql -or $sql.Status -ne 'Running') { Write-Output 'SQL Server is not running on this node: nothing to back up.'; exit 0 }",
    "New-Item -ItemType Directory -Force -Path 'D:\\SqlBackups' | Out-Null",
    `& sqlcmd.exe -S localhost -E -b -Q "${query}"`,
    "if ($LASTEXITCODE -ne 0) { throw 'The SQL Server backup failed.' }",
    `Get-ChildItem -Path 'D:\\SqlBackups' -Filter '*.bak' | ForEach-Object { Write-S3Object -BucketName '\${${backup.bucket}}' -Key ('${BACKUP_PREFIX}' + $env:COMPUTERNAME + '/' + $_.Name) -File $_.FullName${kms}; Remove-Item -Path $_.FullName }`,
  ];
  return {
    [ctx.ids.claim('SqlBackupAssociation')]: {
      Type: 'AWS::SSM::Association',
      Properties: {
        Name: 'AWS-RunPowerShellScript',
        AssociationName: sub('${AWS::StackName}-sql-backup-to-s3'),
        ScheduleExpression: 'cron(0 20 ? * * *)',
        ApplyOnlyAtCronInterval: true,
        Parameters: {
          commands: commands.map((c) => (c.includes('${') ? sub(c) : c)),
          executionTimeout: ['7200'],
        },
        Targets: [{ Key: 'InstanceIds', Values: ids.map((i) => ref(i)) }],
      },
    },
  };
}
