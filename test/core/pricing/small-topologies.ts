import {
  type NodeKind,
  type NodeOfKind,
  type Topology,
  type TopologyNode,
  topologyNodeSchema,
} from '../../../core/model/topology';

/**
 * Small hand-built topologies, one resource kind each, for golden estimates and unit tests. Nodes go
 * through the model's zod schema, so defaults are filled exactly as for a saved project.
 */
export function node<K extends NodeKind>(
  kind: K,
  fields: Omit<Partial<NodeOfKind<K>>, 'kind'>,
): NodeOfKind<K> {
  return topologyNodeSchema.parse({ kind, parentId: null, ...fields }) as NodeOfKind<K>;
}

export function topologyOf(region: string, nodes: TopologyNode[]): Topology {
  return { region, nodes, edges: [], securityGroups: [], networkAcls: [] };
}

export function sqlServer(overrides: Partial<NodeOfKind<'ec2-instance'>> = {}): NodeOfKind<'ec2-instance'> {
  return node('ec2-instance', {
    id: 'sql-1',
    name: 'SQLPRD01',
    role: 'sql',
    serverId: 'SQLPRD01',
    instanceType: 'r6i.2xlarge',
    operatingSystem: 'windows',
    sqlEdition: 'standard',
    haRole: 'standalone',
    zone: 'ap-south-1a',
    volumes: [
      {
        name: 'C:',
        device: '/dev/sda1',
        sizeGib: 100,
        type: 'gp3',
        iops: 3000,
        throughputMiBps: 125,
        encrypted: true,
      },
      {
        name: 'D: SQL data',
        device: '/dev/xvdb',
        sizeGib: 1000,
        type: 'gp3',
        iops: 6000,
        throughputMiBps: 250,
        encrypted: true,
      },
    ],
    securityGroupIds: [],
    associatePublicIp: false,
    imdsV2Required: true,
    ...overrides,
  });
}

export function botRunner(overrides: Partial<NodeOfKind<'ec2-instance'>> = {}): NodeOfKind<'ec2-instance'> {
  return node('ec2-instance', {
    id: 'bot-1',
    name: 'BOT-01',
    role: 'bot',
    serverId: 'BOT-01',
    instanceType: 'm6i.xlarge',
    operatingSystem: 'windows',
    sqlEdition: 'none',
    haRole: null,
    zone: 'ap-south-1a',
    volumes: [
      {
        name: 'C:',
        device: '/dev/sda1',
        sizeGib: 100,
        type: 'gp3',
        iops: 3000,
        throughputMiBps: 125,
        encrypted: true,
      },
    ],
    securityGroupIds: [],
    associatePublicIp: false,
    imdsV2Required: true,
    ...overrides,
  });
}
