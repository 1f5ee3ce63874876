import { nodesOfKind } from '../../model/topology';
import { mapNodes } from '../design-query';
import { failed, listNames, passed, type SecurityRule } from '../rule';
import { asArray, ofType, propsOf } from '../template-query';

const ATTRIBUTE = 'routing.http.drop_invalid_header_fields.enabled';

export const edg03DropInvalidHeaders: SecurityRule = {
  id: 'EDG-03',
  title: 'The load balancer drops invalid HTTP headers',
  category: 'edge',
  severity: 'medium',
  mode: 'automatic',
  why: 'The whitepaper names web exploits against exposed applications; malformed headers are how request-smuggling and header-injection attacks reach the servers behind the ALB.',
  source: 'whitepaper',
  controls: { fsbp: ['ELB.4'], checkov: ['CKV_AWS_131'] },
  fix: `Set the load balancer attribute ${ATTRIBUTE} to true.`,
  verify: 'The ALB’s Attributes tab shows “Drop invalid header fields: On”.',
  check(topology) {
    const bad = nodesOfKind(topology, 'load-balancer').filter((lb) => !lb.dropInvalidHeaders);
    return bad.length === 0
      ? passed('Every load balancer drops invalid header fields.')
      : failed(
          bad.map((lb) => lb.id),
          `${listNames(bad.map((lb) => lb.name))} pass${bad.length === 1 ? 'es' : ''} invalid headers to the servers.`,
        );
  },
  checkTemplate(resources) {
    const bad = ofType(resources, 'AWS::ElasticLoadBalancingV2::LoadBalancer')
      .filter(
        ([, lb]) =>
          !asArray(propsOf(lb).LoadBalancerAttributes).some(
            (a) => (a as { Key?: unknown }).Key === ATTRIBUTE && (a as { Value?: unknown }).Value === 'true',
          ),
      )
      .map(([id]) => id);
    return bad.length === 0
      ? passed('Every load balancer drops invalid header fields.')
      : failed(bad, `${bad.join(', ')} keep${bad.length === 1 ? 's' : ''} invalid header fields.`);
  },
  fixTopology(topology) {
    return mapNodes(topology, (n) =>
      n.kind === 'load-balancer' && !n.dropInvalidHeaders ? { ...n, dropInvalidHeaders: true } : n,
    );
  },
};
