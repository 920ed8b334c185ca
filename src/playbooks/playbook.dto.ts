import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

export class DiagramQuery {
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'notes beside each state: the tasks it raises (role, sharing, escalation chain), the messages it sends, what its events do' })
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'details must be true or false' })
  details?: 'true' | 'false';
}
