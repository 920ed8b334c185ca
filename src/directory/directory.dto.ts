import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsDate, IsIn, IsNotEmpty, IsObject, IsOptional, IsString, IsUUID, Matches, MaxLength, Validate, ValidatorConstraint, type ValidatorConstraintInterface, IsEmail } from 'class-validator';
import { IANAZone } from 'luxon';

@ValidatorConstraint({ name: 'timeZone' })
class IsTimeZone implements ValidatorConstraintInterface {
  validate(v: unknown) {
    return typeof v === 'string' && IANAZone.isValidZone(v);
  }
  defaultMessage() {
    return 'timeZone must be an IANA time zone such as Asia/Ho_Chi_Minh';
  }
}

const unitId = /^[a-z0-9][a-z0-9._-]{0,99}$/;

// Internal addresses without a top-level domain (duty.officer@demo, a@so-cong-thuong) are real here.
const EMAIL = { require_tld: false } as const;

/** Date-times arrive as ISO 8601 strings; say so when one is not. */
const ISO_DATE = { message: ({ property }: { property: string }) => `${property} must be an ISO 8601 date-time such as 2026-12-31T17:00:00+07:00` };

export class UnitDto {
  @ApiProperty({ example: 'so-cong-thuong' })
  @Matches(unitId, { message: 'id must be 1-100 lower-case letters, digits, ".", "_" or "-"' })
  id: string;

  @ApiProperty({ example: 'Sở Công Thương tỉnh Bình Phước' }) @IsString() @IsNotEmpty() @MaxLength(300) name: string;

  @ApiPropertyOptional({ example: 'ubnd-tinh-binh-phuoc' }) @IsOptional() @Matches(unitId, { message: 'parentId must be a unit id' }) parentId?: string;

  @ApiPropertyOptional({ example: 'Asia/Ho_Chi_Minh' }) @IsOptional() @Validate(IsTimeZone) timeZone?: string;

  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'outside parties keyed by playbook party key: {name, email?, phone?, webhook?}' })
  @IsOptional()
  @IsObject()
  contacts?: Record<string, unknown>;
}

export class UpdateUnitDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @IsNotEmpty() @MaxLength(300) name?: string;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'null makes it a top-level unit' }) @IsOptional() @Matches(unitId, { message: 'parentId must be a unit id' }) parentId?: string | null;
  @ApiPropertyOptional() @IsOptional() @Validate(IsTimeZone) timeZone?: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, description: 'replaces all contacts' }) @IsOptional() @IsObject() contacts?: Record<string, unknown>;
}

export class PersonDto {
  @ApiProperty({ example: 'Nguyễn Văn A' }) @IsString() @IsNotEmpty() @MaxLength(200) name: string;
  @ApiPropertyOptional({ example: 'a.nguyen@example.gov.vn' }) @IsOptional() @IsEmail(EMAIL) @MaxLength(320) email?: string;
  @ApiPropertyOptional({ enum: ['person', 'service'] }) @IsOptional() @IsIn(['person', 'service']) kind?: 'person' | 'service';
  @ApiPropertyOptional({ description: 'the `sub` of JWTs from the configured issuer' }) @IsOptional() @IsString() @IsNotEmpty() @MaxLength(300) externalId?: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() admin?: boolean;
}

export class UpdatePersonDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @IsNotEmpty() @MaxLength(200) name?: string;
  @ApiPropertyOptional() @IsOptional() @IsEmail(EMAIL) @MaxLength(320) email?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @IsNotEmpty() @MaxLength(300) externalId?: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() admin?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() active?: boolean;
}

export class RoleAssignmentDto {
  @ApiProperty({ example: 'so-cong-thuong' }) @Matches(unitId, { message: 'unitId must be a unit id' }) unitId: string;
  @ApiProperty({ example: 'chief_of_office', description: 'a playbook role, or duty_officer / viewer' })
  @Matches(/^[a-z][a-z0-9_-]*$/, { message: 'role must be a role key' })
  @MaxLength(100)
  role: string;
  @ApiProperty({ format: 'uuid' }) @IsUUID() personId: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'this person stands in for that one' }) @IsOptional() @IsUUID() deputyFor?: string;
  @ApiPropertyOptional({ type: String, format: 'date-time' }) @IsOptional() @Type(() => Date) @IsDate(ISO_DATE) validFrom?: Date;
  @ApiPropertyOptional({ type: String, format: 'date-time' }) @IsOptional() @Type(() => Date) @IsDate(ISO_DATE) validUntil?: Date;
}

export class AssignmentQuery {
  @ApiPropertyOptional() @IsOptional() @Matches(unitId, { message: 'unit must be a unit id' }) unit?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() person?: string;
}

export class TokenDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() personId: string;
  @ApiProperty({ example: 'phone of the duty officer' }) @IsString() @IsNotEmpty() @MaxLength(200) name: string;
  @ApiPropertyOptional({ type: String, format: 'date-time' }) @IsOptional() @Type(() => Date) @IsDate(ISO_DATE) expiresAt?: Date;
}

export class TokenQuery {
  @ApiPropertyOptional() @IsOptional() @IsUUID() person?: string;
}
