import type { Result } from '../../core/model/issue';
import type { PaperSize } from '../../core/proposal/build-proposal';

/**
 * What every PDF printer of the proposal shares, whichever engine prints it: the desktop app prints
 * with Electron's own Chromium (main/print-to-pdf.ts), the CLI and the browser mode with a Chromium
 * already on the machine (main/services/pdf.ts). Both give the same pages: the paper size, the
 * backgrounds, and the same footer.
 */

export type { PaperSize };

export interface PdfWritten {
  file: string;
  bytes: number;
}

/** Prints proposal HTML to `outFile` (written atomically); an error value when it cannot. */
export type PrintPdf = (html: string, outFile: string, paper: PaperSize) => Promise<Result<PdfWritten>>;

/** Draws an SVG as a PNG of about `width` × `height` CSS pixels; null when it cannot (no browser). */
export type RasterisePng = (svg: string, width: number, height: number) => Promise<Uint8Array | null>;

/** The issue code a printer returns when there is no browser to print with: the PDF is skipped, not failed. */
export const PDF_NO_BROWSER = 'pdf.no-browser';

/** Chromium needs a header template when it draws a footer; an empty span draws nothing. */
export const HEADER_TEMPLATE = '<span></span>';

/** "Page X of Y" on the right and the document's <title> on the left (Chromium fills and escapes both). */
export const FOOTER_TEMPLATE =
  '<div style="width:100%;margin:0 12mm;display:flex;justify-content:space-between;font-family:Helvetica,Arial,\'Liberation Sans\',sans-serif;font-size:7.5pt;color:#5f6b7a;">' +
  '<span class="title"></span><span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>';
