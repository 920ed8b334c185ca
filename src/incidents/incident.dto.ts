import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsNotEmpty, IsObject, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

export class OpenIncidentDto {
  @ApiProperty({ example: 'covid19-office', description: 'key of the playbook to run' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  playbook: string;

  @ApiProperty({ example: 'so-cong-thuong-binh-phuoc', description: 'the unit whose premises the incident concerns' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  unit: string;

  @ApiPropertyOptional({ example: 'Ca nghi ngờ tại phòng Kế hoạch' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  title?: string;
}

export class IncidentEventDto {
  @ApiProperty({ example: 'SUSPECTED_CASE_REPORTED', description: 'an event the playbook declares' })
  @IsString()
  @Matches(/^[A-Z][A-Z0-9_]*$/, { message: 'type must be an event name in UPPER_SNAKE_CASE' })
  @MaxLength(100)
  type: string;

  @ApiPropertyOptional({ example: 'Staff member in room 204 has a fever' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true })
  @IsOptional()
  @IsObject()
  data?: Record<string, unknown>;
}

export const MAX_OFFSET = 10_000_000;

export class PageQuery {
  @ApiPropertyOptional({ type: 'integer', default: 50, minimum: 1, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit = 50;

  @ApiPropertyOptional({ type: 'integer', default: 0, minimum: 0, maximum: MAX_OFFSET })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  // Beyond what any list here holds, and within the database's integer range.
  @Max(MAX_OFFSET)
  offset = 0;
}

export class IncidentQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) unit?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) playbook?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) level?: string;
}

export class MigrateIncidentDto {
  @ApiProperty({ example: 2, description: 'the newer playbook version to move to' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  version: number;

  @ApiProperty({ example: 'confirmed_case.step1_notify', description: 'the state in the new version this incident is at' })
  @IsString()
  @Matches(/^[a-z][a-z0-9_-]*(\.[a-z][a-z0-9_-]*)*$/, { message: 'state must be a dotted state path such as confirmed_case.step1_notify' })
  @MaxLength(300)
  state: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000) note?: string;
}
