import { RULES } from './catalog';
import { CATEGORY_LABELS, type SecurityRule } from './rule';

/** The README's rule table: one row per rule, in the checklist's order. */
export const RULE_TABLE_HEADER = [
  'Id',
  'Category',
  'Title',
  'Severity',
  'Mode',
  'FSBP',
  'CIS',
  'cfn_nag',
  'checkov',
];

const NONE = '–';
const list = (ids: readonly string[] | undefined): string => (ids && ids.length > 0 ? ids.join(', ') : NONE);

export function ruleTableRow(rule: SecurityRule): string[] {
  return [
    rule.id,
    CATEGORY_LABELS[rule.category],
    rule.title,
    rule.severity,
    rule.mode,
    list(rule.controls.fsbp),
    list(rule.controls.cis),
    list(rule.controls.cfnNag),
    list(rule.controls.checkov),
  ];
}

/** The whole table as Markdown (header, separator, rows). */
export function renderRuleTable(rules: readonly SecurityRule[] = RULES): string {
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  return [
    line(RULE_TABLE_HEADER),
    line(RULE_TABLE_HEADER.map(() => '---')),
    ...rules.map((r) => line(ruleTableRow(r))),
  ].join('\n');
}
