import Handlebars from 'handlebars';
import type { Result } from '../model/issue';
import type { ProposalViewModel } from './build-proposal';

/** A proposal template set, read by the shell (main/services/templates.ts) and passed in as text. */
export interface ProposalTemplates {
  /** The page: proposal.hbs. Refers to the sections as partials ({{> cover}}). */
  layout: string;
  /** Partial name (file name without .hbs) → template text. */
  partials: Record<string, string>;
  /** proposal.css, placed in a <style> element by the layout ({{{css}}}). */
  css: string;
  /** @font-face rules with the fonts inlined as data: URLs ({{{fontCss}}}); empty for system fonts only. */
  fontCss?: string;
  /** brand.css from the architect's brand folder, placed after everything else ({{{brandCss}}}). */
  brandCss?: string;
}

/**
 * Renders the proposal HTML. Pure: templates come in as strings. Handlebars escapes every
 * {{value}} (so a customer called `<script>` prints as text); templates are compiled with
 * `strict: true`, so a misspelt field is an error instead of a silently empty cell.
 *
 * Values inserted unescaped with a triple-stash: the diagram and chart SVGs, which their builders
 * produce with every piece of text through their own XML escaper, and the stylesheets (the template
 * set's CSS, its inlined fonts, brand.css), which come from the same folders as the templates.
 *
 * Throws on a template error; use renderProposalHtmlResult for template folders the user supplied.
 */
export function renderProposalHtml(templates: ProposalTemplates, model: ProposalViewModel): string {
  const hb = Handlebars.create();
  const options = { strict: true, noEscape: false };
  for (const [name, source] of Object.entries(templates.partials)) {
    // Compiled here (not registered as text) so partials get the same strict options as the layout.
    hb.registerPartial(name, hb.compile(source, options));
  }
  return hb.compile(
    templates.layout,
    options,
  )({ ...model, css: templates.css, fontCss: templates.fontCss ?? '', brandCss: templates.brandCss ?? '' });
}

function firstLines(e: unknown): string {
  return e instanceof Error ? e.message.split('\n').slice(0, 4).join(' ') : String(e);
}

function templateIssue(message: string, file?: string): Result<string> {
  return {
    ok: false,
    issues: [
      {
        code: 'proposal.template-error',
        severity: 'error',
        message,
        hint: 'Fix the template (field names must match the proposal view model), or switch back to the built-in proposal template.',
        ...(file ? { path: { file } } : {}),
      },
    ],
  };
}

/** renderProposalHtml for user-supplied templates: a template mistake becomes an issue naming the file. */
export function renderProposalHtmlResult(
  templates: ProposalTemplates,
  model: ProposalViewModel,
): Result<string> {
  const sources: [string, string][] = [
    ['proposal.hbs', templates.layout],
    ...Object.entries(templates.partials).map(([name, src]): [string, string] => [
      `partials/${name}.hbs`,
      src,
    ]),
  ];
  for (const [file, source] of sources) {
    try {
      Handlebars.parse(source);
    } catch (e) {
      return templateIssue(`${file} is not a valid Handlebars template: ${firstLines(e)}`, file);
    }
  }
  try {
    return { ok: true, value: renderProposalHtml(templates, model), issues: [] };
  } catch (e) {
    return templateIssue(`The proposal template could not be rendered: ${firstLines(e)}`);
  }
}
