/**
 * CloudFormation logical ids: alphanumeric, unique in the template, at most 255 characters. They are
 * derived from topology ids so a reader can find the node a resource came from: "ec2-sqlprd01" →
 * "Ec2Sqlprd01", "subnet-app-a" → "SubnetAppA".
 */

export const LOGICAL_ID_MAX = 255;
/** Room left for suffixes ("RecoveryAlarm", "IngressFromSgControlRoomTcp1433"…) and counters. */
const BASE_MAX = 120;

export function toLogicalId(id: string): string {
  const pascal = id
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part.length > 0)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
  const safe = pascal.length === 0 ? 'Resource' : /^[0-9]/.test(pascal) ? `R${pascal}` : pascal;
  return safe.slice(0, BASE_MAX);
}

/** Hands out unique logical ids in call order; the same inputs in the same order give the same ids. */
export class LogicalIds {
  private readonly taken = new Set<string>();
  private readonly byKey = new Map<string, string>();

  /** A fresh id from `base` (PascalCase alphanumerics): "Vpc", then "Vpc2"… */
  claim(base: string): string {
    const alnum = base.replace(/[^A-Za-z0-9]/g, '');
    const root = (alnum.length === 0 ? 'Resource' : /^[0-9]/.test(alnum) ? `R${alnum}` : alnum).slice(
      0,
      LOGICAL_ID_MAX - 6,
    );
    let id = root;
    for (let n = 2; this.taken.has(id.toLowerCase()); n++) id = `${root}${n}`;
    // Case-insensitive uniqueness: "Vpc" and "VPC" would be two ids that people (and some tools) confuse.
    this.taken.add(id.toLowerCase());
    return id;
  }

  /** Claims an id for a topology node or security group (derived from its id), remembered under `key`. */
  assign(key: string, sourceId: string): string {
    const existing = this.byKey.get(key);
    if (existing) return existing;
    const id = this.claim(toLogicalId(sourceId));
    this.byKey.set(key, id);
    return id;
  }

  of(key: string): string | undefined {
    return this.byKey.get(key);
  }
}
