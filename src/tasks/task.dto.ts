import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { TASK_KINDS } from '../core/playbook/playbook.js';
import { PageQuery } from '../incidents/incident.dto.js';

export const TASK_STATUSES = ['open', 'done', 'cancelled'] as const;

export class TaskQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() incident?: string;
  @ApiPropertyOptional({ enum: TASK_STATUSES }) @IsOptional() @IsIn(TASK_STATUSES) status?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) role?: string;
  @ApiPropertyOptional({ enum: TASK_KINDS }) @IsOptional() @IsIn(TASK_KINDS) kind?: string;
}

export class CompleteTaskDto {
  @ApiPropertyOptional({ example: 'Sprayed with 0.5% chlorine at 10:40' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}
