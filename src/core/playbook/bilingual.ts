import { z } from 'zod';

/**
 * Every human-facing string of a playbook: Vietnamese as the plan wrote it, English beside it. A plain
 * string (`title: Flood`) is told what is expected rather than "expected object, received string".
 */
export const bilingual = z.strictObject(
  { vi: z.string().min(1), en: z.string().min(1) },
  { error: (iss) => (iss.code === 'invalid_type' ? 'expected a bilingual text { vi: …, en: … }, e.g. { vi: Lũ lụt, en: Flood }' : undefined) },
);
