import { Controller, Get, Res, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { ApiSignedIn } from '../access/api-auth.js';
import { ApiErrors } from '../common/error-body.js';
import type { Response } from 'express';
import { AdminGuard } from '../directory/admin.guard.js';
import { Metrics } from './metrics.js';

/**
 * Prometheus metrics, for admins only: the bearer-token guard every route has, then the admin check.
 * The numbers say how busy each unit's playbooks are, which is not for every token holder.
 */
@ApiTags('metrics')
@ApiSignedIn()
@UseGuards(AdminGuard)
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: Metrics) {}

  @Get()
  @ApiOperation({ operationId: 'scrapeMetrics', summary: 'Prometheus metrics (text format); admin token required' })
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Prometheus text exposition format 0.0.4', content: { 'text/plain': { schema: { type: 'string' } } } })
  @ApiErrors(403)
  async scrape(@Res() res: Response): Promise<void> {
    const body = await this.metrics.scrape();
    res.setHeader('Content-Type', this.metrics.contentType);
    res.send(body);
  }
}
