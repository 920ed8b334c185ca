import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateIf } from 'class-validator';
import { TASK_KINDS } from '../core/playbook/playbook.js';
import { PageQuery } from '../incidents/incident.dto.js';

export const TASK_STATUSES = ['open', 'done', 'cancelled'] as const;

export class TaskQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() incident?: string;
  @ApiPropertyOptional({ enum: TASK_STATUSES }) @IsOptional() @IsIn(TASK_STATUSES) status?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) role?: string;
  @ApiPropertyOptional({ enum: TASK_KINDS }) @IsOptional() @IsIn(TASK_KINDS) kind?: string;

  @ApiPropertyOptional({ description: '`me`, or a person id' })
  @IsOptional()
  @Matches(/^(me|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i, { message: 'assignee must be "me" or a person id' })
  assignee?: string;

  @ApiPropertyOptional({ description: 'true: only open tasks past their due time' })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'overdue must be true or false' })
  overdue?: 'true' | 'false';
}

export class ReassignTaskDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'give the task to this person' })
  @ValidateIf((o: ReassignTaskDto) => o.role === undefined || o.personId !== undefined)
  @IsUUID(undefined, { message: 'give personId (a person id) or role' })
  personId?: string;

  @ApiPropertyOptional({ description: "or to whoever holds this playbook role in the incident's unit now" })
  @ValidateIf((o: ReassignTaskDto) => o.personId === undefined || o.role !== undefined)
  @IsString()
  @MaxLength(100)
  role?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

export class CompleteTaskDto {
  @ApiPropertyOptional({ example: 'Sprayed with 0.5% chlorine at 10:40' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}
