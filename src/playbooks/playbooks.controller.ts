import { Controller, Get, Header, Param, Query } from '@nestjs/common';
import { ApiExtraModels, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { ApiSignedIn } from '../access/api-auth.js';
import { ApiErrors, ErrorBody } from '../common/error-body.js';
import { mermaidDiagram } from '../core/playbook/diagram.js';
import { DataDueView, EscalationChainView, EventFieldView, PlaybookDetail, PlaybookSummary, PlaybookVersionView, RecurrenceRuleView } from './playbook-responses.js';
import { PlaybookRegistry, type PlaybookVersion } from './playbook-registry.js';
import { DiagramQuery } from './playbook.dto.js';

function summary(v: PlaybookVersion) {
  const p = v.machine.playbook;
  // `expires`: a directive's own end date (null when it has none); no incident opens after it.
  return { key: v.key, version: v.version, hash: v.hash, title: p.title, levels: v.machine.levels, expires: p.expires ?? null };
}

@ApiTags('playbooks')
@ApiSignedIn()
@ApiExtraModels(DataDueView, EscalationChainView, EventFieldView, RecurrenceRuleView)
@Controller('playbooks')
export class PlaybooksController {
  constructor(private readonly registry: PlaybookRegistry) {}

  @Get()
  @ApiOperation({ operationId: 'listPlaybooks', summary: 'The playbooks loaded, each at its current version' })
  @ApiOkResponse({ type: [PlaybookSummary] })
  list() {
    return this.registry.list().map(summary);
  }

  /** Mermaid state diagram of the current version: levels, steps, events, delays and guards (and, with details, what each state does). */
  @Get(':key/diagram')
  @ApiOperation({ operationId: 'getPlaybookDiagram', summary: 'Mermaid state diagram of the current version' })
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'Mermaid source (stateDiagram-v2)', content: { 'text/plain': { schema: { type: 'string' } } } })
  // The route's fixed Content-Type is set once the guard has passed, so this 404's JSON body goes out labelled text/plain.
  @ApiNotFoundResponse({ description: 'No playbook with this key (an ErrorBody, sent as text/plain).', content: { 'text/plain': { schema: { $ref: getSchemaPath(ErrorBody) } } } })
  @Header('Content-Type', 'text/plain; charset=utf-8')
  diagram(@Param('key') key: string, @Query() q: DiagramQuery) {
    const v = this.registry.current(key);
    return mermaidDiagram(v.machine.playbook, v.machine.machine, { details: q.details === 'true' });
  }

  @Get(':key/versions')
  @ApiOperation({ operationId: 'listPlaybookVersions', summary: 'Every version of a playbook, newest first, with how many incidents run on each' })
  @ApiOkResponse({ type: [PlaybookVersionView] })
  @ApiErrors(404)
  async versions(@Param('key') key: string) {
    const current = this.registry.current(key);
    return (await this.registry.versions(key)).map((v) => ({
      version: v.version,
      hash: v.content_hash,
      loadedAt: new Date(v.loaded_at).toISOString(),
      current: v.id === current.id,
      incidents: v.incidents,
    }));
  }

  @Get(':key')
  @ApiOperation({ operationId: 'getPlaybook', summary: 'The current version of a playbook: levels, roles, parties, events, escalations, task templates' })
  @ApiOkResponse({ type: PlaybookDetail })
  @ApiErrors(404)
  get(@Param('key') key: string) {
    const v = this.registry.current(key);
    const p = v.machine.playbook;
    return {
      ...summary(v),
      description: p.description ?? null,
      loadedAt: new Date(v.loadedAt).toISOString(),
      roles: p.roles,
      parties: p.parties,
      kinds: p.kinds ?? [],
      events: p.events,
      escalations: p.escalations,
      taskTemplates: p.tasks,
    };
  }
}
