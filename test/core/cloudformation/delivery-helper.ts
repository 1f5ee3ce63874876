import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildDeliveryFiles,
  buildDeliveryStacks,
  type DeliveryAnalysis,
  type DeliveryFile,
  type DeliveryValidation,
} from '../../../core/cloudformation/delivery-files';
import { parseSpecIndex, type SpecIndex } from '../../../core/cloudformation/spec-index';
import type { Project } from '../../../core/project/schema';
import { ROOT } from '../../helpers/example';

export const README_TEMPLATE = readFileSync(join(ROOT, 'templates', 'delivery', 'README.md.hbs'), 'utf8');

let spec: SpecIndex | undefined;
/** The bundled spec index (templates/delivery/cfn-spec.json), as the app loads it. */
export function bundledSpec(): SpecIndex {
  if (!spec) {
    const parsed = parseSpecIndex(
      readFileSync(join(ROOT, 'templates', 'delivery', 'cfn-spec.json'), 'utf8'),
      'cfn-spec.json',
    );
    if (!parsed.ok) throw new Error(parsed.issues.map((i) => i.message).join('; '));
    spec = parsed.value;
  }
  return spec;
}

/** The delivery pack as the shells build it (without the cfn-lint step). */
export function deliveryFiles(
  project: Project,
  analysis: DeliveryAnalysis | null = null,
  validation: DeliveryValidation = { lines: [] },
): DeliveryFile[] {
  const stacks = buildDeliveryStacks(project, analysis?.checks ?? []);
  const files = buildDeliveryFiles(project, stacks, {
    readmeTemplate: README_TEMPLATE,
    analysis,
    validation,
  });
  if (!files.ok) throw new Error(files.issues.map((i) => i.message).join('; '));
  return files.value;
}

export const fileText = (files: readonly DeliveryFile[], path: string): string =>
  files.find((f) => f.path === path)?.content ?? '';

/** Everything a user could paste into a name field: quotes, YAML syntax, line breaks, a substitution, scripts, emoji, 300+ characters. */
export const HOSTILE = `Ac"me' Bank: #1 \${AWS::Region} — 東京 नमस्ते 🚀 naïve\nsecond line\r\n\ttab\u2028sep\u202Eevil\u0000nul - key: value [x] {y} & *z ! | > % @ \`tick\` <script> ${'x'.repeat(300)}`;

/** The project with hostile text in every name, description and tag the user controls. */
export function withHostileNames(base: Project): Project {
  return {
    ...base,
    project: { ...base.project, name: HOSTILE, customer: `${HOSTILE} customer` },
    topology: {
      ...base.topology,
      nodes: base.topology.nodes.map((n, i) => ({ ...n, name: `${i}: ${HOSTILE}` })),
      securityGroups: base.topology.securityGroups.map((g) => ({
        ...g,
        name: `${g.name} ${HOSTILE}`,
        description: `${g.description} ${HOSTILE}`,
        ingress: g.ingress.map((r) => ({ ...r, description: `${r.description} "${HOSTILE}"` })),
      })),
    },
  };
}
