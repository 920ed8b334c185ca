import { parsePlaybook } from '../../../src/core/playbook/parse-playbook.js';
import type { Playbook } from '../../../src/core/playbook/playbook.js';

/**
 * A small playbook that uses every part of the engine's vocabulary once, for the machine's unit tests:
 * a recurring duty, an escalation chain, raises from entry, exit, `on` (one written as a single action
 * rather than a list), `after` and `always`, a gate on two tasks, cancelling by level and by template, a
 * message from the machine's own `on`, a nested step with a delay, and an end date.
 *
 *   calm ──RAISE──▶ alert ──CRISIS──▶ crisis: sandbagging ──[sandbag, announce done]──▶ evacuating ──PT30M──▶ holding
 *   calm ◀──LOWER── alert        calm ◀──STAND_DOWN── crisis
 */
export const WATCH_YAML = `
key: watch
title: { vi: Trực lũ, en: Flood watch }
expires: { on: "2026-12-31", event: DIRECTIVE_ENDED }
immediately: PT5M
roles:
  - key: officer
    title: { vi: Cán bộ, en: Officer }
    reportsTo: chief
  - key: chief
    title: { vi: Trưởng, en: Chief }
parties:
  - key: province
    title: { vi: Tỉnh, en: Province }
escalations:
  ladder:
    steps:
      - { role: officer, after: PT10M }
      - { role: chief, after: PT1H }
events:
  - { type: RAISE, title: { vi: Nâng, en: Raise } }
  - { type: LOWER, title: { vi: Hạ, en: Lower } }
  - { type: CRISIS, title: { vi: Khẩn cấp, en: Crisis } }
  - { type: STAND_DOWN, title: { vi: Thôi, en: Stand down } }
  - { type: SIGHTING, title: { vi: Phát hiện, en: Sighting } }
  - { type: RETIRE_PATROL, title: { vi: Thôi tuần tra, en: Retire the patrol } }
  - { type: PING, title: { vi: Báo, en: Ping } }
  - { type: DIRECTIVE_ENDED, title: { vi: Hết hiệu lực, en: Directive ended } }
tasks:
  - { key: announce, title: { vi: a, en: Announce }, instructions: { vi: a, en: a }, kind: notification, role: officer, due: immediately, escalation: ladder }
  - { key: patrol, title: { vi: p, en: Patrol }, instructions: { vi: p, en: p }, kind: duty, role: officer, due: "08:00", recurs: { at: ["08:00", "14:00"] } }
  - { key: report, title: { vi: r, en: Report }, instructions: { vi: r, en: r }, kind: reporting, role: officer, due: "14:00" }
  - { key: recheck, title: { vi: r, en: Recheck }, instructions: { vi: r, en: r }, kind: inspection, role: officer, due: PT1H }
  - { key: sandbag, title: { vi: s, en: Sandbag }, instructions: { vi: s, en: s }, kind: other, role: officer, due: PT1H }
  - { key: evacuate, title: { vi: e, en: Evacuate }, instructions: { vi: e, en: e }, kind: other, role: chief, due: PT30M, escalation: ladder }
  - { key: debrief, title: { vi: d, en: Debrief }, instructions: { vi: d, en: d }, kind: reporting, role: chief, due: P1D }
machine:
  initial: calm
  on:
    PING:
      actions: [{ type: notify, params: { party: province, message: { vi: có tin, en: Ping } } }]
  states:
    calm:
      meta: { title: { vi: Bình thường, en: Calm } }
      on: { RAISE: alert }
    alert:
      meta: { title: { vi: Báo động, en: Alert } }
      entry:
        - { type: raiseTasks, params: { templates: [announce, patrol] } }
        - { type: notify, params: { party: province, message: { vi: báo động, en: Alert raised } } }
      after:
        PT2H:
          actions: [{ type: raiseTask, params: { template: recheck } }]
      on:
        LOWER:
          target: calm
          actions: [{ type: cancelTasks, params: { levels: [alert], reason: { vi: hạ, en: Lowered } } }]
        CRISIS: crisis
        SIGHTING:
          - actions: { type: raiseTask, params: { template: report } }
        RETIRE_PATROL:
          actions: [{ type: cancelTasks, params: { templates: [patrol], reason: { vi: thôi, en: Patrol retired } } }]
    crisis:
      meta: { title: { vi: Khẩn cấp, en: Crisis } }
      initial: sandbagging
      exit:
        - { type: cancelTasks, params: { levels: [crisis], reason: { vi: xong, en: Crisis over } } }
        - { type: raiseTask, params: { template: debrief } }
      on:
        STAND_DOWN:
          target: calm
          actions: [{ type: cancelTasks, params: { levels: [alert], reason: { vi: thôi, en: Stood down } } }]
      states:
        sandbagging:
          entry: [{ type: raiseTasks, params: { templates: [sandbag, patrol] } }]
          always:
            target: evacuating
            guard: { type: tasksDone, params: { templates: [sandbag, announce] } }
            actions: [{ type: raiseTask, params: { template: evacuate } }]
        evacuating:
          after: { PT30M: holding }
        holding: {}
`;

export function watchPlaybook(): Playbook {
  return parsePlaybook(WATCH_YAML, 'watch.yaml');
}
