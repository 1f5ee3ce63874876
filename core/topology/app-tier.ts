import type { Server } from '../model/inventory';
import type { DesignContext } from './design-context';
import { SG } from './design-ids';
import { PATCHING_RULE, WORLD, fromSg, tcp } from './security-groups';

/**
 * Security groups of the tiers in front of the database, with explicit rules between them: the
 * internet reaches only the ALB (443; 80 only redirects), the control room only from the ALB and the
 * bot runners, nothing reaches a bot runner. The SQL Server pattern and the hybrid link add theirs.
 */
export function defineTierGroups(ctx: DesignContext, hasSql: boolean): void {
  const sgs = ctx.securityGroups;
  const toSql = hasSql ? [tcp(1433, fromSg(SG.sql), 'SQL Server')] : [];
  sgs.define({
    id: SG.alb,
    name: 'Load balancer',
    description: 'Internet-facing ALB: HTTPS in; HTTP only to redirect to HTTPS',
  });
  sgs.ingress(SG.alb, tcp(443, WORLD, 'HTTPS from users'), tcp(80, WORLD, 'HTTP, redirected to HTTPS'));
  sgs.egress(SG.alb, tcp(443, fromSg(SG.controlRoom), 'HTTPS to the control room targets'));
  sgs.define({
    id: SG.controlRoom,
    name: 'Control room',
    description: 'RPA control room: HTTPS from the ALB and the bot runners',
  });
  sgs.ingress(
    SG.controlRoom,
    tcp(443, fromSg(SG.alb), 'HTTPS from the load balancer'),
    tcp(443, fromSg(SG.bot), 'HTTPS from bot runners'),
  );
  sgs.egress(SG.controlRoom, ...toSql, PATCHING_RULE);
  sgs.define({
    id: SG.bot,
    name: 'Bot runners',
    description: 'RPA bot runners: no inbound; they call the control room',
  });
  // Bots call the control room on 443; the patching rule (443 anywhere) already covers it.
  sgs.egress(SG.bot, PATCHING_RULE);
  sgs.define({
    id: SG.app,
    name: 'Application servers',
    description: 'Other application servers: no inbound from the internet',
  });
  sgs.egress(SG.app, ...toSql, PATCHING_RULE);
}

function securityGroupFor(role: Server['role']): string {
  switch (role) {
    case 'bot':
      return SG.bot;
    case 'control-room':
      return SG.controlRoom;
    case 'sql':
      return SG.sql;
    case 'web':
    case 'app':
    case 'other':
      return SG.app;
  }
}

/**
 * Every server that is not a SQL Server becomes an instance in an app subnet; each role is spread
 * round-robin over the AZs, so losing an AZ leaves every role running. Returns node ids by role.
 */
export function addAppServers(ctx: DesignContext): Map<Server['role'], string[]> {
  const byRole = new Map<Server['role'], string[]>();
  const counters = new Map<string, number>();
  for (const server of ctx.inventory.servers) {
    if (server.role === 'sql') continue;
    const n = counters.get(server.role) ?? 0;
    counters.set(server.role, n + 1);
    const node = ctx.instance({
      id: `ec2-${server.id}`,
      name: server.name,
      server,
      serverId: server.id,
      zoneIndex: n % ctx.letters.length,
      tier: 'app',
      sqlEdition: server.sqlEdition,
      haRole: null,
      securityGroupIds: [securityGroupFor(server.role)],
    });
    const list = byRole.get(server.role) ?? [];
    list.push(node.id);
    byRole.set(server.role, list);
  }
  return byRole;
}
