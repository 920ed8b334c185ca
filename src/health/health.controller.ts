import { Controller, Get } from '@nestjs/common';
import { Public } from '../access/public.decorator.js';
import { ApiTags } from '@nestjs/swagger';
import { Database } from '../database/database.js';
import { DomainError } from '../common/errors.js';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly db: Database) {}

  @Get()
  async check() {
    try {
      await this.db.read((sql) => sql.rows('SELECT 1'));
    } catch {
      // Whatever the cause, a database that cannot answer SELECT 1 makes this replica unhealthy.
      throw new DomainError(503, 'unavailable', 'the database is unreachable', { database: this.db.kind });
    }
    return { status: 'ok', database: this.db.kind };
  }
}
