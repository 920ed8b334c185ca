import { Controller, Get, Header, Param } from '@nestjs/common';
import { mermaidDiagram } from '../core/playbook/diagram.js';
import { ApiTags } from '@nestjs/swagger';
import { PlaybookRegistry, type PlaybookVersion } from './playbook-registry.js';

function summary(v: PlaybookVersion) {
  const p = v.machine.playbook;
  // `expires`: a directive's own end date (null when it has none); no incident opens after it.
  return { key: v.key, version: v.version, hash: v.hash, title: p.title, levels: v.machine.levels, expires: p.expires ?? null };
}

@ApiTags('playbooks')
@Controller('playbooks')
export class PlaybooksController {
  constructor(private readonly registry: PlaybookRegistry) {}

  @Get()
  list() {
    return this.registry.list().map(summary);
  }

  /** Mermaid state diagram of the current version: levels, steps, events, delays and guards. */
  @Get(':key/diagram')
  @Header('Content-Type', 'text/plain; charset=utf-8')
  diagram(@Param('key') key: string) {
    const v = this.registry.current(key);
    return mermaidDiagram(v.machine.playbook, v.machine.machine);
  }

  @Get(':key/versions')
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
  get(@Param('key') key: string) {
    const v = this.registry.current(key);
    const p = v.machine.playbook;
    return {
      ...summary(v),
      description: p.description ?? null,
      loadedAt: new Date(v.loadedAt).toISOString(),
      roles: p.roles,
      parties: p.parties,
      events: p.events,
      escalations: p.escalations,
      taskTemplates: p.tasks,
    };
  }
}
