import type { Issue } from '../model/issue';
import type { Project } from './schema';

/** Cross-references the schema cannot express: unique ids, parents and edge ends that exist. */
export function checkProjectIntegrity(project: Project): Issue[] {
  const issues: Issue[] = [];
  const err = (message: string, field: string): void => {
    issues.push({
      code: 'project.broken-reference',
      severity: 'error',
      message,
      hint: 'The file was edited by hand or damaged; restore it from a backup.',
      path: { field },
    });
  };
  const serverIds = new Set<string>();
  project.inventory.servers.forEach((s, i) => {
    if (serverIds.has(s.id)) err(`Server id "${s.id}" is used twice.`, `inventory.servers[${i}].id`);
    serverIds.add(s.id);
  });
  const nodeIds = new Set<string>();
  project.topology.nodes.forEach((n, i) => {
    if (nodeIds.has(n.id)) err(`Node id "${n.id}" is used twice.`, `topology.nodes[${i}].id`);
    nodeIds.add(n.id);
  });
  const sgIds = new Set(project.topology.securityGroups.map((g) => g.id));
  project.topology.nodes.forEach((n, i) => {
    if (n.parentId !== null && !nodeIds.has(n.parentId))
      err(`Node "${n.id}" sits in "${n.parentId}", which does not exist.`, `topology.nodes[${i}].parentId`);
    if (n.kind === 'ec2-instance' || n.kind === 'load-balancer') {
      n.securityGroupIds.forEach((g, j) => {
        if (!sgIds.has(g))
          err(
            `Node "${n.id}" uses security group "${g}", which does not exist.`,
            `topology.nodes[${i}].securityGroupIds[${j}]`,
          );
      });
    }
  });
  project.topology.edges.forEach((e, i) => {
    if (!nodeIds.has(e.source))
      err(`Edge "${e.id}" starts at "${e.source}", which does not exist.`, `topology.edges[${i}].source`);
    if (!nodeIds.has(e.target))
      err(`Edge "${e.id}" ends at "${e.target}", which does not exist.`, `topology.edges[${i}].target`);
  });
  return issues;
}
