import type { Inventory, ServerRole, SqlEdition } from '../model/inventory';
import { SERVER_ROLES, SQL_EDITIONS } from '../model/inventory';

/** What the architect can change about a server in the inventory grid. */
export interface ServerEdit {
  role?: ServerRole;
  sqlEdition?: SqlEdition;
  /** An instance type to pin, or null to let sizing choose again. */
  pinnedInstanceType?: string | null;
}

const INSTANCE_TYPE = /^[a-z0-9-]+\.[a-z0-9-]+$/;

/**
 * Applies a grid edit to one server and returns a new inventory (the old one is untouched); returns
 * the same inventory when nothing changes or the server is unknown. A role the architect sets is no
 * longer "inferred".
 */
export function editServer(inventory: Inventory, serverId: string, edit: ServerEdit): Inventory {
  const index = inventory.servers.findIndex((s) => s.id === serverId);
  const server = inventory.servers[index];
  if (!server) return inventory;
  const next = { ...server };
  let changed = false;
  if (edit.role !== undefined && SERVER_ROLES.includes(edit.role) && edit.role !== server.role) {
    next.role = edit.role;
    next.roleInferred = false;
    changed = true;
  }
  if (
    edit.sqlEdition !== undefined &&
    SQL_EDITIONS.includes(edit.sqlEdition) &&
    edit.sqlEdition !== server.sqlEdition
  ) {
    next.sqlEdition = edit.sqlEdition;
    changed = true;
  }
  if (edit.pinnedInstanceType !== undefined) {
    const pin =
      edit.pinnedInstanceType === null || edit.pinnedInstanceType === '' ? null : edit.pinnedInstanceType;
    if (pin !== server.pinnedInstanceType && (pin === null || INSTANCE_TYPE.test(pin))) {
      next.pinnedInstanceType = pin;
      changed = true;
    }
  }
  if (!changed) return inventory;
  const servers = inventory.servers.slice();
  servers[index] = next;
  return { ...inventory, servers };
}
