import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  buildDeliveryFiles,
  buildDeliveryStacks,
  checkTemplateInputs,
  renderDeliveryTemplates,
  stackFileName,
  checkStackLimits,
  validateDeliveryStacks,
  type DeliveryAnalysis,
  type DeliveryFile,
} from '../../core/cloudformation';
import { hasErrors, type Issue, type Result } from '../../core/model/issue';
import type { Project } from '../../core/project/schema';
import { resolveResourceDir } from './app-paths';
import type { LintCfn } from './cfn-lint';
import { loadSpecIndex } from './cfn-spec';
import { describeFileError, errorCode } from './file-errors';

/**
 * The CloudFormation delivery pack, built and checked in memory before anything is written: the
 * project's own check (dangling references, the CloudFormation specification) always, cfn-lint when a
 * linter is given and installed. An error from either stops the export with issues naming the resource.
 */

export const README_TEMPLATE_FILE = 'README.md.hbs';

export function deliveryTemplateDir(): string {
  return join(resolveResourceDir('templates'), 'delivery');
}

async function readReadmeTemplate(): Promise<Result<string>> {
  const file = join(deliveryTemplateDir(), README_TEMPLATE_FILE);
  try {
    return { ok: true, value: await readFile(file, 'utf8'), issues: [] };
  } catch (e) {
    if (errorCode(e) === undefined) throw e;
    return {
      ok: false,
      issues: [
        {
          code: 'cloudformation.readme-template-unreadable',
          severity: 'error',
          message: `Cannot read the delivery README template ${file}: ${describeFileError(e)}.`,
          hint: 'Reinstall Architecture Planner.',
          path: { file },
        },
      ],
    };
  }
}

export interface CloudFormationPackOptions {
  /** Sizing, estimate and checklist for the README (and suppression metadata); left out when absent. */
  analysis?: DeliveryAnalysis | null;
  /** cfn-lint runner; without one only the built-in check runs (the README says so). */
  lint?: LintCfn;
}

/** The files of the cloudformation/ folder, or the issues that stop the export. Warnings come with the files. */
export async function buildCloudFormationPack(
  project: Project,
  options: CloudFormationPackOptions = {},
): Promise<Result<DeliveryFile[]>> {
  const inputs = checkTemplateInputs(project);
  if (hasErrors(inputs)) return { ok: false, issues: inputs };
  const spec = await loadSpecIndex();
  if (!spec.ok) return { ok: false, issues: [...inputs, ...spec.issues] };
  const readmeTemplate = await readReadmeTemplate();
  if (!readmeTemplate.ok) return { ok: false, issues: [...inputs, ...readmeTemplate.issues] };

  const stacks = buildDeliveryStacks(project, options.analysis?.checks ?? []);
  const templates = stacks.stacks.length + 1;
  const specIssues = validateDeliveryStacks(stacks, spec.value);
  if (hasErrors(specIssues)) return { ok: false, issues: [...inputs, ...specIssues] };
  const limitIssues = checkStackLimits(stacks);
  const validation = [
    `Built-in check against the CloudFormation resource specification (${spec.value.source}) and for dangling Ref, GetAtt, Sub and DependsOn: no errors in ${templates} templates.`,
    ...limitIssues.map((i) => `**Warning:** ${i.message} ${i.hint}`),
  ];

  const rendered = renderDeliveryTemplates(stacks);
  const lintIssues: Issue[] = [];
  let cfnLintRan = false;
  if (options.lint) {
    const lint = await options.lint(rendered, project.topology.region);
    if (lint.status === 'not-installed') {
      validation.push(
        'cfn-lint is not installed on the machine that exported: run `cfn-lint *.yaml` before deploying.',
      );
    } else {
      if (hasErrors(lint.issues)) return { ok: false, issues: [...inputs, ...lint.issues] };
      lintIssues.push(...lint.issues);
      cfnLintRan = true;
      const warnings = lint.issues.length;
      validation.push(
        `${lint.version}: no errors${warnings > 0 ? `, ${warnings} warning${warnings === 1 ? '' : 's'}` : ', no warnings'} in ${stacks.stacks.map((s) => `\`${stackFileName(stacks.stacks, s)}\``).join(', ')} and \`template.yaml\`.`,
      );
    }
  } else {
    validation.push('cfn-lint was not run by this export: run `cfn-lint *.yaml` before deploying.');
  }
  const files = buildDeliveryFiles(project, stacks, {
    readmeTemplate: readmeTemplate.value,
    analysis: options.analysis ?? null,
    validation: { lines: validation, cfnLintRan },
    rendered,
  });
  if (!files.ok) return files;
  return { ok: true, value: files.value, issues: [...inputs, ...limitIssues, ...lintIssues] };
}
