/** 10000 → "10,000"; locale-independent so output is the same on every machine. */
export function groupThousands(value: number | string): string {
  const [whole = '', frac] = String(value).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return frac !== undefined ? `${grouped}.${frac}` : grouped;
}
