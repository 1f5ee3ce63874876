import { nodesOfKind } from '../../model/topology';
import { mapNodes } from '../design-query';
import { failed, listNames, passed, verb, type SecurityRule } from '../rule';
import { asArray, ofType, propsOf, tagOf } from '../template-query';

/** The design's own defaults: backups go cold after a month and expire after three; logs keep a year. */
const LIFECYCLE = {
  backup: { transitionDays: 30, expireDays: 90 },
  logs: { transitionDays: 90, expireDays: 365 },
} as const;

export const dat04VersioningLifecycle: SecurityRule = {
  id: 'DAT-04',
  title: 'Backup and log buckets are versioned and have a lifecycle',
  category: 'backup',
  severity: 'medium',
  mode: 'automatic',
  why: 'The case study keeps SQL Server backups in S3 for recovery. Versioning keeps an overwritten or deleted backup recoverable (ransomware, a mistaken script); a lifecycle moves old backups to a colder class and expires them, so retention is a decision, not an accident.',
  source: 'case study',
  // checkov CKV_AWS_21 (CloudFormation, VersioningConfiguration) confirmed with search.
  controls: { fsbp: ['S3.14', 'S3.13'], checkov: ['CKV_AWS_21'] },
  fix: 'Turn on versioning and add a lifecycle (backups: colder class after 30 days, expire after 90; logs: 90 and 365).',
  verify:
    'The bucket’s Properties tab shows “Bucket Versioning: Enabled”; its Management tab lists the lifecycle rule.',
  check(topology) {
    const bad = nodesOfKind(topology, 's3-bucket').filter((b) => !b.versioning || b.lifecycle === null);
    return bad.length === 0
      ? passed('Every bucket is versioned and has a lifecycle.')
      : failed(
          bad.map((b) => b.id),
          `${listNames(bad.map((b) => b.name))} ${verb(bad.length, 'is', 'are')} missing versioning or a lifecycle.`,
        );
  },
  checkTemplate(resources) {
    const bad = ofType(resources, 'AWS::S3::Bucket').filter(([, b]) => {
      const p = propsOf(b);
      const versioning =
        (p.VersioningConfiguration as { Status?: unknown } | undefined)?.Status === 'Enabled';
      const rules = asArray((p.LifecycleConfiguration as { Rules?: unknown } | undefined)?.Rules);
      return !versioning || rules.length === 0;
    });
    return bad.length === 0
      ? passed('Every bucket has versioning enabled and lifecycle rules.')
      : failed(
          bad.map(([id]) => id),
          `${listNames(bad.map(([id, r]) => tagOf(r, 'Name') ?? id))} ${verb(bad.length, 'lacks', 'lack')} versioning or lifecycle rules.`,
        );
  },
  fixTopology(topology) {
    return mapNodes(topology, (n) =>
      n.kind === 's3-bucket' && (!n.versioning || n.lifecycle === null)
        ? { ...n, versioning: true, lifecycle: n.lifecycle ?? { ...LIFECYCLE[n.purpose] } }
        : n,
    );
  },
};
