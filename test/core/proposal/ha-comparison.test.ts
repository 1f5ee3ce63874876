import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeProject } from '../../../core/plan/plan-project';
import { buildProposal } from '../../../core/proposal/build-proposal';
import { renderProposalHtml } from '../../../core/proposal/render-html';
import { ROOT, planExample } from '../../helpers/example';

const dir = join(ROOT, 'templates', 'proposal');
const templates = {
  layout: readFileSync(join(dir, 'proposal.hbs'), 'utf8'),
  css: readFileSync(join(dir, 'proposal.css'), 'utf8'),
  partials: Object.fromEntries(
    readdirSync(join(dir, 'partials')).map((f) => [
      f.replace(/\.hbs$/, ''),
      readFileSync(join(dir, 'partials', f), 'utf8'),
    ]),
  ),
};

describe('the proposal’s SQL Server high availability section', () => {
  it('compares the patterns after the architecture, naming the proposed one, when the analysis has them', async () => {
    const { project, prices } = await planExample();
    const analysis = analyzeProject(project, prices, { compareHaPatterns: true });
    const model = buildProposal(project, analysis, analysis.estimate.priceSource, '2026-11-23T09:00:00Z');
    expect(model.haComparison).toMatchObject({
      number: '5',
      anchor: 'sql-ha',
      title: 'SQL Server high availability',
    });
    expect(model.costs.number).toBe('6');
    expect(model.haComparison?.rows.map((r) => [r.title, r.delta])).toEqual([
      ['Always On availability group (Enterprise)', 'Proposed'],
      ['Basic availability group (Standard)', expect.stringMatching(/^-\$[\d,]+\.\d\d$/)],
      ['Failover cluster instance on FSx (Multi-AZ)', expect.stringMatching(/^[+-]\$[\d,]+\.\d\d$/)],
      ['Amazon RDS for SQL Server (Multi-AZ)', expect.stringMatching(/^[+-]\$[\d,]+\.\d\d$/)],
      ['Single instance with backups to S3 (not HA)', expect.stringMatching(/^-\$[\d,]+\.\d\d$/)],
    ]);
    expect(model.haComparison?.rows[4]).toMatchObject({ highlyAvailable: 'No', checksTone: 'bad' });
    const html = renderProposalHtml(templates, model);
    expect(html).toContain('id="sql-ha"');
    expect(html).toContain('Failover cluster instance on FSx (Multi-AZ)');
    expect(html.indexOf('id="sql-ha"')).toBeLessThan(html.indexOf('id="costs"'));
  });

  it('leaves the section out when the comparison was not computed, keeping the numbering', async () => {
    const { project, analysis } = await planExample();
    const model = buildProposal(project, analysis, analysis.estimate.priceSource, '2026-11-23T09:00:00Z');
    expect(model.haComparison).toBeNull();
    expect(model.costs.number).toBe('5');
    expect(renderProposalHtml(templates, model)).not.toContain('id="sql-ha"');
  });

  it('describes every pattern in the summary, and RDS-hosted servers in the sizing table', async () => {
    const { project, analysis } = await planExample({ sqlHa: 'rds-multi-az' });
    const model = buildProposal(project, analysis, analysis.estimate.priceSource, '2026-11-23T09:00:00Z');
    expect(model.summary.haPattern.label).toBe('Amazon RDS for SQL Server (Multi-AZ)');
    const sql = model.sizing.rows.filter((r) => r.role === 'SQL Server');
    expect(sql.map((r) => r.instanceType)).toEqual([
      expect.stringMatching(/^db\./),
      expect.stringMatching(/^db\./),
    ]);
    expect(sql[0]?.note).toContain('Runs on Amazon RDS for SQL Server');
    expect(sql[1]?.note).toContain('same RDS DB instance');
    const single = await planExample({ sqlHa: 'single-instance' });
    const rows = buildProposal(
      single.project,
      single.analysis,
      single.analysis.estimate.priceSource,
      '2026-11-23T09:00:00Z',
    ).sizing.rows;
    expect(rows.find((r) => r.server === 'SQLPRD02')).toMatchObject({
      instanceType: 'Not deployed',
      note: expect.stringContaining('run on SQLPRD01'),
    });
  });
});
