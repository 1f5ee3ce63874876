import { type Zippable, strToU8, zipSync } from 'fflate';
import type { CellValue } from './table';

/**
 * Builds a minimal, valid XLSX (Office Open XML) workbook: one worksheet part per sheet, a bold
 * header row, optional column widths, and strings either shared (as Excel writes them) or inline.
 * Deterministic: the same sheets give the same bytes (fixed timestamps), so generated samples can
 * be committed and checked.
 */
export interface WorkbookSheet {
  name: string;
  rows: readonly (readonly CellValue[])[];
  /** Column widths in characters, by column index. */
  widths?: readonly number[];
  /** Freeze the first row so the header stays visible. */
  freezeHeader?: boolean;
}

const FIXED_TIME = new Date(Date.UTC(2026, 0, 1, 0, 0, 0));

export function escapeXml(s: string): string {
  return (
    s
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      // XML 1.0 cannot carry control characters; OOXML escapes them as _xHHHH_.
      .replace(
        // eslint-disable-next-line no-control-regex -- matching them is the point
        /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g,
        (c) => `_x${c.charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()}_`,
      )
  );
}

/** 0 → "A", 27 → "AB". */
export function columnLetters(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

function sheetName(name: string): string {
  // Excel forbids []:*?/\ in sheet names and caps them at 31 characters.
  return name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31) || 'Sheet';
}

export function buildXlsx(
  sheets: readonly WorkbookSheet[],
  options: { sharedStrings?: boolean } = {},
): Uint8Array {
  const useShared = options.sharedStrings ?? true;
  const strings = new Map<string, number>();
  const stringList: string[] = [];
  const sharedIndex = (s: string): number => {
    let i = strings.get(s);
    if (i === undefined) {
      i = stringList.length;
      strings.set(s, i);
      stringList.push(s);
    }
    return i;
  };
  const files: Zippable = {};
  sheets.forEach((sheet, si) => {
    const out: string[] = [
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n',
      '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">',
    ];
    const width = sheet.rows.reduce((m, r) => Math.max(m, r.length), 0);
    if (sheet.rows.length > 0 && width > 0)
      out.push(`<dimension ref="A1:${columnLetters(width - 1)}${sheet.rows.length}"/>`);
    if (sheet.freezeHeader)
      out.push(
        '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>',
      );
    if (sheet.widths && sheet.widths.length > 0)
      out.push(
        `<cols>${sheet.widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`).join('')}</cols>`,
      );
    out.push('<sheetData>');
    sheet.rows.forEach((row, ri) => {
      const r = ri + 1;
      const cells: string[] = [];
      row.forEach((v, ci) => {
        if (v === null || v === '') return;
        const ref = `${columnLetters(ci)}${r}`;
        const style = ri === 0 ? ' s="1"' : '';
        if (typeof v === 'number') {
          if (Number.isFinite(v)) cells.push(`<c r="${ref}"${style}><v>${v}</v></c>`);
        } else if (typeof v === 'boolean') cells.push(`<c r="${ref}"${style} t="b"><v>${v ? 1 : 0}</v></c>`);
        else if (useShared) cells.push(`<c r="${ref}"${style} t="s"><v>${sharedIndex(v)}</v></c>`);
        else {
          const space = /^\s|\s$/.test(v) ? ' xml:space="preserve"' : '';
          cells.push(`<c r="${ref}"${style} t="inlineStr"><is><t${space}>${escapeXml(v)}</t></is></c>`);
        }
      });
      out.push(`<row r="${r}">${cells.join('')}</row>`);
    });
    out.push('</sheetData></worksheet>');
    files[`xl/worksheets/sheet${si + 1}.xml`] = [strToU8(out.join('')), { mtime: FIXED_TIME }];
  });
  const sheetEntries = sheets
    .map((s, i) => `<sheet name="${escapeXml(sheetName(s.name))}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
    .join('');
  const sheetRels = sheets
    .map(
      (_s, i) =>
        `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
    )
    .join('');
  const n = sheets.length;
  const xml = (s: string): [Uint8Array, { mtime: Date }] => [
    strToU8(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${s}`),
    { mtime: FIXED_TIME },
  ];
  files['[Content_Types].xml'] = xml(
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      sheets
        .map(
          (_s, i) =>
            `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
        )
        .join('') +
      '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
      (useShared
        ? '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
        : '') +
      '</Types>',
  );
  files['_rels/.rels'] = xml(
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
      '</Relationships>',
  );
  files['xl/workbook.xml'] = xml(
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
      `<sheets>${sheetEntries}</sheets></workbook>`,
  );
  files['xl/_rels/workbook.xml.rels'] = xml(
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      sheetRels +
      `<Relationship Id="rId${n + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
      (useShared
        ? `<Relationship Id="rId${n + 2}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>`
        : '') +
      '</Relationships>',
  );
  files['xl/styles.xml'] = xml(
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
      '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>' +
      '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
      '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
      '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>' +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
      '</styleSheet>',
  );
  if (useShared)
    files['xl/sharedStrings.xml'] = xml(
      `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${stringList.length}" uniqueCount="${stringList.length}">` +
        stringList
          .map((s) => `<si><t${/^\s|\s$/.test(s) ? ' xml:space="preserve"' : ''}>${escapeXml(s)}</t></si>`)
          .join('') +
        '</sst>',
    );
  return zipSync(files, { level: 6 });
}
