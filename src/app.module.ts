import { Module, type DynamicModule } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { CLOCK, systemClock } from './common/clock.js';
import { AppConfig } from './config/app-config.js';
import { Database } from './database/database.js';
import { HealthController } from './health/health.controller.js';
import { IncidentEngine } from './incidents/incident-engine.js';
import { IncidentsController } from './incidents/incidents.controller.js';
import { IncidentsService } from './incidents/incidents.service.js';
import { PlaybookRegistry } from './playbooks/playbook-registry.js';
import { PlaybooksController } from './playbooks/playbooks.controller.js';
import { TasksController } from './tasks/tasks.controller.js';
import { TasksService } from './tasks/tasks.service.js';
import type { Foundations } from './foundations.js';

/**
 * The HTTP application around foundations that were opened before Nest starts (database, migrations,
 * playbooks), so that a bad config, a locked data folder or a bad playbook stops start-up with its own
 * message rather than a dependency-injection trace.
 */
@Module({})
export class AppModule {
  static forRoot(f: Foundations): DynamicModule {
    return {
      module: AppModule,
      imports: [ScheduleModule.forRoot()],
      controllers: [HealthController, PlaybooksController, IncidentsController, TasksController],
      providers: [
        { provide: AppConfig, useValue: f.config },
        { provide: Database, useValue: f.db },
        { provide: PlaybookRegistry, useValue: f.registry },
        { provide: CLOCK, useValue: systemClock },
        IncidentEngine,
        IncidentsService,
        TasksService,
      ],
    };
  }
}
