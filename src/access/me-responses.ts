import { ApiProperty } from '@nestjs/swagger';

export class ActiveAssignmentView {
  @ApiProperty({ example: 'demo' }) unitId: string;
  @ApiProperty({ example: 'duty_officer', description: 'a playbook role, or duty_officer / viewer' }) role: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'set when held as a deputy for this person' }) deputyFor: string | null;
  @ApiProperty({ type: String, nullable: true, description: "that person's name" }) deputyForName: string | null;
}

/** The caller as the auth guard established them, with the role assignments in force now. */
export class PrincipalView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ['person', 'service'] }) kind: 'person' | 'service';
  @ApiProperty() admin: boolean;
  @ApiProperty({ type: [ActiveAssignmentView], description: 'validity windows already applied' }) assignments: ActiveAssignmentView[];
}
