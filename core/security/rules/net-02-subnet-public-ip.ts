import { nodesOfKind } from '../../model/topology';
import { mapNodes } from '../design-query';
import { failed, listNames, passed, verb, type SecurityRule } from '../rule';
import { ofType, propsOf, tagOf } from '../template-query';

export const net02SubnetPublicIp: SecurityRule = {
  id: 'NET-02',
  title: 'No subnet hands out public IP addresses',
  category: 'network',
  severity: 'medium',
  mode: 'automatic',
  why: 'Internal IP addresses must not be exposed to the internet (case study); a subnet that gives every new instance a public IP turns a placement mistake into an exposed server. The ALB and NAT gateways do not need it.',
  source: 'case study',
  controls: { fsbp: ['EC2.15'], cfnNag: ['W33'] },
  fix: 'Turn off “auto-assign public IPv4 address” (MapPublicIpOnLaunch) on every subnet.',
  verify: 'In the VPC console every subnet shows “Auto-assign public IPv4 address: No”.',
  check(topology) {
    const bad = nodesOfKind(topology, 'subnet').filter((s) => s.mapPublicIpOnLaunch);
    return bad.length === 0
      ? passed('No subnet assigns public IPs on launch.')
      : failed(
          bad.map((s) => s.id),
          `${listNames(bad.map((s) => s.name))} ${verb(bad.length, 'assigns', 'assign')} public IPs to new instances.`,
        );
  },
  checkTemplate(resources) {
    const bad = ofType(resources, 'AWS::EC2::Subnet').filter(
      ([, r]) => propsOf(r).MapPublicIpOnLaunch === true,
    );
    return bad.length === 0
      ? passed('Every subnet has MapPublicIpOnLaunch false.')
      : failed(
          bad.map(([id]) => id),
          `${listNames(bad.map(([id, r]) => tagOf(r, 'Name') ?? id))} ${verb(bad.length, 'sets', 'set')} MapPublicIpOnLaunch.`,
        );
  },
  fixTopology(topology) {
    return mapNodes(topology, (n) =>
      n.kind === 'subnet' && n.mapPublicIpOnLaunch ? { ...n, mapPublicIpOnLaunch: false } : n,
    );
  },
};
