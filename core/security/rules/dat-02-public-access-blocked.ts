import { nodesOfKind } from '../../model/topology';
import { mapNodes } from '../design-query';
import { failed, listNames, passed, verb, type SecurityRule } from '../rule';
import { ofType, propsOf, tagOf } from '../template-query';

const SETTINGS = [
  'BlockPublicAcls',
  'BlockPublicPolicy',
  'IgnorePublicAcls',
  'RestrictPublicBuckets',
] as const;

export const dat02PublicAccessBlocked: SecurityRule = {
  id: 'DAT-02',
  title: 'S3 Block Public Access is on for every bucket',
  category: 'encryption',
  severity: 'high',
  mode: 'automatic',
  why: 'Backups of customer financial data must never be public; the whitepaper names misconfiguration as the largest cause of cloud breaches, as in the breach it cites.',
  source: 'case study, whitepaper',
  controls: {
    fsbp: ['S3.8'],
    cis: ['2.1.4'],
    checkov: ['CKV_AWS_53', 'CKV_AWS_54', 'CKV_AWS_55', 'CKV_AWS_56'],
  },
  fix: 'Turn on all four Block Public Access settings for the bucket.',
  verify: 'The bucket’s Permissions tab shows “Block all public access: On”.',
  check(topology) {
    const bad = nodesOfKind(topology, 's3-bucket').filter((b) => !b.publicAccessBlocked);
    return bad.length === 0
      ? passed('Every bucket blocks public access.')
      : failed(
          bad.map((b) => b.id),
          `${listNames(bad.map((b) => b.name))} ${verb(bad.length, 'allows', 'allow')} public access.`,
        );
  },
  checkTemplate(resources) {
    const bad = ofType(resources, 'AWS::S3::Bucket').filter(([, b]) => {
      const block = propsOf(b).PublicAccessBlockConfiguration as Record<string, unknown> | undefined;
      return !SETTINGS.every((s) => block?.[s] === true);
    });
    return bad.length === 0
      ? passed('Every bucket sets all four Block Public Access settings.')
      : failed(
          bad.map(([id]) => id),
          `${listNames(bad.map(([id, r]) => tagOf(r, 'Name') ?? id))} ${verb(bad.length, 'allows', 'allow')} public access.`,
        );
  },
  fixTopology(topology) {
    return mapNodes(topology, (n) =>
      n.kind === 's3-bucket' && !n.publicAccessBlocked ? { ...n, publicAccessBlocked: true } : n,
    );
  },
};
