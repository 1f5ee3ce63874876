import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { monthlyByService } from '../../../core/pricing/estimate';
import { buildProposal } from '../../../core/proposal/build-proposal';
import { formatUsd } from '../../../core/util/money';
import { findChromium, rasteriseSvgToPng } from '../../../main/services/pdf';
import { diagramFallbackPng, renderProposalDocx, svgSize } from '../../../main/services/proposal-docx';
import { GENERATED_AT, planExample } from '../../core/proposal/example-project';

/** The document's text: every w:t run joined, XML entities decoded. */
function documentText(xml: string): string {
  return [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)]
    .map((m) => m[1] ?? '')
    .join('')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

describe('renderProposalDocx', () => {
  it('holds every section of the PDF with the estimate’s figures, the diagram as SVG, and page numbers', async () => {
    const { project, analysis, prices } = await planExample();
    const model = buildProposal(project, analysis, prices.book.description, GENERATED_AT);
    const files = unzipSync(await renderProposalDocx(model));
    const xml = strFromU8(files['word/document.xml'] as Uint8Array);
    const text = documentText(xml);
    for (const section of model.contents) expect(text).toContain(`${section.number}  ${section.title}`);
    expect(text).toContain(formatUsd(analysis.estimate.totals.monthlyUsd));
    expect(text).toContain(formatUsd(analysis.estimate.totals.yearlyUsd));
    for (const s of monthlyByService(analysis.estimate)) expect(text).toContain(formatUsd(s.monthlyUsd));
    for (const row of model.sizing.rows) expect(text).toContain(row.server);
    for (const check of analysis.checks) expect(text).toContain(check.ruleId);
    expect(text).toContain('KFintech IQ Bot platform');
    // The diagram: an SVG in the package, on a landscape page.
    const media = Object.keys(files).filter((f) => f.startsWith('word/media/'));
    const svgs = media.filter((f) => f.endsWith('.svg'));
    expect(svgs).toHaveLength(1);
    expect(strFromU8(files[svgs[0] as string] as Uint8Array)).toBe(model.diagram.svg);
    expect(media.some((f) => f.endsWith('.png'))).toBe(true);
    expect(xml).toMatch(/<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"\/>/);
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"\/>/);
    const footers = Object.keys(files).filter((f) => /^word\/footer\d*\.xml$/.test(f));
    expect(footers.length).toBeGreaterThan(0);
    const footer = strFromU8(files[footers[0] as string] as Uint8Array);
    expect(footer).toContain('PAGE');
    expect(footer).toContain('NUMPAGES');
  });

  it('uses Letter paper when the proposal does', async () => {
    const { project, analysis, prices } = await planExample();
    const model = buildProposal(project, analysis, prices.book.description, GENERATED_AT, {
      paper: 'Letter',
    });
    const xml = strFromU8(unzipSync(await renderProposalDocx(model))['word/document.xml'] as Uint8Array);
    expect(xml).toMatch(/<w:pgSz w:w="12240" w:h="15840" w:orient="portrait"\/>/);
    expect(xml).not.toContain('w:w="11906"');
  });

  it('keeps user text as text: a customer called <script> & co', async () => {
    const { project, analysis, prices } = await planExample({ customer: '<script> & "co"' });
    const model = buildProposal(project, analysis, prices.book.description, GENERATED_AT);
    const xml = strFromU8(unzipSync(await renderProposalDocx(model))['word/document.xml'] as Uint8Array);
    expect(xml).not.toContain('<script>');
    expect(documentText(xml)).toContain('<script> & "co"');
  });
});

describe('renderProposalDocx with a drawn diagram', () => {
  it('carries the PNG it is given as the diagram’s fallback, and Chromium draws one that is not blank', async () => {
    const { project, analysis, prices } = await planExample();
    const model = buildProposal(project, analysis, prices.book.description, GENERATED_AT);
    const size = svgSize(model.diagram.svg);
    const drawn = findChromium() ? await rasteriseSvgToPng(model.diagram.svg, size.width, size.height) : null;
    const png = drawn ?? diagramFallbackPng(40, 30);
    if (drawn) {
      const view = new DataView(drawn.buffer, drawn.byteOffset);
      // 1.5× the diagram's own size, for print.
      expect(view.getUint32(16)).toBe(Math.ceil(size.width) * 1.5);
      // A drawn diagram compresses far worse than a blank frame of the same size.
      expect(drawn.length).toBeGreaterThan(
        10 * diagramFallbackPng(size.width * 1.5, size.height * 1.5).length,
      );
    }
    const files = unzipSync(await renderProposalDocx(model, { diagramPng: png }));
    const pngs = Object.keys(files).filter((f) => f.startsWith('word/media/') && f.endsWith('.png'));
    expect(pngs.some((f) => Buffer.from(files[f] as Uint8Array).equals(Buffer.from(png)))).toBe(true);
  }, 120_000);
});

describe('diagramFallbackPng and svgSize', () => {
  it('writes a PNG of the asked size', () => {
    const png = diagramFallbackPng(300, 120);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const view = new DataView(png.buffer, png.byteOffset);
    expect([view.getUint32(16), view.getUint32(20)]).toEqual([300, 120]);
  });

  it('reads the viewBox', () => {
    expect(svgSize('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1600 900.5">')).toEqual({
      width: 1600,
      height: 900.5,
    });
  });
});
