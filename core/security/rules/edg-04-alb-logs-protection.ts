import { nodesOfKind } from '../../model/topology';
import { mapNodes } from '../design-query';
import { failed, listNames, passed, verb, type SecurityRule } from '../rule';

export const edg04AlbLogsProtection: SecurityRule = {
  id: 'EDG-04',
  title: 'The load balancer keeps access logs and has deletion protection',
  category: 'edge',
  severity: 'medium',
  mode: 'automatic',
  why: 'The whitepaper asks for logging and monitoring at every layer: the load balancer’s access logs are the only record of who called the control room from the internet. Deletion protection keeps a mistaken stack update from taking the entry point down.',
  source: 'whitepaper',
  // checkov CKV_AWS_91 (CloudFormation, ELBv2 access logging) confirmed with search; cfn_nag W52 covers
  // Classic ELB only and is not mapped.
  controls: { fsbp: ['ELB.5', 'ELB.6'], checkov: ['CKV_AWS_91'] },
  fix: 'Turn on access logs (to the audit log bucket) and deletion protection on the load balancer.',
  verify: 'The load balancer’s Attributes tab shows “Access logs: On” and “Deletion protection: On”.',
  check(topology) {
    const bad = nodesOfKind(topology, 'load-balancer').filter(
      (lb) => !lb.accessLogs || !lb.deletionProtection,
    );
    return bad.length === 0
      ? passed('Access logs and deletion protection are on for every load balancer.')
      : failed(
          bad.map((lb) => lb.id),
          `${listNames(bad.map((lb) => lb.name))} ${verb(bad.length, 'lacks', 'lack')} access logs or deletion protection.`,
        );
  },
  // No template check: the exporter does not yet write the access_logs.* and deletion_protection.*
  // load balancer attributes (reported to the CloudFormation export owner).
  fixTopology(topology) {
    return mapNodes(topology, (n) =>
      n.kind === 'load-balancer' && (!n.accessLogs || !n.deletionProtection)
        ? { ...n, accessLogs: true, deletionProtection: true }
        : n,
    );
  },
};
