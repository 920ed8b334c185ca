import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ASSIGN_MODES } from '../core/completion.js';
import { BilingualText } from '../common/text.dto.js';
import { TASK_STATUSES } from './task.dto.js';

/** A person as a task records them: the id, and the name they had when they acted. */
export class PersonRefView {
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) id: string | null;
  @ApiProperty() name: string;
}

/** One step of a late task's escalation chain, as it fired. */
export class TaskEscalationView {
  @ApiProperty({ type: 'integer', description: '1 for the first step' }) step: number;
  @ApiProperty({ type: String, nullable: true, description: 'the role escalated to; null for a step that told an outside party' }) role: string | null;
  @ApiPropertyOptional({ description: 'the outside party told (a step of the chain that names a party)' }) party?: string;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ type: [String], description: 'ids of the people notified' }) notified: string[];
}

/** One signature on a task every holder must sign off (`assign: all`). */
export class SignOffView {
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty({ description: 'the name they had when they signed' }) name: string;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiPropertyOptional() note?: string;
}

export class TaskView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) incidentId: string;
  @ApiProperty({ description: 'the playbook’s task template key' }) template: string;
  @ApiProperty({ type: BilingualText }) title: BilingualText;
  @ApiProperty({ type: BilingualText }) instructions: BilingualText;
  @ApiProperty({ example: 'reporting', description: 'a built-in kind or one the playbook declares (GET /playbooks/:key lists its own with titles)' }) kind: string;
  @ApiProperty({ description: 'the template’s role' }) role: string;
  @ApiProperty({ type: [String], description: 'ids of the people the task went to' }) assignees: string[];
  @ApiProperty({ description: 'the role it went to (a superior one when its own role had nobody)' }) assignedRole: string;
  @ApiProperty({ description: 'true when its own role had nobody and it went up the reportsTo chain' }) unassignedRole: boolean;
  @ApiProperty({ description: 'the level that raised it' }) level: string;
  @ApiProperty({ enum: TASK_STATUSES, enumName: 'TaskStatus' }) status: string;
  @ApiProperty({ format: 'date-time' }) dueAt: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) completedAt: string | null;
  @ApiProperty({ type: PersonRefView, nullable: true, description: 'who completed it, with the name they had then' }) completedBy: PersonRefView | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'set when a deputy completed it for the person they stand in for' })
  completedFor: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) acknowledgedAt: string | null;
  @ApiProperty({ type: PersonRefView, nullable: true }) acknowledgedBy: PersonRefView | null;
  @ApiProperty({ type: String, nullable: true, description: 'the note given when completing it' }) note: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) cancelledAt: string | null;
  @ApiProperty({ type: BilingualText, nullable: true }) cancelReason: BilingualText | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'for a recurring duty: the occurrence this task is for' }) occurrence: string | null;
  @ApiProperty({ description: 'raised after its occurrence was already due (the service was down)' }) late: boolean;
  @ApiProperty({ type: 'integer', description: 'how many escalation steps have fired' }) escalationStep: number;
  @ApiProperty({ type: [TaskEscalationView] }) escalations: TaskEscalationView[];
  @ApiProperty({ enum: ASSIGN_MODES, enumName: 'AssignMode', description: 'shared: one task for the role; each: one copy per holder (this is one); all: done when every assignee has signed it off' })
  assign: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'for assign each: whose copy this is' }) holder: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'the key of a keyed task (one per value of an event field), e.g. the missing person’s id' })
  instance: string | null;
  @ApiProperty({ type: [SignOffView], description: 'for assign all: who has signed it off so far' }) signOffs: SignOffView[];
}
