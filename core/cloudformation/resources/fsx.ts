import { nodesOfKind } from '../../model/topology';
import { NODE } from '../../topology/design-ids';
import { type BuildContext, nodeLogicalId, securityGroupLogicalId, strictTags } from '../context';
import { getAtt, ref } from '../intrinsics';
import type { CfnResource } from '../template';

/**
 * FSx for Windows File Server file systems: Multi-AZ (the preferred file server in the first subnet,
 * the standby in the second), SSD, encrypted with the data key, joined to the managed directory, with
 * daily backups. A file system holding databases is retained when the stack is deleted; the witness
 * file system holds nothing worth keeping.
 */
export function buildFileSystems(
  ctx: BuildContext,
  directory: string | null,
  key: (kmsNodeId: string | null) => string | null,
): Record<string, CfnResource> {
  const resources: Record<string, CfnResource> = {};
  if (!directory) return resources;
  for (const node of nodesOfKind(ctx.topology, 'fsx-windows')) {
    const id = nodeLogicalId(ctx, node.id) as string;
    const subnets = node.subnetIds
      .map((s) => nodeLogicalId(ctx, s))
      .filter((s): s is string => s !== undefined);
    if (subnets.length === 0) continue;
    const multiAz = node.deploymentType === 'MULTI_AZ_1' && subnets.length >= 2;
    const groups = node.securityGroupIds
      .map((g) => securityGroupLogicalId(ctx, g))
      .filter((g): g is string => g !== undefined);
    const kms = key(node.kmsKeyId);
    const keep = node.id !== NODE.witness;
    resources[id] = {
      Type: 'AWS::FSx::FileSystem',
      ...(keep ? { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' } : {}),
      Properties: {
        FileSystemType: 'WINDOWS',
        StorageType: node.storageType,
        StorageCapacity: node.storageGib,
        SubnetIds: (multiAz ? subnets.slice(0, 2) : subnets.slice(0, 1)).map((s) => ref(s)),
        SecurityGroupIds: groups.map((g) => getAtt(g, 'GroupId')),
        ...(kms ? { KmsKeyId: getAtt(kms, 'Arn') } : {}),
        WindowsConfiguration: {
          ActiveDirectoryId: ref(directory),
          DeploymentType: multiAz ? 'MULTI_AZ_1' : 'SINGLE_AZ_2',
          ...(multiAz ? { PreferredSubnetId: ref(subnets[0] as string) } : {}),
          ThroughputCapacity: node.throughputMiBps,
          AutomaticBackupRetentionDays: node.automaticBackupRetentionDays,
          DailyAutomaticBackupStartTime: '19:00',
          WeeklyMaintenanceStartTime: '7:21:00',
          CopyTagsToBackups: true,
        },
        Tags: strictTags(ctx, node.name, node.id),
      },
    };
  }
  return resources;
}
