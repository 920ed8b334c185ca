/**
 * Who receives a task raised for a role in a unit, from the role assignments in force: the holders of
 * the role, each replaced by their deputy while the deputy's window is open; when nobody holds the role,
 * the first superior role (reportsTo chain) that has holders, flagged.
 */
export interface Holder {
  role: string;
  personId: string;
  deputyFor: string | null;
}

export interface Assignment {
  assignees: string[];
  assignedRole: string;
  /** True when the task's own role had nobody and it went up the chain (or to nobody). */
  unassignedRole: boolean;
}

export function assignTask(roleChain: string[], holders: Holder[]): Assignment {
  for (const [i, role] of roleChain.entries()) {
    const inRole = holders.filter((h) => h.role === role);
    const deputies = inRole.filter((h) => h.deputyFor !== null);
    const away = new Set(deputies.map((d) => d.deputyFor));
    const people = [
      ...inRole.filter((h) => h.deputyFor === null && !away.has(h.personId)).map((h) => h.personId),
      ...deputies.map((d) => d.personId),
    ];
    const unique = [...new Set(people)];
    if (unique.length) return { assignees: unique, assignedRole: role, unassignedRole: i > 0 };
  }
  return { assignees: [], assignedRole: roleChain[0], unassignedRole: true };
}
