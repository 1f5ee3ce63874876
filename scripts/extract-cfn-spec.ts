/**
 * Writes templates/delivery/cfn-spec.json: the CloudFormation resource specification from
 * @aws-cdk/aws-service-spec (a devDependency), cut to the resource types the exporter writes, so the
 * packaged app validates templates without the 2.6 MB database. Rerun after adding a resource type to
 * the exporter or upgrading the package (a test fails until then).
 * Run: node --import tsx scripts/extract-cfn-spec.ts
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { EXPORTED_RESOURCE_TYPES } from '../core/cloudformation/validate-template';
import { buildSpecIndexFromPackage } from '../main/services/cfn-spec';

const target = join(import.meta.dirname, '..', 'templates', 'delivery', 'cfn-spec.json');
const index = buildSpecIndexFromPackage(EXPORTED_RESOURCE_TYPES);
// Formatted as `prettier --check` expects, so the generated file passes the repository's checks.
writeFileSync(
  target,
  await format(JSON.stringify(index), { ...(await resolveConfig(target)), filepath: target }),
);
process.stdout.write(
  `Wrote ${target}: ${Object.keys(index.resources).length} resource types, ${Object.keys(index.types).length} property types (${index.source})\n`,
);
