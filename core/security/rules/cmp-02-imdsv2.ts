import { nodesOfKind } from '../../model/topology';
import { mapNodes } from '../design-query';
import { failed, listNames, passed, type SecurityRule } from '../rule';
import { ofType, propsOf, tagOf } from '../template-query';

function tokensRequired(options: unknown): boolean {
  return (options as { HttpTokens?: unknown } | undefined)?.HttpTokens === 'required';
}

export const cmp02Imdsv2: SecurityRule = {
  id: 'CMP-02',
  title: 'Instances require IMDSv2',
  category: 'operations',
  severity: 'high',
  mode: 'automatic',
  why: 'Misconfiguration and stolen instance credentials caused the breach the whitepaper cites; session-token metadata (IMDSv2) blocks the SSRF path used to steal them.',
  source: 'whitepaper',
  // checkov CKV_AWS_79 checks launch templates only (the exporter writes instances): not mapped.
  controls: { fsbp: ['EC2.8'], cis: ['5.6'] },
  fix: 'Require IMDSv2 (HttpTokens: required) on every instance.',
  verify: 'aws ec2 describe-instances shows MetadataOptions.HttpTokens = required for every instance.',
  check(topology) {
    const bad = nodesOfKind(topology, 'ec2-instance').filter((n) => !n.imdsV2Required);
    return bad.length === 0
      ? passed('Every instance requires IMDSv2.')
      : failed(
          bad.map((n) => n.id),
          `${listNames(bad.map((n) => n.name))} allow${bad.length === 1 ? 's' : ''} IMDSv1.`,
        );
  },
  checkTemplate(resources) {
    const bad = [
      ...ofType(resources, 'AWS::EC2::Instance').filter(
        ([, r]) => !tokensRequired(propsOf(r).MetadataOptions),
      ),
      ...ofType(resources, 'AWS::EC2::LaunchTemplate').filter(
        ([, r]) =>
          !tokensRequired(
            (propsOf(r).LaunchTemplateData as Record<string, unknown> | undefined)?.MetadataOptions,
          ),
      ),
    ];
    return bad.length === 0
      ? passed('Every instance sets HttpTokens: required.')
      : failed(
          bad.map(([id]) => id),
          `${listNames(bad.map(([id, r]) => tagOf(r, 'Name') ?? id))} allow${bad.length === 1 ? 's' : ''} IMDSv1.`,
        );
  },
  fixTopology(topology) {
    return mapNodes(topology, (n) =>
      n.kind === 'ec2-instance' && !n.imdsV2Required ? { ...n, imdsV2Required: true } : n,
    );
  },
};
