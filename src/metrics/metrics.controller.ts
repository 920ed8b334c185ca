import { Controller, Get, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AdminGuard } from '../directory/admin.guard.js';
import { Metrics } from './metrics.js';

/**
 * Prometheus metrics, for admins only: the bearer-token guard every route has, then the admin check.
 * The numbers say how busy each unit's playbooks are, which is not for every token holder.
 */
@ApiTags('metrics')
@ApiBearerAuth()
@UseGuards(AdminGuard)
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: Metrics) {}

  @Get()
  @ApiOperation({ summary: 'Prometheus metrics (text format); admin token required' })
  async scrape(@Res() res: Response): Promise<void> {
    const body = await this.metrics.scrape();
    res.setHeader('Content-Type', this.metrics.contentType);
    res.send(body);
  }
}
