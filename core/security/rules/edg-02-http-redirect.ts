import { nodesOfKind } from '../../model/topology';
import { mapNodes } from '../design-query';
import { failed, listNames, passed, type SecurityRule } from '../rule';
import { asArray, ofType, propsOf } from '../template-query';

export const edg02HttpRedirect: SecurityRule = {
  id: 'EDG-02',
  title: 'HTTP only redirects to HTTPS',
  category: 'edge',
  severity: 'medium',
  mode: 'automatic',
  why: 'The whitepaper asks for all traffic in transit to be encrypted; a listener that forwards plain HTTP sends users’ sessions to the control room unencrypted.',
  source: 'whitepaper',
  // cfn-nag's listener-protocol rule flags every HTTP listener, redirects included, and checkov
  // CKV_AWS_175 (stored version) wants an integer port where CloudFormation takes a string: not mapped.
  controls: { fsbp: ['ELB.1'], checkov: ['CKV_AWS_2'] },
  fix: 'Make every HTTP listener a permanent (301) redirect to HTTPS on 443.',
  verify: 'curl -I http://<hostname>/ answers 301 with a Location: https://… header.',
  check(topology) {
    const bad = nodesOfKind(topology, 'load-balancer').filter((lb) =>
      lb.listeners.some((l) => l.protocol === 'HTTP' && l.action !== 'redirect-https'),
    );
    return bad.length === 0
      ? passed('Every HTTP listener redirects to HTTPS.')
      : failed(
          bad.map((lb) => lb.id),
          `${listNames(bad.map((lb) => lb.name))} forward${bad.length === 1 ? 's' : ''} plain HTTP.`,
        );
  },
  checkTemplate(resources) {
    const bad = ofType(resources, 'AWS::ElasticLoadBalancingV2::Listener')
      .filter(([, l]) => propsOf(l).Protocol === 'HTTP')
      .filter(([, l]) => {
        const [first] = asArray(propsOf(l).DefaultActions) as {
          Type?: unknown;
          RedirectConfig?: { Protocol?: unknown };
        }[];
        return !(first?.Type === 'redirect' && first.RedirectConfig?.Protocol === 'HTTPS');
      })
      .map(([id]) => id);
    return bad.length === 0
      ? passed('Every HTTP listener redirects to HTTPS.')
      : failed(bad, `${bad.join(', ')} forward${bad.length === 1 ? 's' : ''} plain HTTP.`);
  },
  fixTopology(topology) {
    return mapNodes(topology, (n) =>
      n.kind === 'load-balancer' &&
      n.listeners.some((l) => l.protocol === 'HTTP' && l.action !== 'redirect-https')
        ? {
            ...n,
            listeners: n.listeners.map((l) =>
              l.protocol === 'HTTP' ? { ...l, action: 'redirect-https' as const } : l,
            ),
          }
        : n,
    );
  },
};
