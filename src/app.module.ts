import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ScheduleModule } from '@nestjs/schedule';
import { AuthGuard } from './access/auth.guard.js';
import { PrincipalCache } from './access/principal-cache.js';
import { JwtVerifier } from './access/jwt-verifier.js';
import { MeController } from './access/me.controller.js';
import { CLOCK, systemClock } from './common/clock.js';
import { AppConfig } from './config/app-config.js';
import { Database } from './database/database.js';
import { DirectoryController } from './directory/directory.controller.js';
import { DirectoryService } from './directory/directory.service.js';
import { HealthController } from './health/health.controller.js';
import { ReadinessCheck } from './health/readiness.js';
import { HttpDrain } from './lifecycle/http-drain.js';
import { Lifecycle } from './lifecycle/lifecycle.js';
import { Shutdown } from './lifecycle/shutdown.js';
import { IncidentEngine } from './incidents/incident-engine.js';
import { TaskCommands } from './tasks/task-commands.js';
import { TimerFiring } from './timers/timer-firing.js';
import { IncidentsController } from './incidents/incidents.controller.js';
import { IncidentsService } from './incidents/incidents.service.js';
import { PlaybookRegistry } from './playbooks/playbook-registry.js';
import { PlaybooksController } from './playbooks/playbooks.controller.js';
import { TasksController } from './tasks/tasks.controller.js';
import { TasksService } from './tasks/tasks.service.js';
import { Dispatcher } from './notifications/dispatcher.js';
import { NotificationsController } from './notifications/notifications.controller.js';
import { Scheduler } from './timers/scheduler.js';
import { TimerPoller } from './timers/timer-poller.js';
import type { Foundations } from './foundations.js';
import { LoggingModule } from './logging/logging.module.js';
import { EngineObserver } from './metrics/engine-observer.js';
import { MetricsController } from './metrics/metrics.controller.js';
import { Metrics } from './metrics/metrics.js';
import { BoardController } from './board/board.controller.js';
import { BoardService } from './board/board.service.js';
import { ChangeFeed } from './live/change-feed.js';
import { LiveController } from './live/live.controller.js';
import { LiveStreams } from './live/live-streams.js';
import { Sessions } from './sign-in/sessions.js';
import { SignInLinks } from './sign-in/sign-in-links.js';
import { SignInThrottle } from './sign-in/sign-in-throttle.js';
import { SignInController } from './sign-in/sign-in.controller.js';
import { SignInService } from './sign-in/sign-in.service.js';

/**
 * The HTTP application around foundations that were opened before Nest starts (database, migrations,
 * playbooks), so that a bad config, a locked data folder or a bad playbook stops start-up with its own
 * message rather than a dependency-injection trace.
 */
@Module({})
export class AppModule {
  static forRoot(f: Foundations): DynamicModule {
    const c = f.config;
    const jwt: Provider[] =
      c.JWT_ISSUER && c.JWT_JWKS_URL ? [{ provide: JwtVerifier, useValue: new JwtVerifier(c.JWT_ISSUER, c.JWT_JWKS_URL, c.JWT_AUDIENCE) }] : [];
    return {
      module: AppModule,
      imports: [ScheduleModule.forRoot(), LoggingModule.forRoot(c)],
      controllers: [HealthController, MeController, PlaybooksController, IncidentsController, TasksController, NotificationsController, DirectoryController, MetricsController, SignInController, LiveController, BoardController],
      providers: [
        { provide: AppConfig, useValue: c },
        { provide: Database, useValue: f.db },
        { provide: PlaybookRegistry, useValue: f.registry },
        { provide: CLOCK, useValue: systemClock },
        ...jwt,
        { provide: APP_GUARD, useClass: AuthGuard },
        PrincipalCache,
        IncidentEngine,
        TaskCommands,
        TimerFiring,
        IncidentsService,
        TasksService,
        DirectoryService,
        TimerPoller,
        Dispatcher,
        Scheduler,
        Lifecycle,
        ReadinessCheck,
        HttpDrain,
        Shutdown,
        Metrics,
        EngineObserver,
        ChangeFeed,
        LiveStreams,
        BoardService,
        Sessions,
        SignInLinks,
        SignInThrottle,
        SignInService,
      ],
    };
  }
}
