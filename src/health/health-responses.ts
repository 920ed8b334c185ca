import { ApiProperty } from '@nestjs/swagger';

const DATABASES = ['embedded', 'postgres'];

export class HealthStatus {
  @ApiProperty({ enum: ['ok'] }) status: 'ok';
  @ApiProperty({ enum: DATABASES, description: 'which database this replica runs on' }) database: string;
}

export class Liveness {
  @ApiProperty({ enum: ['ok'] }) status: 'ok';
}

export class Readiness {
  @ApiProperty({ enum: ['ready'] }) status: 'ready';
  @ApiProperty({ enum: DATABASES }) database: string;
}
