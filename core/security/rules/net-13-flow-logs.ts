import { nodesOfKind } from '../../model/topology';
import { mapNodes } from '../design-query';
import { failed, listNames, passed, type SecurityRule } from '../rule';
import { ofType, propsOf, refTarget } from '../template-query';

export const net13FlowLogs: SecurityRule = {
  id: 'NET-13',
  title: 'VPC flow logs record the network’s traffic',
  category: 'network',
  severity: 'medium',
  mode: 'automatic',
  why: 'The whitepaper asks for monitoring that tracks malicious activity and unauthorised behaviour; flow logs are the record of who talked to whom, and GuardDuty reads them.',
  source: 'whitepaper',
  controls: { fsbp: ['EC2.6'], cis: ['3.7'], cfnNag: ['W60'] },
  fix: 'Turn on flow logs (all traffic, to CloudWatch Logs) for the VPC.',
  verify: 'The VPC’s “Flow logs” tab shows an active flow log with filter ALL (or REJECT).',
  check(topology) {
    const bad = nodesOfKind(topology, 'vpc').filter((v) => !v.flowLogs);
    return bad.length === 0
      ? passed('The VPC records flow logs.')
      : failed(
          bad.map((v) => v.id),
          `${listNames(bad.map((v) => v.name))} has no flow logs.`,
        );
  },
  checkTemplate(resources) {
    const logged = new Set(
      ofType(resources, 'AWS::EC2::FlowLog')
        .filter(([, f]) => ['ALL', 'REJECT'].includes(String(propsOf(f).TrafficType)))
        .map(([, f]) => refTarget(propsOf(f).ResourceId))
        .filter((v): v is string => v !== null),
    );
    const bad = ofType(resources, 'AWS::EC2::VPC')
      .map(([id]) => id)
      .filter((id) => !logged.has(id));
    return bad.length === 0
      ? passed('Every VPC has a flow log.')
      : failed(bad, `${bad.join(', ')} has no flow log.`);
  },
  fixTopology(topology) {
    return mapNodes(topology, (n) => (n.kind === 'vpc' && !n.flowLogs ? { ...n, flowLogs: true } : n));
  },
};
