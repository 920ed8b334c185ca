import { ApiProperty } from '@nestjs/swagger';

/** A message the engine sent or is sending (the outbox), with its delivery state. */
export class NotificationView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) incidentId: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'the late task, for an escalation' }) taskId: string | null;
  @ApiProperty({ enum: ['party', 'escalation'], description: 'a playbook `notify` to an outside party, or an escalation step' }) kind: string;
  @ApiProperty({ description: 'the party key, or the role escalated to' }) audience: string;
  @ApiProperty({ enum: ['webhook', 'email', 'log'] }) channel: string;
  @ApiProperty({ type: String, nullable: true, description: 'the webhook URL or email address' }) address: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'the message as delivered: its kind, the incident, the text in both languages…' })
  payload: Record<string, unknown>;
  @ApiProperty({ enum: ['pending', 'delivered', 'dead'], enumName: 'NotificationStatus' }) status: string;
  @ApiProperty({ type: 'integer' }) attempts: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'set while pending' }) nextAttemptAt: string | null;
  @ApiProperty({ type: String, nullable: true }) lastError: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) deliveredAt: string | null;
}
