import { ancestorOfKind, type Ec2Node, type Volume } from '../../model/topology';
import { type BuildContext, ec2Tags, nodeLogicalId, securityGroupLogicalId } from '../context';
import { getAtt, ref, sub, text, type CfnObject, type CfnValue } from '../intrinsics';
import { literalText, truncateCodePoints } from '../sanitize';
import type { CfnResource, CfnTag } from '../template';

/**
 * Windows instances in private subnets: IMDSv2 only, every EBS volume encrypted with the project key,
 * no key pair (administrators use Session Manager), and a CloudWatch alarm that recovers the instance
 * onto healthy hardware when AWS's system status check fails.
 */

export interface InstanceInputs {
  amiFor(edition: Ec2Node['sqlEdition']): string;
  instanceTypeFor(nodeId: string): string;
  profileFor(node: Ec2Node): string;
  /** Logical id of the project KMS key; null falls back to the account's default EBS key. */
  key: string | null;
  /** Private default route per zone: instances wait for it so the SSM agent can register at first boot. */
  privateRouteByZone: ReadonlyMap<string, string>;
  /**
   * Nodes of a Windows Server Failover Cluster that spans subnets: each gets two secondary private IPs
   * on its network interface, for the cluster's address and the listener's (or the FCI's network name).
   */
  isClusterNode(node: Ec2Node): boolean;
  /** Value of the Patch Group tag (the patch baseline serves it), or null without Patch Manager. */
  patchGroup: CfnValue | null;
}

/** The cluster IP address and the listener (or FCI network name) address in each node's subnet. */
export const CLUSTER_SECONDARY_IPS = 2;

/** Windows' root device on AWS AMIs; it goes with the instance, data volumes outlive it. */
const ROOT_DEVICE = '/dev/sda1';
/** gp3 includes 3,000 IOPS and 125 MiB/s; io2 needs at least 100 IOPS. */
const GP3_BASE_IOPS = 3000;
const GP3_BASE_THROUGHPUT = 125;
const IO2_MIN_IOPS = 100;

/** gp3 throughput above the included 125 MiB/s, or null. */
function extraThroughput(volume: Volume): number | null {
  return volume.type === 'gp3' && volume.throughputMiBps > GP3_BASE_THROUGHPUT
    ? volume.throughputMiBps
    : null;
}

/**
 * One EBS mapping. `withThroughput`: AWS::EC2::Instance has no Throughput property (launch templates
 * do), so a gp3 volume faster than the included 125 MiB/s goes through a launch template.
 */
export function blockDeviceMapping(
  volume: Volume,
  key: string | null,
  isRoot: boolean,
  withThroughput = false,
): CfnObject {
  const ebs: Record<string, CfnValue> = { VolumeType: volume.type, VolumeSize: volume.sizeGib };
  if (volume.type === 'gp3') {
    ebs.Iops = Math.max(GP3_BASE_IOPS, volume.iops);
    const throughput = extraThroughput(volume);
    if (withThroughput && throughput !== null) ebs.Throughput = throughput;
  } else if (volume.type === 'io2') {
    ebs.Iops = Math.max(IO2_MIN_IOPS, volume.iops);
  }
  // Always encrypted, whatever the model says: the template is secure by default (CMP-01 flags the model).
  ebs.Encrypted = true;
  if (key) ebs.KmsKeyId = getAtt(key, 'Arn');
  ebs.DeleteOnTermination = isRoot;
  return { DeviceName: volume.device, Ebs: ebs };
}

/** Instance families with instance-store disks ("m6id", "r5dn", "z1d") cannot use the EC2 recover action. */
export function supportsRecoverAction(instanceType: string): boolean {
  const family = instanceType.split('.')[0] ?? '';
  const attributes = family.replace(/^[a-z]+\d+/, '');
  return !attributes.includes('d') && !/^(i\d|d\d|h1|x1e?)/.test(family);
}

