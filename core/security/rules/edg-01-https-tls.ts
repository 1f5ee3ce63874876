import { nodesOfKind, type LoadBalancerNode } from '../../model/topology';
import { mapNodes } from '../design-query';
import { failed, listNames, passed, type SecurityRule } from '../rule';
import { asArray, ofType, propsOf, refTarget, textOf } from '../template-query';

/** ELB's recommended policy (TLS 1.3 with TLS 1.2 fallback). */
export const RECOMMENDED_TLS_POLICY = 'ELBSecurityPolicy-TLS13-1-2-2021-06';

/** Policies that refuse anything older than TLS 1.2. */
export function isModernTlsPolicy(policy: string): boolean {
  return /^ELBSecurityPolicy-(TLS13-|TLS-1-2-|FS-1-2-)/.test(policy);
}

function problem(lb: LoadBalancerNode): string | null {
  const https = lb.listeners.filter((l) => l.protocol === 'HTTPS');
  if (lb.scheme === 'internet-facing' && https.length === 0) return 'has no HTTPS listener';
  if (https.length > 0 && !isModernTlsPolicy(lb.sslPolicy)) return `uses ${lb.sslPolicy}`;
  return null;
}

export const edg01HttpsTls: SecurityRule = {
  id: 'EDG-01',
  title: 'The load balancer serves HTTPS with an ACM certificate and TLS 1.2 or later',
  category: 'edge',
  severity: 'high',
  mode: 'automatic',
  why: 'The case study terminates SSL on the ALB with its certificate; the whitepaper asks for secure SSL ciphers and certificates managed in AWS Certificate Manager, and for data in transit to be encrypted.',
  source: 'case study, whitepaper',
  // checkov CKV_AWS_103 is not mapped: the stored version accepts only ELBSecurityPolicy-TLS-1-2 and
  // FS-1-2 policies and flags the TLS 1.3 policy this design uses.
  controls: { fsbp: ['ELB.17'], cfnNag: ['W55'] },
  fix: `Give the load balancer an HTTPS listener on 443 with the ACM certificate and the ${RECOMMENDED_TLS_POLICY} policy.`,
  verify: `The ALB’s HTTPS:443 listener shows an ACM certificate and security policy ${RECOMMENDED_TLS_POLICY}; ssllabs.com reports no TLS 1.0/1.1.`,
  check(topology) {
    const bad = nodesOfKind(topology, 'load-balancer').filter((lb) => problem(lb) !== null);
    return bad.length === 0
      ? passed('HTTPS with an ACM certificate and a TLS 1.2+ policy on every internet-facing load balancer.')
      : failed(
          bad.map((lb) => lb.id),
          `${listNames(bad.map((lb) => `${lb.name} ${problem(lb) ?? ''}`))}.`,
        );
  },
  checkTemplate(resources) {
    const listeners = ofType(resources, 'AWS::ElasticLoadBalancingV2::Listener');
    const bad: string[] = [];
    for (const [id, lb] of ofType(resources, 'AWS::ElasticLoadBalancingV2::LoadBalancer')) {
      const own = listeners.filter(([, l]) => refTarget(propsOf(l).LoadBalancerArn) === id);
      const https = own.filter(([, l]) => propsOf(l).Protocol === 'HTTPS');
      if (propsOf(lb).Scheme === 'internet-facing' && https.length === 0) bad.push(id);
      for (const [lid, l] of https) {
        const p = propsOf(l);
        if (!isModernTlsPolicy(textOf(p.SslPolicy) ?? '') || asArray(p.Certificates).length === 0)
          bad.push(lid);
      }
    }
    return bad.length === 0
      ? passed('Every HTTPS listener has a certificate and a TLS 1.2+ policy.')
      : failed(bad, `${bad.join(', ')}: no HTTPS listener, no certificate or an old TLS policy.`);
  },
  fixTopology(topology) {
    return mapNodes(topology, (n) => {
      if (n.kind !== 'load-balancer' || problem(n) === null) return n;
      const hasHttps = n.listeners.some((l) => l.protocol === 'HTTPS');
      return {
        ...n,
        sslPolicy: RECOMMENDED_TLS_POLICY,
        listeners: hasHttps
          ? n.listeners
          : [{ protocol: 'HTTPS' as const, port: 443, action: 'forward' as const }, ...n.listeners],
      };
    });
  },
};
