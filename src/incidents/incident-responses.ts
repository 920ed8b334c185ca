import { ApiExtraModels, ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { BilingualText } from '../common/text.dto.js';
import { TaskView } from '../tasks/task-responses.js';

/** A top-level state that is a phase of the response, not a risk level (the playbook's `phases`). */
export class PhaseView {
  @ApiProperty({ example: 'recovery' }) key: string;
  @ApiProperty({ type: BilingualText }) title: BilingualText;
}

export class IncidentView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'covid19-office', description: 'the playbook key' }) playbook: string;
  @ApiProperty({ type: 'integer', description: 'the playbook version the incident runs on' }) playbookVersion: number;
  @ApiProperty({ type: 'integer', description: 'the newest version of the playbook; the incident stays on its own until moved' }) latestPlaybookVersion: number;
  @ApiProperty({ description: 'the unit id' }) unit: string;
  @ApiProperty({ type: String, nullable: true }) title: string | null;
  @ApiProperty({ example: 'suspected_case', description: 'the level: a top-level state of the playbook' }) level: string;
  @ApiProperty({ type: BilingualText }) levelTitle: BilingualText;
  @ApiProperty({ type: () => PhaseView, nullable: true, description: 'set when the incident is in a phase of the response (recovery, closed) rather than at a risk level; `level` then names that phase' })
  phase: PhaseView | null;
  @ApiProperty({ example: 'suspected_case.step1_notify', description: 'the full state path (level and step)' }) state: string;
  @ApiProperty({ type: 'integer', description: 'grows by one with each timeline entry' }) version: number;
  @ApiProperty({ type: [String], description: 'the events the incident accepts now' }) allowedEvents: string[];
  @ApiProperty({ type: [TaskView] }) openTasks: TaskView[];
  @ApiProperty({ description: 'the name of who opened it' }) openedBy: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

/** What an accepted event (or a move to another playbook version) did. */
export class EventResult {
  @ApiProperty({ type: IncidentView, description: 'the incident as the event left it' }) incident: IncidentView;
  @ApiProperty({ type: [TaskView], description: 'tasks the event raised' }) raised: TaskView[];
  @ApiProperty({ type: [TaskView], description: 'tasks the event cancelled, each with its reason' }) cancelled: TaskView[];
}

export class LevelAndState {
  @ApiProperty() level: string;
  @ApiProperty() state: string;
}

// What one event asked of the outside world (core/engine/effects.ts), as the timeline records it.
export class TaskRaiseEffect {
  @ApiProperty({ enum: ['task.raise'] }) type: 'task.raise';
  @ApiProperty() template: string;
  @ApiProperty() level: string;
  @ApiProperty({ format: 'date-time' }) dueAt: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'for a recurring duty: the occurrence' }) occurrence?: string;
  @ApiPropertyOptional({ description: 'a recurring occurrence raised after it was already due' }) late?: boolean;
  @ApiPropertyOptional({ description: 'the key of a keyed task (one per value of an event field)' }) instance?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'when the first escalation step fires if not done' }) escalateAt?: string;
}

export class TaskCancelEffect {
  @ApiProperty({ enum: ['task.cancel'] }) type: 'task.cancel';
  @ApiProperty({ type: [String], description: 'templates, or keyed tasks as template[key]' }) templates: string[];
  @ApiProperty({ type: BilingualText }) reason: BilingualText;
}

export class NotifyEffect {
  @ApiProperty({ enum: ['notify'] }) type: 'notify';
  @ApiProperty({ description: 'the party key' }) party: string;
  @ApiProperty({ type: BilingualText }) message: BilingualText;
}

export class TimerStartEffect {
  @ApiProperty({ enum: ['timer.start'] }) type: 'timer.start';
  @ApiProperty() key: string;
  @ApiProperty({
    type: 'object',
    properties: { type: { type: 'string', example: 'RECUR' } },
    required: ['type'],
    additionalProperties: true,
    description: 'the event the timer sends, with what it carries (a recurring duty’s template and occurrence, an escalation’s task and step…)',
  })
  event: { type: string; [k: string]: unknown };
  @ApiProperty({ format: 'date-time' }) fireAt: string;
}

export class TimerCancelEffect {
  @ApiProperty({ enum: ['timer.cancel'] }) type: 'timer.cancel';
  @ApiProperty() key: string;
}

const EFFECTS = [TaskRaiseEffect, TaskCancelEffect, NotifyEffect, TimerStartEffect, TimerCancelEffect];
const EFFECT_BY_TYPE = { 'task.raise': TaskRaiseEffect, 'task.cancel': TaskCancelEffect, notify: NotifyEffect, 'timer.start': TimerStartEffect, 'timer.cancel': TimerCancelEffect };

@ApiExtraModels(...EFFECTS)
export class TimelineEntry {
  @ApiProperty({ type: 'integer', description: 'the incident version this entry made' }) seq: number;
  @ApiProperty({ example: 'SUSPECTED_CASE_REPORTED', description: 'the event, or INCIDENT_OPENED, TASK_COMPLETED, TASK_ESCALATED, PLAYBOOK_MIGRATED…' }) type: string;
  @ApiProperty({ description: 'the name of who acted (`scheduler` for timers and escalations)' }) actor: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) actorId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'set when a deputy acted for the person they stand in for' }) onBehalfOf: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'the name of that person' }) onBehalfOfName: string | null;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, description: 'the event’s data' }) data: Record<string, unknown> | null;
  @ApiProperty({ type: LevelAndState, nullable: true, description: 'null for the opening entry' }) from: LevelAndState | null;
  @ApiProperty({ type: LevelAndState }) to: LevelAndState;
  @ApiProperty({ type: 'array', items: { oneOf: EFFECTS.map((e) => ({ $ref: getSchemaPath(e) })), discriminator: { propertyName: 'type', mapping: Object.fromEntries(Object.entries(EFFECT_BY_TYPE).map(([t, e]) => [t, getSchemaPath(e)])) } } })
  effects: (TaskRaiseEffect | TaskCancelEffect | NotifyEffect | TimerStartEffect | TimerCancelEffect)[];
  @ApiProperty({ format: 'date-time' }) at: string;
}
