/**
 * Writes the inventory samples in examples/ from one description of the estate (scripts/inventory-samples.ts):
 *   inventory-template.csv / .xlsx   the native template, as `archplan template` writes it
 *   migration-hub-import.csv         the estate as a Migration Hub import CSV
 *   rvtools-export.xlsx              the estate as an RVTools "Export all to Excel" (vInfo, vCPU, vMemory, vDisk, vMetaData)
 *   rvtools-export-csv/              the same tabs as "Export all to csv" (RVTools_tab*.csv)
 * Run: node --import tsx scripts/generate-inventory-samples.ts   (deterministic: the same bytes every time)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildInventoryTemplateCsv, buildInventoryTemplateXlsx } from '../core/inventory/template';
import { buildRvtoolsXlsx, exampleEstate, migrationHubCsv, rvtoolsCsvFiles } from './inventory-samples';

const examples = join(import.meta.dirname, '..', 'examples');
const estate = exampleEstate();
writeFileSync(join(examples, 'inventory-template.csv'), buildInventoryTemplateCsv());
writeFileSync(join(examples, 'inventory-template.xlsx'), buildInventoryTemplateXlsx());
writeFileSync(join(examples, 'migration-hub-import.csv'), migrationHubCsv(estate));
writeFileSync(join(examples, 'rvtools-export.xlsx'), buildRvtoolsXlsx(estate));
const csvDir = join(examples, 'rvtools-export-csv');
mkdirSync(csvDir, { recursive: true });
for (const f of rvtoolsCsvFiles(estate)) writeFileSync(join(csvDir, f.name), f.text);
process.stdout.write(`Wrote the inventory samples to ${examples}\n`);