export function buildInstances(
  ctx: BuildContext,
  instances: readonly Ec2Node[],
  inputs: InstanceInputs,
): Record<string, CfnResource> {
  const resources: Record<string, CfnResource> = {};
  for (const node of instances) {
    const subnet = ancestorOfKind(ctx.byId, node, 'subnet');
    if (!subnet) continue;
    const id = nodeLogicalId(ctx, node.id) as string;
    const groups = node.securityGroupIds
      .map((g) => securityGroupLogicalId(ctx, g))
      .filter((g): g is string => g !== undefined);
    const extraTags: CfnTag[] = [{ Key: 'Role', Value: node.role }];
    if (node.haRole) extraTags.push({ Key: 'HaRole', Value: node.haRole });
    if (node.sqlEdition !== 'none') extraTags.push({ Key: 'SqlEdition', Value: node.sqlEdition });
    if (inputs.patchGroup)
      extraTags.push({ Key: 'Patch Group', Value: inputs.patchGroup as CfnTag['Value'] });
    const route = inputs.privateRouteByZone.get(subnet.zone);
    const rootDevice = node.volumes.some((v) => v.device === ROOT_DEVICE)
      ? ROOT_DEVICE
      : node.volumes[0]?.device;
    const metadataOptions = {
      HttpEndpoint: 'enabled',
      HttpTokens: 'required',
      HttpPutResponseHopLimit: 1,
      InstanceMetadataTags: 'disabled',
    };
    let storage: CfnObject = {
      BlockDeviceMappings: node.volumes.map((v) =>
        blockDeviceMapping(v, inputs.key, v.device === rootDevice),
      ),
    };
    if (node.volumes.some((v) => extraThroughput(v) !== null)) {
      const template = ctx.ids.claim(`${id}LaunchTemplate`);
      resources[template] = {
        Type: 'AWS::EC2::LaunchTemplate',
        Properties: {
          LaunchTemplateData: {
            BlockDeviceMappings: node.volumes.map((v) =>
              blockDeviceMapping(v, inputs.key, v.device === rootDevice, true),
            ),
            MetadataOptions: metadataOptions,
          },
        },
      };
      storage = {
        LaunchTemplate: { LaunchTemplateId: ref(template), Version: getAtt(template, 'LatestVersionNumber') },
      };
    }
    resources[id] = {
      Type: 'AWS::EC2::Instance',
      ...(route ? { DependsOn: route } : {}),
      Properties: {
        ImageId: ref(inputs.amiFor(node.sqlEdition)),
        InstanceType: ref(inputs.instanceTypeFor(node.id)),
        ...(inputs.isClusterNode(node)
          ? {
              NetworkInterfaces: [
                {
                  DeviceIndex: '0',
                  SubnetId: ref(nodeLogicalId(ctx, subnet.id) as string),
                  GroupSet: groups.map((g) => getAtt(g, 'GroupId')),
                  SecondaryPrivateIpAddressCount: CLUSTER_SECONDARY_IPS,
                  AssociatePublicIpAddress: false,
                  DeleteOnTermination: true,
                },
              ],
            }
          : {
              SubnetId: ref(nodeLogicalId(ctx, subnet.id) as string),
              SecurityGroupIds: groups.map((g) => getAtt(g, 'GroupId')),
            }),
        IamInstanceProfile: ref(inputs.profileFor(node)),
        MetadataOptions: metadataOptions,
        // Optimize CPUs: fewer active cores, fewer licensed vCPUs (the estimate prices the same count).
        ...(node.optimizeCpu
          ? {
              CpuOptions: {
                CoreCount: node.optimizeCpu.coreCount,
                ThreadsPerCore: node.optimizeCpu.threadsPerCore,
              },
            }
          : {}),
        ...storage,
        PropagateTagsToVolumeOnCreation: true,
        Tags: ec2Tags(ctx, node.name, node.id, extraTags),
      },
    };
    if (supportsRecoverAction(node.instanceType)) {
      const name = truncateCodePoints(literalText(node.name) || node.id, 200);
      resources[ctx.ids.claim(`${id}RecoveryAlarm`)] = {
        Type: 'AWS::CloudWatch::Alarm',
        Properties: {
          AlarmDescription: text(
            `Recovers ${name} onto healthy hardware when the EC2 system status check fails for two minutes.`,
          ),
          Namespace: 'AWS/EC2',
          MetricName: 'StatusCheckFailed_System',
          Dimensions: [{ Name: 'InstanceId', Value: ref(id) }],
          Statistic: 'Maximum',
          Period: 60,
          EvaluationPeriods: 2,
          DatapointsToAlarm: 2,
          Threshold: 0,
          ComparisonOperator: 'GreaterThanThreshold',
          TreatMissingData: 'missing',
          AlarmActions: [sub('arn:${AWS::Partition}:automate:${AWS::Region}:ec2:recover')],
        },
      };
    }
  }
  return resources;
}
