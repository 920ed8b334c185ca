import type { Text } from '../text.js';

/**
 * What one accepted event asks the outside world to do. The adapter applies all of them in the same
 * transaction as the snapshot, so either every effect of an event happens or none does.
 */
export type Effect =
  | {
      type: 'task.raise';
      template: string;
      level: string;
      dueAt: string;
      /** For a recurring duty: the occurrence this task is for (its due time). */
      occurrence?: string;
      /** A recurring occurrence raised after it was already due (the service was down). */
      late?: boolean;
      /** When the first escalation step fires if the task is not done. */
      escalateAt?: string;
      /** The key of a keyed template's instance (task-instances.ts). */
      instance?: string;
    }
  /** `templates`: templates, or keyed instances as `template[key]` (task-instances.ts). */
  | { type: 'task.cancel'; templates: string[]; reason: Text }
  | { type: 'notify'; party: string; message: Text }
  | { type: 'timer.start'; key: string; event: { type: string }; fireAt: string }
  | { type: 'timer.cancel'; key: string };
