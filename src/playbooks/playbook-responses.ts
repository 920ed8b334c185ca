import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { BilingualText } from '../common/text.dto.js';
import { FIELD_TYPES } from '../core/playbook/event-data.js';

/** A top-level state of the playbook's machine: the risk levels lowest first, then the phases (recovery, closed). */
export class LevelView {
  @ApiProperty({ example: 'suspected_case' }) id: string;
  @ApiProperty({ type: BilingualText }) title: BilingualText;
  @ApiProperty({ enum: ['level', 'phase'], description: 'a risk level, or a phase of the response that is not a level' }) kind: 'level' | 'phase';
  @ApiProperty({ type: 'integer', description: 'position among the levels, 0 for the lowest; -1 for a phase' }) rank: number;
}

export class DirectiveEnd {
  @ApiProperty({ format: 'date', example: '2021-10-15', description: 'the local date at whose end the directive stops' }) on: string;
  @ApiProperty({ example: 'DIRECTIVE_ENDED', description: 'the event the engine sends then' }) event: string;
}

export class PlaybookSummary {
  @ApiProperty({ example: 'covid19-office' }) key: string;
  @ApiProperty({ type: 'integer', description: 'the current version (one per distinct content)' }) version: number;
  @ApiProperty({ description: 'content hash of this version' }) hash: string;
  @ApiProperty({ type: BilingualText }) title: BilingualText;
  @ApiProperty({ type: [LevelView] }) levels: LevelView[];
  @ApiProperty({ type: DirectiveEnd, nullable: true, description: 'the directive’s own end date; no incident opens after it' }) expires: DirectiveEnd | null;
}

export class PlaybookVersionView {
  @ApiProperty({ type: 'integer' }) version: number;
  @ApiProperty() hash: string;
  @ApiProperty({ format: 'date-time' }) loadedAt: string;
  @ApiProperty({ description: 'whether this is the version new incidents start on' }) current: boolean;
  @ApiProperty({ type: 'integer', description: 'how many incidents run on this version' }) incidents: number;
}

export class RoleView {
  @ApiProperty({ example: 'chief_of_office' }) key: string;
  @ApiProperty({ type: BilingualText }) title: BilingualText;
  @ApiPropertyOptional({ description: 'the superior role: receives the tasks when nobody holds this one' }) reportsTo?: string;
}

export class PartyView {
  @ApiProperty({ example: 'department_of_health' }) key: string;
  @ApiProperty({ type: BilingualText }) title: BilingualText;
}

/** One field of an event's data, as the playbook declares it: what a form asks for. */
export class EventFieldView {
  @ApiProperty({ enum: FIELD_TYPES, enumName: 'EventFieldType', description: 'timestamp: an ISO 8601 date-time with its offset' }) type: string;
  @ApiPropertyOptional({ description: 'whether the event is refused without it (default false)' }) required?: boolean;
  @ApiPropertyOptional({ type: [String], description: 'the choices of an enum field' }) values?: string[];
  @ApiPropertyOptional({ type: BilingualText, description: 'the label of the field' }) title?: BilingualText;
}

export class EventDefinitionView {
  @ApiProperty({ example: 'SUSPECTED_CASE_REPORTED' }) type: string;
  @ApiProperty({ type: BilingualText }) title: BilingualText;
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { $ref: getSchemaPath(EventFieldView) },
    description: 'the fields the event’s data carries, by name; without it the data is free-form',
  })
  data?: Record<string, EventFieldView>;
}

/** A step tells the holders of a role of the unit, or an outside party (the unit's contact for it). */
export class EscalationStepView {
  @ApiPropertyOptional() role?: string;
  @ApiPropertyOptional({ description: 'an outside party (e.g. the provincial command)' }) party?: string;
  @ApiProperty({ example: 'PT30M', description: 'ISO 8601 duration after the previous step (the first: after the due time)' }) after: string;
}

export class EscalationChainView {
  @ApiPropertyOptional({ example: 'PT30M', description: 'first one step per superior of the task’s role (its reportsTo line), this long apart' }) reportsTo?: string;
  @ApiPropertyOptional({ type: [EscalationStepView], description: 'the steps after those (or the only ones)' }) steps?: EscalationStepView[];
}

