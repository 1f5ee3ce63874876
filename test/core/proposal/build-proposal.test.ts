import { describe, expect, it } from 'vitest';
import type { PriceBook } from '../../../core/pricing/price-book';
import { analyzeProject } from '../../../core/plan/plan-project';
import { monthlyByResource } from '../../../core/pricing/estimate';
import { buildProposal } from '../../../core/proposal/build-proposal';
import { Money, formatUsd, sum } from '../../../core/util/money';
import { GENERATED_AT, exampleInventory, planExample } from './example-project';

/** "$15,761.08" (or "$4,124.08 + unpriced" for a resource with an unpriced line) → Money, to add printed figures back up. */
function parseUsd(text: string): Money {
  if (text === 'No price') return new Money(0);
  const m = /^\$([\d,]+\.\d{2})( \+ unpriced)?$/.exec(text);
  if (!m) throw new Error(`not a printed dollar amount: ${text}`);
  return new Money((m[1] as string).replace(/,/g, ''));
}

describe('buildProposal', () => {
  it('prints the estimate’s totals exactly, and its parts add up to them', async () => {
    const { project, analysis, prices } = await planExample();
    const model = buildProposal(project, analysis, prices.book.description, GENERATED_AT);
    const monthly = formatUsd(analysis.estimate.totals.monthlyUsd);
    expect(monthly).toMatch(/^\$[\d,]+\.\d{2}$/);
    expect(model.costs.totals.monthly).toBe(monthly);
    expect(model.costs.totals.yearly).toBe(formatUsd(analysis.estimate.totals.yearlyUsd));
    expect(model.summary.keyFigures[0]?.value).toBe(monthly);
    expect(model.summary.paragraphs.join(' ')).toContain(`${monthly} a month`);
    expect(sum(model.costs.byService.map((s) => parseUsd(s.monthly))).toFixed(2)).toBe(
      analysis.estimate.totals.monthlyUsd,
    );
    expect(sum(model.costs.byResource.map((r) => parseUsd(r.monthly))).toFixed(2)).toBe(
      analysis.estimate.totals.monthlyUsd,
    );
    const lines = model.costs.byResource.flatMap((r) => r.lines);
    expect(lines).toHaveLength(analysis.estimate.lines.length);
    expect(sum(lines.map((l) => parseUsd(l.monthly))).toFixed(2)).toBe(analysis.estimate.totals.monthlyUsd);
  });

  it('shows each line as quantity × unit price with its source and publication date', async () => {
    const { project, analysis, prices } = await planExample();
    const model = buildProposal(project, analysis, prices.book.description, GENERATED_AT);
    const bot = model.costs.byResource.find((r) => r.resourceName === 'IQBOT-PRD-01');
    const usage = bot?.lines.find((l) => l.component.startsWith('Instance usage'));
    const priced = analysis.estimate.lines.find(
      (l) => l.resourceName === 'IQBOT-PRD-01' && l.component.startsWith('Instance usage'),
    );
    expect(priced?.unitPriceUsd).toMatch(/^\d/);
    expect(usage).toMatchObject({
      quantity: '730 hours',
      unitPrice: `$${priced?.unitPriceUsd} per hour`,
      monthly: formatUsd(priced?.monthlyUsd ?? '0'),
      priced: true,
      derived: true,
    });
    expect(usage?.derivation).toMatch(
      /^ec2-license-included: Linux [\d.]+\/h .*\+ 8 vCPU × 0\.046\/vCPU-h \(Windows licence rate\)/,
    );
    const source = model.costs.sources.find((s) => s.ref === usage?.sourceRef);
    expect(source).toMatchObject({ file: 'ec2/ap-south-1-ondemand.json', publishedAt: '4 April 2025' });
    const kms = model.costs.byResource.find((r) => r.service === 'AWS KMS');
    expect(kms?.lines[0]).toMatchObject({ quantity: '1 month', unitPrice: '$1 per month' });
    // Unit prices are never rounded to cents.
    expect(
      model.costs.byResource.flatMap((r) => r.lines).some((l) => l.unitPrice === '$0.0000004 per request'),
    ).toBe(true);
    expect(model.costs.derivationRules.map((r) => r.id)).toContain('ec2-license-included');
    expect(model.costs.derivationRules[0]?.text).toContain('Linux On-Demand price + vCPU');
    expect(model.assumptions.derivationRules).toEqual(model.costs.derivationRules);
    const derivedLines = model.costs.byResource.flatMap((r) => r.lines).filter((l) => l.derived).length;
    expect(derivedLines).toBe(analysis.estimate.totals.linesWithDerivedPrice);
  });

  it('flags a line without a price and never prints it as $0.00', async () => {
    const { project, prices } = await planExample();
    // A price book that has lost KMS: the line must stay, flagged, and the totals become a lower bound.
    const book: PriceBook = {
      ...prices.book,
      region: prices.book.region,
      description: prices.book.description,
      lookup: (f) => (f.serviceCode === 'awskms' ? null : prices.book.lookup(f)),
    };
    const analysis = analyzeProject(project, { ...prices, book });
    // Every KMS line (two keys, two lines each) on top of what the full book already leaves unpriced.
    const unpriced =
      analyzeProject(project, prices).estimate.totals.linesWithoutPrice +
      analysis.estimate.lines.filter((l) => l.service === 'AWS KMS').length;
    expect(analysis.estimate.totals.linesWithoutPrice).toBe(unpriced);
    const model = buildProposal(project, analysis, book.description, GENERATED_AT);
    const kms = model.costs.byResource.find((r) => r.service === 'AWS KMS');
    expect(kms?.monthly).toBe('No price');
    for (const line of kms?.lines ?? []) {
      expect(line).toMatchObject({ priced: false, monthly: 'No price', unitPrice: '—' });
      expect(line.missingPrice).toMatch(/awskms|KMS/);
    }
    expect(model.costs.isLowerBound).toBe(true);
    expect(model.costs.lowerBoundNote).toMatch(new RegExp(`${unpriced} cost lines had no price`));
    expect(model.costs.totals.monthly).toBe(formatUsd(analysis.estimate.totals.monthlyUsd));
    expect(model.summary.keyFigures[0]?.note).toMatch(/lower bound/);
    expect(model.nextSteps.items.map((s) => s.title)).toContain('Complete the price list');
  });

  it('keeps user text raw (escaping is the template’s job) and fills the cover', async () => {
    const name = `<script>alert("x")</script> & 'Q'`;
    const { project, analysis, prices } = await planExample({
      name,
      customer: 'A & B <Ltd>',
      preparedBy: '"Quoted" Partner',
    });
    const model = buildProposal(project, analysis, prices.book.description, GENERATED_AT, {
      paper: 'Letter',
    });
    expect(model.cover).toMatchObject({
      projectName: name,
      customer: 'A & B <Ltd>',
      preparedBy: '"Quoted" Partner',
      date: '23 November 2026',
      region: 'ap-south-1',
    });
    expect(model.meta).toMatchObject({
      paper: 'Letter',
      documentTitle: `${name} — AWS architecture proposal`,
      generatedAt: GENERATED_AT,
    });
    expect(model.summary.paragraphs[0]).toContain('A & B <Ltd>’s 14 servers');
  });

  it('numbers the sections in print order', async () => {
    const { project, analysis, prices } = await planExample();
    const m = buildProposal(project, analysis, prices.book.description, GENERATED_AT);
    const sections = [
      m.summary,
      m.estate,
      m.sizing,
      m.diagram,
      m.costs,
      m.security,
      m.assumptions,
      m.nextSteps,
    ];
    expect(sections.map((s) => `${s.number} ${s.title}`)).toEqual([
      '1 Executive summary',
      '2 Current estate',
      '3 Sizing',
      '4 Architecture',
      '5 Cost breakdown',
      '6 Security posture',
      '7 Assumptions',
      '8 Next steps',
    ]);
  });

  it('summarises the current estate by role', async () => {
    const { project, analysis, prices } = await planExample();
    const m = buildProposal(project, analysis, prices.book.description, GENERATED_AT);
    expect(m.estate.rows.map((r) => [r.role, r.servers, r.vcpu, r.memoryGib])).toEqual([
      ['RPA control room', '2', '16', '64'],
      ['RPA bot runners', '10', '64', '160'],
      ['SQL Server', '2', '32', '256'],
    ]);
    expect(m.estate.total).toMatchObject({
      servers: '14',
      vcpu: '112',
      memoryGib: '480',
      storageGib: '4,980',
      measured: '13 of 14',
    });
    expect(m.estate.rows[2]).toMatchObject({ cpuP95: '30%', memoryP95: '89.5%' });
    expect(m.estate.notes.join(' ')).toContain('IQBOT-PRD-10');
    expect(m.estate.source).toBe('Source: rpa-estate.csv, imported 23 November 2026.');
  });

  it('lists every server with the instance actually deployed and its hourly price', async () => {
    const { project, analysis, prices } = await planExample();
    const m = buildProposal(project, analysis, prices.book.description, GENERATED_AT);
    expect(m.sizing.rows).toHaveLength(14);
    for (const node of project.topology.nodes) {
      if (node.kind !== 'ec2-instance') continue;
      const row = m.sizing.rows.find((r) => r.server === node.name);
      expect(row?.instanceType, node.name).toBe(node.instanceType);
    }
    const bot = m.sizing.rows.find((r) => r.server === 'IQBOT-PRD-01');
    const botSizing = analysis.sizing.find((s) => s.server === 'IQBOT-PRD-01');
    expect(bot).toMatchObject({
      current: '8 vCPU · 16 GiB',
      required: '7 vCPU · 15 GiB',
      instanceType: botSizing?.chosen?.instanceType,
      hourlyPrice: `$${botSizing?.chosen?.hourlyUsd}`,
      derivedPrice: true,
      utilization: 'p95: 58% CPU, 72% mem.',
    });
    // The secondary is sized smaller, but an availability group's replicas must match the primary.
    const primaryType = project.topology.nodes.find((n) => n.id === 'ec2-sqlprd01');
    const secondary = m.sizing.rows.find((r) => r.server === 'SQLPRD02');
    if (primaryType?.kind !== 'ec2-instance') throw new Error('no SQL primary');
    expect(secondary?.instanceType).toBe(primaryType.instanceType);
    expect(secondary?.note).toMatch(
      new RegExp(`Deployed as ${primaryType.instanceType.replace('.', '\\.')}, not `),
    );
  });

  it('adds a row for the replica the design adds to a lone SQL Server', async () => {
    const inventory = exampleInventory();
    const { project, analysis, prices } = await planExample(
      {},
      {},
      { ...inventory, servers: inventory.servers.filter((s) => s.name !== 'SQLPRD02') },
    );
    const m = buildProposal(project, analysis, prices.book.description, GENERATED_AT);
    const replica = m.sizing.rows.find((r) => r.server === 'SQLPRD01 replica');
    const primary = project.topology.nodes.find((n) => n.kind === 'ec2-instance' && n.name === 'SQLPRD01');
    expect(replica).toMatchObject({
      current: 'New',
      instanceType: primary?.kind === 'ec2-instance' ? primary.instanceType : '?',
    });
    expect(replica?.rationale).toMatch(/Added by the design/);
    expect(m.summary.keyFigures.find((k) => k.label === 'Servers')).toMatchObject({
      value: '13',
      note: '14 EC2 instances in the design',
    });
  });

  it('states the HA pattern and says plainly when SQL Server is not highly available', async () => {
    const ag = await planExample();
    expect(
      buildProposal(ag.project, ag.analysis, ag.prices.book.description, GENERATED_AT).summary.haPattern
        .label,
    ).toBe('SQL Server Always On availability group');
    const single = await planExample({}, { sqlHa: 'single-instance' });
    const m = buildProposal(single.project, single.analysis, single.prices.book.description, GENERATED_AT);
    expect(m.summary.haPattern.label).toBe('Single SQL Server instance');
    expect(m.summary.haPattern.description).toMatch(/not highly available/);
    expect(m.security.checks.find((c) => c.ruleId === 'RES-01')).toMatchObject({
      status: 'fail',
      statusLabel: 'Fail',
    });
    expect(m.summary.security.tone).toBe('bad');
    // The count follows the rule catalogue (which grows); the headline states it as the checks have it.
    const failing = single.analysis.checks.filter((c) => c.status === 'fail').length;
    const automatic = single.analysis.checks.filter((c) => c.status !== 'manual').length;
    expect(m.summary.security.headline).toMatch(
      new RegExp(`^${failing} checks? of ${automatic} fails? \\(\\d+ critical or high\\)`),
    );
    expect(m.nextSteps.items[0]?.title).toBe('Close the failing security checks');
  });

  it('shows an accepted risk with its owner, review date and justification', async () => {
    const { project, prices } = await planExample({}, { sqlHa: 'single-instance' });
    const suppressed = {
      ...project,
      suppressions: [
        {
          ruleId: 'RES-01',
          resourceIds: [],
          justification: 'Nightly batch only; a 4-hour restore is agreed',
          owner: 'Head of IT <ops@kfin>',
          reviewBy: '2027-03-31',
        },
      ],
    };
    const analysis = analyzeProject(suppressed, prices);
    const m = buildProposal(suppressed, analysis, prices.book.description, GENERATED_AT);
    expect(m.security.checks.find((c) => c.ruleId === 'RES-01')).toMatchObject({
      status: 'suppressed',
      statusLabel: 'Accepted risk',
      suppression:
        'Accepted by Head of IT <ops@kfin> until 31 March 2027: Nightly batch only; a 4-hour restore is agreed',
    });
    expect(m.summary.security.headline).toMatch(
      /and 1 is an accepted risk, documented with an owner and a review date/,
    );
    expect(m.security.suppressions).toEqual([
      expect.objectContaining({
        ruleId: 'RES-01',
        justification: 'Nightly batch only; a 4-hour restore is agreed',
        owner: 'Head of IT <ops@kfin>',
        reviewBy: '31 March 2027',
      }),
    ]);
  });

  it('shows an account setting the customer confirmed, with who signed it off, when and how', async () => {
    const { project, prices } = await planExample();
    const attested: typeof project = {
      ...project,
      attestations: [
        {
          ruleId: 'IAM-03',
          signedBy: 'R. Iyer, KFin IT security',
          date: '2026-11-20',
          note: 'Credential report reviewed in the workshop: MFA on all 14 console users',
        },
      ],
    };
    const analysis = analyzeProject(attested, prices);
    const m = buildProposal(attested, analysis, prices.book.description, GENERATED_AT);
    expect(m.security.checks.find((c) => c.ruleId === 'IAM-03')).toMatchObject({
      status: 'pass',
      attestation:
        'Confirmed by R. Iyer, KFin IT security on 20 November 2026: Credential report reviewed in the workshop: MFA on all 14 console users',
    });
    expect(m.security.attestations).toEqual([
      {
        ruleId: 'IAM-03',
        title: 'MFA for every privileged and console user',
        statement: 'Credential report reviewed in the workshop: MFA on all 14 console users',
        signedBy: 'R. Iyer, KFin IT security',
        date: '20 November 2026',
      },
    ]);
  });

  it('reports the security posture with status, severity and controls', async () => {
    const { project, analysis, prices } = await planExample();
    const m = buildProposal(project, analysis, prices.book.description, GENERATED_AT);
    expect(m.security.checks).toHaveLength(analysis.checks.length);
    const net05 = m.security.checks.find((c) => c.ruleId === 'NET-05');
    expect(net05).toMatchObject({ status: 'pass', severityLabel: 'Critical' });
    expect(net05?.controls).toMatch(/AWS FSBP EC2\.\d+/);
    expect(m.security.checks.find((c) => c.ruleId === 'IAM-03')).toMatchObject({
      status: 'manual',
      statusLabel: 'To confirm',
    });
    const count = (s: string) => analysis.checks.filter((c) => c.status === s).length;
    expect(m.security.counts.map((c) => `${c.label} ${c.value}`)).toEqual([
      `Pass ${count('pass')}`,
      `Fail ${count('fail')}`,
      `To confirm ${count('manual')}`,
      `Accepted risk ${count('suppressed')}`,
    ]);
    expect(m.summary.security.tone).toBe(count('fail') > 0 ? 'bad' : 'attention');
  });

  it('states the assumptions: 730 hours, the price source and its date', async () => {
    const { project, analysis, prices } = await planExample();
    const m = buildProposal(project, analysis, prices.book.description, GENERATED_AT);
    expect(m.assumptions.hoursPerMonth).toBe('730');
    // Usage figures (traffic, volumes) are in the usage table with their origin; the rest are listed.
    const unstated = analysis.estimate.assumptions.filter(
      (a) =>
        !m.assumptions.items.includes(a) && !m.assumptions.usage.rows.some((r) => a.startsWith(r.figure)),
    );
    expect(unstated).toEqual([]);
    expect(m.assumptions.usage.rows.length).toBeGreaterThan(10);
    expect(m.assumptions.items.some((i) => i.startsWith('730 hours a month'))).toBe(true);
    expect(m.assumptions.priceSource).toMatch(/snapshot built \d{1,2} [A-Z][a-z]+ \d{4}/);
    const live = buildProposal(
      project,
      analysis,
      {
        ...prices.book.description,
        kind: 'live',
        fetchedAt: '2026-11-20T08:00:00Z',
        endpoint: 'AWS Price List API',
        servicesFetched: ['AmazonEC2'],
        servicesFailed: [],
      },
      GENERATED_AT,
    );
    expect(live.assumptions.priceSource).toBe('AWS Price List API for ap-south-1, fetched 20 November 2026.');
    expect(live.nextSteps.items.map((s) => s.title)).not.toContain('Confirm prices before ordering');
  });

  it('embeds the diagram with every resource and shows service shares', async () => {
    const { project, analysis, prices } = await planExample();
    const m = buildProposal(project, analysis, prices.book.description, GENERATED_AT);
    expect(m.diagram.svg).toMatch(/^<svg /);
    const sqlMonthly = monthlyByResource(analysis.estimate).get('ec2-sqlprd01');
    expect(m.diagram.svg).toContain(`${formatUsd(sqlMonthly ?? '0')} / month`);
    expect(m.costs.byService[0]).toMatchObject({
      service: 'Amazon EC2',
      share: expect.stringMatching(/^\d+\.\d%$/),
    });
    expect(m.costs.byService.find((s) => s.service === 'AWS KMS')?.share).toBe('<0.1%');
  });
});
