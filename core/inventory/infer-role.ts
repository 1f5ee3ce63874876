import type { ServerRole, SqlEdition } from '../model/inventory';

/**
 * Roles and SQL Server editions inferred from what inventory tools record: the server's name, its
 * operating system, the applications discovery found on it, and free text (RVTools annotations,
 * Migration Hub tags). Each inference says what it was based on, so the architect can check it in
 * the grid and override it.
 */

export interface RoleEvidence {
  name: string;
  os: string;
  applications: readonly string[];
  /** Annotation, notes or tags. */
  notes: string;
  sqlEdition: SqlEdition;
}

export interface InferredRole {
  role: ServerRole;
  /** "its applications include Microsoft SQL Server 2019 Enterprise", "its name" … */
  basis: string;
}

const SQL_APP = /\b(microsoft\s+)?sql\s*server\b|\bmssql/i;
const CONTROL_ROOM_APP =
  /control\s*room|\borchestrator\b|blue\s*prism\s+(application\s+server|interactive\s+client)|\brpa\s+(server|controller)\b/i;
const BOT_APP =
  /bot\s*(runner|agent|creator)|\bunattended\b|uipath\s+robot|\brobot\b|blue\s*prism\s+runtime|runtime\s+resource|power\s+automate\s+(desktop|machine)|\bdigital\s+worker\b/i;
const WEB_APP = /\biis\b|internet\s+information\s+services|\bnginx\b|\bapache\b|\btomcat\b|web\s*server/i;

/** Role names written in tags or annotations, e.g. "role:sql", "role=bot-runner". */
const ROLE_TAG = /\brole\s*[:=]\s*([a-z][a-z -]*)/i;

const ROLE_WORDS: Readonly<Record<string, ServerRole>> = {
  bot: 'bot',
  'bot-runner': 'bot',
  'bot runner': 'bot',
  runner: 'bot',
  robot: 'bot',
  'control-room': 'control-room',
  'control room': 'control-room',
  controlroom: 'control-room',
  orchestrator: 'control-room',
  sql: 'sql',
  mssql: 'sql',
  database: 'sql',
  db: 'sql',
  web: 'web',
  app: 'app',
  application: 'app',
  other: 'other',
};

/** A role word as the native CSV, tags and the grid write it; undefined if it is not one. */
export function roleFromWord(word: string): ServerRole | undefined {
  const w = word.trim().toLowerCase().replace(/_/g, '-');
  return ROLE_WORDS[w] ?? ROLE_WORDS[w.replace(/-/g, ' ')];
}

export function inferRole(e: RoleEvidence): InferredRole {
  if (e.sqlEdition === 'web' || e.sqlEdition === 'standard' || e.sqlEdition === 'enterprise')
    return { role: 'sql', basis: `its SQL Server ${e.sqlEdition} edition` };
  const tag = ROLE_TAG.exec(e.notes);
  const tagged = tag ? roleFromWord((tag[1] ?? '').split(/[,;]/)[0] ?? '') : undefined;
  if (tagged) return { role: tagged, basis: `the tag "${tag?.[0].trim()}"` };
  const app = (re: RegExp) => e.applications.find((a) => re.test(a));
  const sqlApp = app(SQL_APP);
  if (sqlApp && !/express/i.test(sqlApp)) return { role: 'sql', basis: `its application "${sqlApp}"` };
  const crApp = app(CONTROL_ROOM_APP);
  if (crApp) return { role: 'control-room', basis: `its application "${crApp}"` };
  const botApp = app(BOT_APP);
  if (botApp) return { role: 'bot', basis: `its application "${botApp}"` };
  const n = e.name.toLowerCase();
  if (/sql|db\d|[-_]db\b|database/.test(n)) return { role: 'sql', basis: 'its name' };
  if (/control.?room|\bcr\d|-cr-|ctrl/.test(n)) return { role: 'control-room', basis: 'its name' };
  if (/bot|runner|robot/.test(n)) return { role: 'bot', basis: 'its name' };
  const notes = e.notes;
  if (SQL_APP.test(notes) && !/express/i.test(notes)) return { role: 'sql', basis: 'its notes' };
  if (CONTROL_ROOM_APP.test(notes)) return { role: 'control-room', basis: 'its notes' };
  if (BOT_APP.test(notes)) return { role: 'bot', basis: 'its notes' };
  const webApp = app(WEB_APP);
  if (webApp) return { role: 'web', basis: `its application "${webApp}"` };
  if (/web|iis/.test(n)) return { role: 'web', basis: 'its name' };
  if (/app/.test(n)) return { role: 'app', basis: 'its name' };
  if (sqlApp)
    return {
      role: 'app',
      basis: `its application "${sqlApp}" (SQL Server Express runs beside an application)`,
    };
  return { role: 'other', basis: 'nothing in the file that names its role' };
}

const EDITION_WORDS: readonly [RegExp, SqlEdition][] = [
  [/\benterprise\b/i, 'enterprise'],
  [/\bstandard\b|\bstd\b/i, 'standard'],
  [/\bweb\b/i, 'web'],
  [/\bexpress\b/i, 'express'],
];

/**
 * The SQL Server edition named in an application or a note ("Microsoft SQL Server 2019 Standard");
 * null when none is named. Developer and Evaluation editions are not licensable in production and are
 * reported as such by the caller.
 */
export function inferSqlEdition(
  texts: readonly string[],
): { edition: SqlEdition; source: string } | { edition: null; source: string; unlicensable: true } | null {
  for (const t of texts) {
    if (!SQL_APP.test(t)) continue;
    if (/\b(developer|evaluation)\b/i.test(t)) return { edition: null, source: t, unlicensable: true };
    for (const [re, edition] of EDITION_WORDS) if (re.test(t)) return { edition, source: t };
  }
  return null;
}
