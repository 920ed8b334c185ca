import { Controller, Get, Param } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { PlaybookRegistry, type PlaybookVersion } from './playbook-registry.js';

function summary(v: PlaybookVersion) {
  const p = v.machine.playbook;
  return { key: v.key, version: v.version, hash: v.hash, title: p.title, levels: v.machine.levels };
}

@ApiTags('playbooks')
@Controller('playbooks')
export class PlaybooksController {
  constructor(private readonly registry: PlaybookRegistry) {}

  @Get()
  list() {
    return this.registry.list().map(summary);
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
      taskTemplates: p.tasks,
    };
  }
}
