import 'reflect-metadata';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import request from 'supertest';
import { serveConsole } from '../../src/console/console-assets.js';

@Controller('incidents')
class Api {
  @Get() list() {
    return { api: true };
  }
}
@Module({ controllers: [Api] })
class ApiModule {}

/** The console's files as Vite writes them: index.html and hashed assets. */
function fakeBuild(): string {
  const dir = mkdtempSync(join(tmpdir(), 'console-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>console</title>');
  writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log(1)');
  return dir;
}

describe('the web console served at /app/', () => {
  let app: NestExpressApplication;
  let dir: string;
  beforeAll(async () => {
    dir = fakeBuild();
    app = await NestFactory.create<NestExpressApplication>(ApiModule, { logger: false });
    expect(serveConsole(app, dir)).toBe(true);
    await app.init();
  });
  afterAll(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('redirects / to /app/', async () => {
    const res = await request(app.getHttpServer()).get('/');
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('/app/');
  });

  it('answers every page path under /app/ with index.html, never cached, so reloads and shared links work', async () => {
    const bare = await request(app.getHttpServer()).get('/app');
    expect([bare.status, bare.headers.location]).toEqual([301, '/app/']);
    for (const path of ['/app/', '/app/incidents/7f0c', '/app/tasks?overdue=true']) {
      const res = await request(app.getHttpServer()).get(path);
      expect([path, res.status, res.text]).toEqual([path, 200, '<!doctype html><title>console</title>']);
      expect(res.headers['cache-control']).toBe('no-cache');
    }
  });

  it('serves hashed assets cached for a year, and a missing asset is a 404, not the page', async () => {
    const ok = await request(app.getHttpServer()).get('/app/assets/index-abc123.js');
    expect(ok.status).toBe(200);
    expect(ok.headers['cache-control']).toContain('immutable');
    expect((await request(app.getHttpServer()).get('/app/assets/index-old999.js')).status).toBe(404);
  });

  it('leaves the API paths to the API', async () => {
    const res = await request(app.getHttpServer()).get('/incidents');
    expect(res.body).toEqual({ api: true });
  });

  it('mounts nothing when the console was not built', async () => {
    const bare = await NestFactory.create<NestExpressApplication>(ApiModule, { logger: false });
    expect(serveConsole(bare, join(dir, 'missing'))).toBe(false);
    await bare.init();
    expect((await request(bare.getHttpServer()).get('/app/')).status).toBe(404);
    await bare.close();
  });
});
