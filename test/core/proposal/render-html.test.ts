import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildProposal } from '../../../core/proposal/build-proposal';
import {
  type ProposalTemplates,
  renderProposalHtml,
  renderProposalHtmlResult,
} from '../../../core/proposal/render-html';
import { formatUsd } from '../../../core/util/money';
import { GENERATED_AT, planExample } from './example-project';

/** The built-in templates, read straight from the repository. */
function builtInTemplates(): ProposalTemplates {
  const dir = 'templates/proposal';
  const partials: Record<string, string> = {};
  for (const f of readdirSync(join(dir, 'partials')))
    if (f.endsWith('.hbs')) partials[f.slice(0, -4)] = readFileSync(join(dir, 'partials', f), 'utf8');
  return {
    layout: readFileSync(join(dir, 'proposal.hbs'), 'utf8'),
    css: readFileSync(join(dir, 'proposal.css'), 'utf8'),
    partials,
  };
}

const HOSTILE = `<script>alert("x")</script> & 'Q'`;

describe('renderProposalHtml with the built-in templates', () => {
  it('renders every section, the totals and the diagram', async () => {
    const { project, analysis, prices } = await planExample();
    const model = buildProposal(project, analysis, prices.book.description, GENERATED_AT);
    const html = renderProposalHtml(builtInTemplates(), model);
    expect(html.startsWith('<!doctype html>')).toBe(true);
    for (const s of [
      model.summary,
      model.estate,
      model.sizing,
      model.diagram,
      model.costs,
      model.security,
      model.assumptions,
      model.nextSteps,
    ]) {
      expect(html).toContain(`<span class="section-number">${s.number}</span>${s.title}</h2>`);
    }
    expect(html).toContain(formatUsd(analysis.estimate.totals.monthlyUsd));
    // The SVG goes in as is: it was escaped by the diagram's own XML escaper.
    expect(html).toContain(model.diagram.svg);
    expect(html).toContain('<span class="tag tag-derived">derived</span>');
    expect(html).toContain('@page { size: A4; }');
    expect(html).toContain('@page landscape { size: A4 landscape; }');
  });

  it('escapes user text in the HTML and in the SVG', async () => {
    const { project, analysis, prices } = await planExample({
      name: HOSTILE,
      customer: `Tom & Jerry "Ltd" <b>`,
      preparedBy: `O'Brien`,
    });
    const renamed = {
      ...project,
      topology: {
        ...project.topology,
        nodes: project.topology.nodes.map((n) => (n.id === 'ec2-sqlprd01' ? { ...n, name: HOSTILE } : n)),
      },
    };
    const model = buildProposal(renamed, analysis, prices.book.description, GENERATED_AT);
    const html = renderProposalHtml(builtInTemplates(), model);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toContain('<b>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#x27;Q&#x27;');
    expect(html).toContain('Tom &amp; Jerry &quot;Ltd&quot; &lt;b&gt;');
    expect(html).toContain('O&#x27;Brien');
    // In the diagram, the same name is escaped by the SVG escaper.
    expect(html).toContain(
      '<title>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &apos;Q&apos;</title>',
    );
    expect(html).toContain(
      `<title>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#x27;Q&#x27; — AWS architecture proposal</title>`,
    );
  });

  it('asks for Letter paper when the model says so', async () => {
    const { project, analysis, prices } = await planExample();
    const html = renderProposalHtml(
      builtInTemplates(),
      buildProposal(project, analysis, prices.book.description, GENERATED_AT, { paper: 'Letter' }),
    );
    expect(html).toContain('@page { size: Letter; }');
    expect(html).toContain('<body class="paper-Letter">');
  });

  it('references nothing outside the document', async () => {
    const { project, analysis, prices } = await planExample();
    const html = renderProposalHtml(
      builtInTemplates(),
      buildProposal(project, analysis, prices.book.description, GENERATED_AT),
    );
    expect(html).not.toMatch(/\b(src|href)\s*=/i);
    expect(html).not.toMatch(/@import|url\(\s*['"]?(https?:|\/\/)/i);
    expect(html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:">`,
    );
  });
});

describe('renderProposalHtmlResult with user templates', () => {
  it('reports a field the view model does not have (strict mode) instead of printing nothing', async () => {
    const { project, analysis, prices } = await planExample();
    const model = buildProposal(project, analysis, prices.book.description, GENERATED_AT);
    const templates = { ...builtInTemplates() };
    templates.partials = { ...templates.partials, cover: '<h1>{{cover.projectTitle}}</h1>' };
    expect(() => renderProposalHtml(templates, model)).toThrow(/projectTitle/);
    const result = renderProposalHtmlResult(templates, model);
    expect(result.ok).toBe(false);
    expect(result.issues[0]).toMatchObject({ code: 'proposal.template-error', severity: 'error' });
    expect(result.issues[0]?.message).toContain('projectTitle');
  });

  it('names the file with a syntax error', async () => {
    const { project, analysis, prices } = await planExample();
    const model = buildProposal(project, analysis, prices.book.description, GENERATED_AT);
    const templates = builtInTemplates();
    const result = renderProposalHtmlResult(
      {
        ...templates,
        partials: { ...templates.partials, costs: '{{#each costs.byService}}<p>{{service}}</p>' },
      },
      model,
    );
    expect(result.ok).toBe(false);
    expect(result.issues[0]?.path?.file).toBe('partials/costs.hbs');
    expect(result.issues[0]?.message).toMatch(/^partials\/costs\.hbs is not a valid Handlebars template/);
  });

  it('renders a minimal custom layout', async () => {
    const { project, analysis, prices } = await planExample({ customer: 'A & B' });
    const model = buildProposal(project, analysis, prices.book.description, GENERATED_AT);
    const result = renderProposalHtmlResult(
      {
        layout: '<p>{{cover.customer}}: {{costs.totals.monthly}}</p>{{> extra}}',
        css: '',
        partials: { extra: '<i>{{meta.paper}}</i>' },
      },
      model,
    );
    expect(result).toEqual({
      ok: true,
      value: `<p>A &amp; B: ${model.costs.totals.monthly}</p><i>A4</i>`,
      issues: [],
    });
  });
});
