import { ApiProperty } from '@nestjs/swagger';

// What the admin endpoints answer: the views of directory-views.ts, plus the audit log's rows as stored.

export class UnitView {
  @ApiProperty({ example: 'so-cong-thuong' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true, description: 'the unit above, null for a root' }) parentId: string | null;
  @ApiProperty({ example: 'Asia/Ho_Chi_Minh', description: 'IANA time zone' }) timeZone: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'outside parties keyed by playbook party key: {name, email?, phone?, webhook?}' })
  contacts: Record<string, unknown>;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class PersonView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ['person', 'service'] }) kind: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) email: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'the `sub` of JWTs from the configured issuer' }) externalId: string | null;
  @ApiProperty() admin: boolean;
  @ApiProperty({ description: 'an inactive person cannot sign in and receives no tasks' }) active: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class RoleAssignmentView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() unitId: string;
  @ApiProperty({ description: 'a playbook role, or duty_officer / viewer' }) role: string;
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'the person this one stands in for' }) deputyFor: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) validFrom: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) validUntil: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

/** A token as listed: never the token itself nor its hash. */
export class TokenView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) personId: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'the token’s first characters, to recognise it' }) prefix: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'the admin who issued it (null: the CLI or first run)' }) createdBy: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) expiresAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) revokedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'to the minute' }) lastUsedAt: string | null;
}

export class IssuedToken extends TokenView {
  @ApiProperty({ example: 'pbe_…', description: 'the token itself: shown in this answer only, never again' }) token: string;
}

/** An audit log row exactly as stored (snake_case, unlike the other views). */
export class AuditEntry {
  @ApiProperty({ type: 'integer', description: 'sequence number: newer entries have larger ones' })
  id: number;
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'null for the CLI and first run' }) actor_id: string | null;
  @ApiProperty({ description: 'the actor’s name, or `system`' }) actor: string;
  @ApiProperty({ example: 'role.assign', description: 'unit.create, unit.update, person.create, person.update, role.assign, role.unassign, token.create, token.revoke…' })
  action: string;
  @ApiProperty({ example: 'unit:demo/role:chief_of_office' }) subject: string;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'the change as requested' }) details: Record<string, unknown>;
}
