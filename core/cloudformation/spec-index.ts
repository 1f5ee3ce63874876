import type { Issue, Result } from '../model/issue';

/**
 * A compact index of the CloudFormation resource specification, cut from @aws-cdk/aws-service-spec
 * (db.json.gz, the registry schemas AWS publishes) down to the resource types this exporter writes:
 * property names, their types and which are required, and attribute names. `scripts/extract-cfn-spec.ts`
 * writes it to templates/delivery/cfn-spec.json so the packaged app validates without the 2.6 MB database.
 */

export type SpecType =
  | { t: 'string' | 'number' | 'integer' | 'boolean' | 'json' | 'date-time' | 'null' | 'tag' }
  | { t: 'ref'; ref: string }
  | { t: 'array' | 'map'; of: SpecType }
  | { t: 'union'; types: SpecType[] };

export interface SpecProperty {
  /** The current type first, then earlier ones CloudFormation still accepts. */
  types: SpecType[];
  required?: true;
}

export interface SpecResource {
  properties: Record<string, SpecProperty>;
  attributes: string[];
}

export interface SpecIndex {
  /** Where it came from, e.g. "@aws-cdk/aws-service-spec 0.1.216". */
  source: string;
  resources: Record<string, SpecResource>;
  /** Property types (nested structures), by id. */
  types: Record<string, { name: string; properties: Record<string, SpecProperty> }>;
}

/* The database's own shapes, only as far as the index reads them. */
interface DbType {
  type: string;
  element?: DbType;
  types?: DbType[];
  reference?: { $ref: string };
}
interface DbProperty {
  type: DbType;
  previousTypes?: DbType[];
  required?: boolean;
}
interface DbEntity {
  $id: string;
  name?: string;
  cloudFormationType?: string;
  properties?: Record<string, DbProperty>;
  attributes?: Record<string, unknown>;
}

const PRIMITIVES = new Set(['string', 'number', 'integer', 'boolean', 'json', 'date-time', 'null', 'tag']);

function entitiesOf(db: unknown, table: string): DbEntity[] {
  const schema = (db as { schema?: Record<string, { entities?: Record<string, DbEntity> }> }).schema;
  return Object.values(schema?.[table]?.entities ?? {});
}

/**
 * Builds the index from the parsed db.json of @aws-cdk/aws-service-spec for the given resource types,
 * following every nested property type they use. Unknown types are simply absent (the validator reports
 * them). Deterministic: keys come out sorted.
 */
export function buildSpecIndex(db: unknown, resourceTypes: readonly string[], source: string): SpecIndex {
  const typeDefs = new Map(entitiesOf(db, 'typeDefinition').map((e) => [e.$id, e]));
  const wanted = new Set(resourceTypes);
  const types: SpecIndex['types'] = {};
  const pending: string[] = [];

  const convert = (t: DbType): SpecType => {
    if (t.type === 'ref' && t.reference) {
      pending.push(t.reference.$ref);
      return { t: 'ref', ref: t.reference.$ref };
    }
    if ((t.type === 'array' || t.type === 'map') && t.element) return { t: t.type, of: convert(t.element) };
    if (t.type === 'union' && t.types) return { t: 'union', types: t.types.map(convert) };
    return { t: (PRIMITIVES.has(t.type) ? t.type : 'json') as 'json' };
  };
  const properties = (props: Record<string, DbProperty> | undefined): Record<string, SpecProperty> => {
    const out: Record<string, SpecProperty> = {};
    for (const name of Object.keys(props ?? {}).sort()) {
      const p = (props ?? {})[name] as DbProperty;
      out[name] = {
        types: [convert(p.type), ...(p.previousTypes ?? []).map(convert)],
        ...(p.required ? { required: true as const } : {}),
      };
    }
    return out;
  };

  const resources: SpecIndex['resources'] = {};
  const found = entitiesOf(db, 'resource')
    .filter((e) => e.cloudFormationType && wanted.has(e.cloudFormationType))
    .sort((a, b) => (a.cloudFormationType as string).localeCompare(b.cloudFormationType as string));
  for (const e of found)
    resources[e.cloudFormationType as string] = {
      properties: properties(e.properties),
      attributes: Object.keys(e.attributes ?? {}).sort(),
    };
  while (pending.length > 0) {
    const id = pending.pop() as string;
    if (id in types) continue;
    const def = typeDefs.get(id);
    types[id] = { name: def?.name ?? id, properties: {} };
    if (def) types[id] = { name: def.name ?? id, properties: properties(def.properties) };
  }
  const sortedTypes: SpecIndex['types'] = {};
  for (const id of Object.keys(types).sort((a, b) => Number(a) - Number(b) || a.localeCompare(b)))
    sortedTypes[id] = types[id] as SpecIndex['types'][string];
  return { source, resources, types: sortedTypes };
}

/** Reads a spec index file; a damaged file is an issue naming it, never a crash. */
export function parseSpecIndex(textIn: string, fileName: string): Result<SpecIndex> {
  const broken = (why: string): Result<SpecIndex> => ({
    ok: false,
    issues: [
      {
        code: 'cloudformation.spec-index-invalid',
        severity: 'error',
        message: `${fileName} is not a CloudFormation specification index: ${why}.`,
        hint: 'Reinstall Architecture Planner, or regenerate the file with `npm run extract:cfn-spec`.',
        path: { file: fileName },
      } satisfies Issue,
    ],
  });
  let value: unknown;
  try {
    value = JSON.parse(textIn);
  } catch (e) {
    return broken(e instanceof Error ? e.message : 'not JSON');
  }
  const v = value as Partial<SpecIndex> | null;
  if (!v || typeof v !== 'object' || typeof v.source !== 'string') return broken('no "source"');
  if (!v.resources || typeof v.resources !== 'object') return broken('no "resources"');
  if (!v.types || typeof v.types !== 'object') return broken('no "types"');
  return { ok: true, value: v as SpecIndex, issues: [] };
}
