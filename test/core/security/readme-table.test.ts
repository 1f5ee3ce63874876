import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../../core/security/catalog';
import { RULE_TABLE_HEADER, ruleTableRow } from '../../../core/security/rule-table';
import { ROOT } from '../../helpers/example';

/** The rows of the README's rule table, between its markers, as trimmed cells. */
function readmeTable(): string[][] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const match = /<!-- rule-table:start -->\n([\s\S]*?)\n<!-- rule-table:end -->/.exec(readme);
  if (!match?.[1]) throw new Error('README.md has no rule table between the rule-table markers');
  return match[1]
    .split('\n')
    .filter((l) => l.startsWith('|'))
    .map((l) =>
      l
        .slice(1, -1)
        .split('|')
        .map((c) => c.trim()),
    );
}

describe('README security checklist table', () => {
  it('lists every rule of the catalog, in order, with the same title, severity, mode and control ids', () => {
    const [header, separator, ...rows] = readmeTable();
    expect(header).toEqual(RULE_TABLE_HEADER);
    expect(separator?.every((c) => /^:?-{3,}:?$/.test(c))).toBe(true);
    expect(rows.map((r) => r[0])).toEqual(RULES.map((r) => r.id));
    for (const [i, rule] of RULES.entries()) expect(rows[i], rule.id).toEqual(ruleTableRow(rule));
  });

  it('states the rule count the catalog has', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(readme).toContain(`into ${RULES.length} rules in eight groups`);
  });
});
