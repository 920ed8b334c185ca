// Generated playbooks for `npm run bench:checker`: sizes no hand-written plan reaches yet.

/** Three regions of `steps` steps; each step raises its task on entry and moves on when it is done. */
export function parallelPlan(steps: number): string {
  const region = (r: number) => {
    const states = Array.from({ length: steps }, (_, i) =>
      [
        `            s${i}:`,
        `              entry: [{ type: raiseTask, params: { template: r${r}_t${i} } }]`,
        `              always: { target: ${i + 1 < steps ? `s${i + 1}` : 'done'}, guard: { tasksDone: [r${r}_t${i}] } }`,
      ].join('\n'),
    );
    return [`        r${r}:`, '          initial: s0', '          states:', ...states, '            done: { type: final }'].join('\n');
  };
  const tasks = [1, 2, 3].flatMap((r) =>
    Array.from({ length: steps }, (_, i) => `  - { key: r${r}_t${i}, title: { vi: Việc ${r}.${i}, en: Task ${r}.${i} }, instructions: { vi: Làm, en: Do it }, kind: other, role: lead, due: PT1H }`),
  );
  return [
    'key: parallel-drill',
    'title: { vi: Diễn tập song song, en: Parallel drill }',
    'roles: [{ key: lead, title: { vi: Chỉ huy, en: Lead } }]',
    'events:',
    '  - { type: START, title: { vi: Bắt đầu, en: Start } }',
    '  - { type: STOP, title: { vi: Dừng, en: Stop } }',
    'tasks:',
    ...tasks,
    'machine:',
    '  initial: idle',
    '  states:',
    '    idle:',
    '      meta: { title: { vi: Chờ, en: Idle } }',
    '      on: { START: drill }',
    '    drill:',
    '      meta: { title: { vi: Diễn tập, en: Drill } }',
    '      type: parallel',
    '      on: { STOP: ended }',
    '      states:',
    [1, 2, 3].map(region).join('\n'),
    '    ended: { meta: { title: { vi: Kết thúc, en: Ended } }, type: final }',
  ].join('\n');
}

/** A drill whose report recurs every 5 minutes, written as 288 local times, over three levels. */
export function compressedDrill(): string {
  const times = Array.from({ length: 288 }, (_, i) => `"${String(Math.floor(i / 12)).padStart(2, '0')}:${String((i % 12) * 5).padStart(2, '0')}"`);
  const level = (k: string, up: string | null, down: string | null) =>
    [
      `    ${k}:`,
      `      meta: { title: { vi: ${k}, en: ${k} } }`,
      `      entry: [{ type: raiseTasks, params: { templates: [report_${k}, brief_${k}] } }]`,
      '      on:',
      ...(up ? [`        RAISE: ${up}`] : []),
      ...(down ? [`        LOWER: ${down}`] : []),
      `        DONE: { target: ended, guard: { tasksDone: [brief_${k}] } }`,
    ].join('\n');
  const tasks = ['l1', 'l2', 'l3'].flatMap((k) => [
    `  - { key: report_${k}, title: { vi: Báo cáo ${k}, en: Report ${k} }, instructions: { vi: Báo cáo, en: Report }, kind: reporting, role: lead, recurs: { at: [${times.join(', ')}] } }`,
    `  - { key: brief_${k}, title: { vi: Giao ban ${k}, en: Brief ${k} }, instructions: { vi: Giao ban, en: Brief }, kind: other, role: lead, due: PT30M }`,
  ]);
  return [
    'key: compressed-drill',
    'title: { vi: Diễn tập rút gọn thời gian, en: Compressed-time drill }',
    'roles: [{ key: lead, title: { vi: Chỉ huy, en: Lead } }]',
    'events:',
    '  - { type: RAISE, title: { vi: Nâng, en: Raise } }',
    '  - { type: LOWER, title: { vi: Hạ, en: Lower } }',
    '  - { type: DONE, title: { vi: Xong, en: Done } }',
    'tasks:',
    ...tasks,
    'levels: { order: [l1, l2, l3] }',
    'phases: [ended]',
    'machine:',
    '  initial: l1',
    '  states:',
    level('l1', 'l2', null),
    level('l2', 'l3', 'l1'),
    level('l3', null, 'l2'),
    '    ended: { meta: { title: { vi: Kết thúc, en: Ended } }, type: final }',
  ].join('\n');
}