/** One rule of a recurring duty: exactly one of at, every or cron. */
export class RecurrenceRuleView {
  @ApiPropertyOptional({ type: [String], example: ['16:30'], description: 'local times in the unit’s zone' }) at?: string[];
  @ApiPropertyOptional({ example: 'PT1H', description: 'an interval on the local clock (PT30M: :00 and :30 of each hour)' }) every?: string;
  @ApiPropertyOptional({ type: [String], example: ['06:00', '22:00'], description: 'with every: the local window, both ends included' }) between?: string[];
  @ApiPropertyOptional({ example: '*/30 6-21 * * *', description: 'a 5-field cron pattern in the unit’s zone' }) cron?: string;
  @ApiPropertyOptional({ type: [String], enum: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], enumName: 'Weekday' }) weekdays?: string[];
}

export class RecurrenceView extends RecurrenceRuleView {
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { $ref: getSchemaPath(RecurrenceRuleView) },
    description: 'another rule for the series started at these levels',
  })
  byLevel?: Record<string, RecurrenceRuleView>;
}

/** A due time from the data of the event that raises the task ("6 hours before the forecast peak"). */
export class DataDueView {
  @ApiProperty({ example: 'forecastPeakAt', description: 'a timestamp field of the event’s data' }) data: string;
  @ApiPropertyOptional({ example: 'PT6H', description: 'how long before that time' }) before?: string;
  @ApiProperty({ example: 'PT2H', description: 'the due time when the event does not carry the field' }) otherwise: string;
}

export class TaskTemplateView {
  @ApiProperty({ example: 'notify_department_of_health' }) key: string;
  @ApiProperty({ type: BilingualText }) title: BilingualText;
  @ApiProperty({ type: BilingualText }) instructions: BilingualText;
  @ApiProperty({ example: 'reporting', description: 'a built-in kind or one the playbook declares under kinds' }) kind: string;
  @ApiProperty() role: string;
  @ApiPropertyOptional({
    oneOf: [{ type: 'string', example: 'PT30M' }, { $ref: getSchemaPath(DataDueView) }],
    description: 'an ISO 8601 duration, a local time ("14:00"), "immediately" or a local date; or a time from the raising event’s data; absent on a recurring duty (each occurrence is due at its time)',
  })
  due?: string | DataDueView;
  @ApiPropertyOptional({ type: RecurrenceView }) recurs?: RecurrenceView;
  @ApiPropertyOptional({ description: 'key of the escalation chain run when the task is late' }) escalation?: string;
  @ApiPropertyOptional({ example: '003 III.2 Bước 1', description: 'where in the seed document the measure comes from' }) source?: string;
  @ApiPropertyOptional({ enum: ['on-entry', 'once', 'always'], description: 'when it is raised again: on entry but not on a return from above (default), once per incident, or always' })
  raise?: string;
  @ApiPropertyOptional({ enum: ['on-exit'], description: 'leaving the state that raised it cancels it if still open' }) retire?: string;
  @ApiPropertyOptional({ enum: ['lowering'], description: 'leaving or lowering its level does not cancel it' }) survive?: string;
  @ApiPropertyOptional({ enum: ['shared', 'each', 'all'], description: 'shared (default): one task for the role; each: one per holder; all: every holder signs it off' })
  assign?: string;
  @ApiPropertyOptional({ example: 'personId', description: 'one task per value of this field of the raising event’s data' }) keyedBy?: string;
}

/** A task kind the playbook (or a library it uses) declares, with its title. */
export class TaskKindView {
  @ApiProperty({ example: 'evacuation' }) key: string;
  @ApiProperty({ type: BilingualText }) title: BilingualText;
}

export class PlaybookDetail extends PlaybookSummary {
  @ApiProperty({ type: BilingualText, nullable: true }) description: BilingualText | null;
  @ApiProperty({ format: 'date-time' }) loadedAt: string;
  @ApiProperty({ type: [RoleView] }) roles: RoleView[];
  @ApiProperty({ type: [PartyView] }) parties: PartyView[];
  @ApiProperty({ type: [TaskKindView], description: 'task kinds of the playbook’s own; the built-in kinds are not listed' }) kinds: TaskKindView[];
  @ApiProperty({ type: [EventDefinitionView] }) events: EventDefinitionView[];
  @ApiProperty({ type: 'object', additionalProperties: { $ref: getSchemaPath(EscalationChainView) }, description: 'escalation chains by key' })
  escalations: Record<string, EscalationChainView>;
  @ApiProperty({ type: [TaskTemplateView] }) taskTemplates: TaskTemplateView[];
}
