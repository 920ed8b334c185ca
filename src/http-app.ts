import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { HttpErrorFilter } from './common/http-error.filter.js';
import { validationPipe } from './common/validation.js';

/** Everything about the HTTP surface that main.ts and the tests must share. */
export function configureHttp(app: INestApplication): void {
  app.useGlobalPipes(validationPipe());
  app.useGlobalFilters(new HttpErrorFilter());
  const doc = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Tiered response playbook engine')
      .setDescription('Incidents, levels and tasks from response playbooks. Mutating requests name their actor in X-Actor.')
      .setVersion('0.1')
      .build(),
  );
  SwaggerModule.setup('docs', app, doc);
}
