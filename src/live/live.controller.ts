import { Controller, Get, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CurrentPrincipal } from '../access/current-principal.decorator.js';
import type { Principal } from '../access/principal.js';
import { ApiErrors } from '../common/error-body.js';
import { BEARER_SCHEME, SESSION_SCHEME } from '../openapi/openapi-document.js';
import { LiveStreams, RECONNECT_MS } from './live-streams.js';

@ApiTags('live')
@ApiBearerAuth(BEARER_SCHEME)
@ApiCookieAuth(SESSION_SCHEME)
@Controller('live')
export class LiveController {
  constructor(private readonly streams: LiveStreams) {}

  @Get()
  @ApiOperation({
    operationId: 'streamChanges',
    summary: 'Server-Sent Events: a notice whenever an incident you may read changes; refetch what you show of it',
    description:
      '`event: change` with data `{"kind": "incident" | "task" | "notification", "incidentId", "unitId"}`, sent after the change ' +
      'committed, for incidents in your units and the units below (all for admins). `event: resync` when this replica may have ' +
      'missed changes (its database feed reconnected): refetch everything shown. A comment line every 15 s keeps proxies from ' +
      `closing the stream; \`retry: ${RECONNECT_MS}\` tells browsers when to reconnect after a drop. The service ends each stream ` +
      'after 10 minutes (so access is checked again when the browser reconnects), and when the replica stops.',
  })
  @ApiProduces('text/event-stream')
  @ApiOkResponse({ description: 'an endless event stream', content: { 'text/event-stream': { schema: { type: 'string', example: 'event: change\ndata: {"kind":"task","incidentId":"…","unitId":"dept"}\n\n' } } } })
  @ApiErrors(401, 429, 503)
  stream(@Res() res: Response, @CurrentPrincipal() me: Principal): void {
    if (!this.streams.accepting) {
      res.status(503).setHeader('Retry-After', '3').json({ statusCode: 503, error: 'unavailable', message: 'this replica is stopping; reconnect', path: '/live' });
      return;
    }
    this.streams.open(res, me);
  }
}
