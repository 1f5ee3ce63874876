import { nodesOfKind, type Topology } from '../model/topology';
import { GROUP, NODE } from '../topology/design-ids';

/**
 * Where the encryption fixes find a key: the design's data key (EBS, backups, databases) or logs key
 * (trail, log groups, secrets), else the first key; a design without keys gets the data key added.
 */
export function ensureKey(
  topology: Topology,
  preferred: typeof NODE.mainKey | typeof NODE.logKey,
): { topology: Topology; keyId: string } {
  const keys = nodesOfKind(topology, 'kms-key');
  const found = keys.find((k) => k.id === preferred) ?? keys[0];
  if (found) return { topology, keyId: found.id };
  const groupExists = topology.nodes.some((n) => n.id === GROUP.storage);
  return {
    keyId: NODE.mainKey,
    topology: {
      ...topology,
      nodes: [
        ...topology.nodes,
        {
          id: NODE.mainKey,
          name: 'KMS key (EBS and backups)',
          parentId: groupExists ? GROUP.storage : null,
          kind: 'kms-key',
          rotation: true,
          purpose: 'Encrypts EBS volumes, SQL Server backups and database storage',
        },
      ],
    },
  };
}

/** Whether an id names a KMS key node of the design. */
export function isKey(topology: Topology, id: string | null): boolean {
  return id !== null && topology.nodes.some((n) => n.id === id && n.kind === 'kms-key');
}
