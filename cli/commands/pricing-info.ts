import type { ParsedArgs } from '../args';
import { availableRegions, loadSnapshot } from '../context';
import { EXIT, usageError } from '../errors';

export function runPricing(args: ParsedArgs): number {
  const [sub, ...extra] = args.positionals;
  if (sub !== 'info' || extra.length > 0)
    throw usageError(
      `Unknown pricing command "${[sub, ...extra].join(' ')}".`,
      'Use: archplan pricing info [--region <code>]',
    );
  const regions = typeof args.values.region === 'string' ? [args.values.region] : availableRegions();
  const infos = regions.map((region) => {
    const s = loadSnapshot(region);
    const derived = s.products.filter((p) => p.provenance.derived !== null).length;
    return {
      region: s.region,
      location: s.location,
      pricesAsOf: s.builtAt,
      products: s.products.length,
      derivedProducts: derived,
      instanceTypes: s.instanceTypes.length,
      sources: s.sources,
      derivationRules: s.derivationRules,
    };
  });
  if (args.values.json) {
    process.stdout.write(`${JSON.stringify(infos, null, 2)}\n`);
    return EXIT.ok;
  }
  for (const i of infos) {
    process.stdout.write(
      `${i.region} (${i.location}): bundled snapshot, prices as of ${i.pricesAsOf.slice(0, 10)}; ${i.products} prices (${i.derivedProducts} derived), ${i.instanceTypes} instance types\n`,
    );
    for (const s of i.sources)
      process.stdout.write(
        `  ${s.id.padEnd(14)} published ${s.publishedAt?.slice(0, 10) ?? 'unknown'}  ${s.description}\n`,
      );
    for (const r of i.derivationRules) process.stdout.write(`  derived (${r.id}): ${r.text}\n`);
  }
  return EXIT.ok;
}
