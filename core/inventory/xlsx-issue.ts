import type { Issue } from '../model/issue';
import type { XlsxError } from './xlsx-read';

const HINTS: Partial<Record<XlsxError['code'], string>> = {
  'zip.not-a-zip': 'Save the workbook from Excel as "Excel Workbook (*.xlsx)" and import it again.',
  'zip.corrupt': 'The file is damaged: export it again from the tool or re-save it in Excel.',
  'zip.encrypted': 'Remove the password (File → Info → Protect Workbook) and save it again.',
  'zip.entry-too-large': 'Export fewer columns or split the inventory into several files.',
  'zip.total-too-large':
    'Export only the sheets the import reads, or split the inventory into several files.',
  'xlsx.not-a-workbook': 'Save the workbook from Excel as "Excel Workbook (*.xlsx)" and import it again.',
  'xlsx.too-many-rows':
    'Delete rows below the data (Excel may have formatted a whole column) or split the file.',
  'xlsx.too-many-columns': 'Delete columns to the right of the data, or split the file.',
  'xlsx.too-many-cells': 'Export only the sheets and columns the import reads, or split the file.',
};

/** An XLSX/ZIP reading failure as a user-facing issue naming the sheet and row when known. */
export function xlsxIssue(error: XlsxError, fileName: string): Issue {
  return {
    code: error.code,
    severity: 'error',
    message: error.message,
    hint: HINTS[error.code] ?? 'Export the workbook again from the tool, or re-save it in Excel.',
    path: {
      file: error.sheet ? `${fileName}, sheet ${error.sheet}` : fileName,
      ...(error.row !== undefined ? { row: error.row } : {}),
    },
  };
}
