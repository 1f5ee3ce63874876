import { nodesOfKind } from '../../model/topology';
import { GROUP, NODE } from '../../topology/design-ids';
import { failed, passed, type SecurityRule } from '../rule';
import { ofType, propsOf } from '../template-query';

export const log02GuardDuty: SecurityRule = {
  id: 'LOG-02',
  title: 'GuardDuty watches the account for threats',
  category: 'detection',
  severity: 'high',
  mode: 'automatic',
  why: 'The case study enables GuardDuty for continuous threat detection: it reads CloudTrail, VPC flow logs and DNS logs for compromised instances, credential misuse and reconnaissance, with nothing to install on the servers.',
  source: 'case study',
  // Security Hub GuardDuty.1 confirmed with search; checkov's GuardDuty check is Terraform-only (catalog).
  controls: { fsbp: ['GuardDuty.1'] },
  fix: 'Enable a GuardDuty detector (with S3 protection and malware protection) in the Region.',
  verify: 'aws guardduty list-detectors returns a detector whose get-detector shows Status: ENABLED.',
  check(topology) {
    const detectors = nodesOfKind(topology, 'guardduty');
    return detectors.length > 0
      ? passed('GuardDuty is enabled.')
      : failed([], 'The design has no GuardDuty detector.');
  },
  checkTemplate(resources) {
    const detectors = ofType(resources, 'AWS::GuardDuty::Detector');
    return detectors.some(([, d]) => propsOf(d).Enable === true)
      ? passed('A GuardDuty detector is enabled.')
      : failed(
          detectors.map(([id]) => id),
          'The template enables no GuardDuty detector.',
        );
  },
  fixTopology(topology) {
    if (nodesOfKind(topology, 'guardduty').length > 0) return topology;
    return {
      ...topology,
      nodes: [
        ...topology.nodes,
        {
          id: NODE.guardDuty,
          name: 'GuardDuty',
          parentId: topology.nodes.some((n) => n.id === GROUP.security) ? GROUP.security : null,
          kind: 'guardduty',
          s3Protection: true,
          malwareProtection: true,
        },
      ],
    };
  },
};
