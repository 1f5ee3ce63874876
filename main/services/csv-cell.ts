/**
 * A CSV cell safe to open in a spreadsheet: quoted when needed, and prefixed with an apostrophe when it
 * starts with a character Excel or Sheets would run as a formula (=, +, -, @, tab, CR) — OWASP's advice
 * against CSV injection. Plain numbers keep their sign.
 */
export function csvCell(value: string | number | null | undefined): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text) && !/^[+-]?\d+(\.\d+)?$/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(cells: readonly (string | number | null | undefined)[]): string {
  return cells.map(csvCell).join(',');
}
