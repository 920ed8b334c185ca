import { assignTask, type Holder } from '../../src/core/assignment.js';

const holder = (role: string, personId: string, deputyFor: string | null = null): Holder => ({ role, personId, deputyFor });
const chain = ['lobby_staff', 'office_chief', 'director'];

describe('assigning a task to the holders of its role', () => {
  it('gives it to every holder of the role itself, in the order given, and to no other role', () => {
    const holders = [holder('lobby_staff', 'an'), holder('office_chief', 'binh'), holder('lobby_staff', 'chi')];
    expect(assignTask(chain, holders)).toEqual({ assignees: ['an', 'chi'], assignedRole: 'lobby_staff', unassignedRole: false });
  });

  it('a deputy replaces the holder they stand in for, and only that one; deputies come after the holders', () => {
    // The deputy is listed first: holders still come first in the answer.
    const holders = [holder('lobby_staff', 'dung', 'an'), holder('lobby_staff', 'an'), holder('lobby_staff', 'chi')];
    expect(assignTask(chain, holders).assignees).toEqual(['chi', 'dung']);
  });

  it('a deputy for someone of another role does not take anyone out of this one', () => {
    const holders = [holder('lobby_staff', 'an'), holder('lobby_staff', 'dung', 'binh'), holder('office_chief', 'binh')];
    expect(assignTask(chain, holders).assignees).toEqual(['an', 'dung']);
  });

  it('names a person once, however many ways they hold the role', () => {
    const holders = [holder('lobby_staff', 'an'), holder('lobby_staff', 'an'), holder('lobby_staff', 'dung', 'chi'), holder('lobby_staff', 'dung', 'em')];
    expect(assignTask(chain, holders).assignees).toEqual(['an', 'dung']);
  });

  it('goes up the chain to the first superior role that has holders, flagged', () => {
    expect(assignTask(chain, [holder('director', 'giang'), holder('office_chief', 'binh')])).toEqual({ assignees: ['binh'], assignedRole: 'office_chief', unassignedRole: true });
    expect(assignTask(chain, [holder('director', 'giang')])).toEqual({ assignees: ['giang'], assignedRole: 'director', unassignedRole: true });
  });

  it('a role whose only holder is away with no deputy in it counts as empty', () => {
    // The deputy holds the role of the person they replace, so an away holder without one is simply present.
    const away = [holder('lobby_staff', 'an'), holder('office_chief', 'binh')];
    expect(assignTask(chain, away).assignedRole).toBe('lobby_staff');
  });

  it('nobody anywhere in the chain: no assignee, the task stays with its own role, flagged', () => {
    expect(assignTask(chain, [])).toEqual({ assignees: [], assignedRole: 'lobby_staff', unassignedRole: true });
    expect(assignTask(chain, [holder('someone_else', 'an')])).toEqual({ assignees: [], assignedRole: 'lobby_staff', unassignedRole: true });
  });
});
