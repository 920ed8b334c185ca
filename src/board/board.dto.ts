import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

export class BoardQuery {
  @ApiPropertyOptional({ description: 'only this unit and the units below it; 404 if you cannot see it' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  unitId?: string;

  @ApiPropertyOptional({ example: 'covid19-office', description: 'only incidents on this playbook' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  playbook?: string;

  @ApiPropertyOptional({ example: 'confirmed_case', description: 'only incidents at this level (a level key of a playbook)' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,100}$/, { message: 'level must be a level key such as confirmed_case' })
  level?: string;

  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'true: only incidents with an overdue open task; false: only those without' })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'hasOverdue must be true or false' })
  hasOverdue?: 'true' | 'false';
}

export class BoardText {
  @ApiProperty({ example: 'Ca nghi ngờ' }) vi: string;
  @ApiProperty({ example: 'Suspected case' }) en: string;
}

export class BoardUnit {
  @ApiProperty({ example: 'dept' }) id: string;
  @ApiProperty({ example: 'Sở Công Thương' }) name: string;
  @ApiProperty({ type: String, nullable: true, description: 'null at the top of what you can see' }) parentId: string | null;
  @ApiProperty({ example: 'Asia/Ho_Chi_Minh' }) timeZone: string;
}

export class BoardPlaybook {
  @ApiProperty({ example: 'covid19-office' }) key: string;
  @ApiProperty({ example: 1, description: 'the version the incident runs on' }) version: number;
  @ApiProperty({ type: BoardText }) title: BoardText;
}

export class BoardLevel {
  @ApiProperty({ example: 'suspected_case' }) key: string;
  @ApiProperty({ type: BoardText }) title: BoardText;
  @ApiProperty({ example: 1, description: "position in the playbook's order of levels, 0 for the first (lowest); -1 for a phase of the response (recovery, closed), which ranks below every level" }) rank: number;
  @ApiProperty({ enum: ['level', 'phase'], description: 'a risk level, or a phase of the response that is not a level (recovery, closed)' }) kind: 'level' | 'phase';
}

export class BoardIncident {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'dept' }) unitId: string;
  @ApiPropertyOptional({ type: String, nullable: true }) title: string | null;
  @ApiProperty({ type: BoardPlaybook }) playbook: BoardPlaybook;
  @ApiProperty({ type: BoardLevel }) level: BoardLevel;
  @ApiProperty({ example: 'suspected_case.step1_notify', description: 'the active step(s): a dotted state path, as GET /incidents/:id gives `state`' })
  step: string;
  @ApiProperty({ example: 5 }) openTasks: number;
  @ApiProperty({ example: 1, description: 'open tasks past their due time' }) overdueTasks: number;
  @ApiProperty({ example: 0, description: 'open tasks that have escalated at least once' }) escalatedTasks: number;
  @ApiProperty({ format: 'date-time' }) openedAt: string;
  @ApiProperty({ format: 'date-time', description: 'when the incident reached its current level' }) levelChangedAt: string;
}

export class Board {
  @ApiProperty({ format: 'date-time' }) generatedAt: string;
  @ApiProperty({ type: [BoardUnit], description: 'the units of the incidents and those above them that you can see, to group them as a tree' })
  units: BoardUnit[];
  @ApiProperty({ type: [BoardIncident], description: 'every open (not ended) incident you may read, by unit, newest first' })
  incidents: BoardIncident[];
}
