/**
 * The bare route bench:api measures beside the service: a Nest controller whose
 * GET and POST do nothing, on Fastify (the service's framework: the ceiling the
 * service's answers are a ratio of) or on Express (the framework comparison). Run
 * as a child process: `node -r ts-node/register/transpile-only bare-route.ts
 * fastify|express PORT`; bench/support/service.ts starts it.
 */
import 'reflect-metadata';
import { Body, Controller, Get, Module, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { FastifyAdapter } from '@nestjs/platform-fastify';

export const BARE_PATH = '/bare';
export type Framework = 'fastify' | 'express';

@Controller('bare')
class BareController {
  @Get()
  read(): { ok: true } {
    return { ok: true };
  }

  /** Takes the body as a command route does (parsed JSON), and answers 201 as they do. */
  @Post()
  command(@Body() _body: unknown): { ok: true } {
    return { ok: true };
  }
}

@Module({ controllers: [BareController] })
class BareModule {}

async function main(): Promise<void> {
  const [framework, port] = process.argv.slice(2);
  if (framework !== 'fastify' && framework !== 'express') throw new Error('usage: bare-route.ts fastify|express PORT');
  const adapter = framework === 'fastify' ? new FastifyAdapter() : new ExpressAdapter();
  const app = await NestFactory.create(BareModule, adapter, { logger: false });
  await app.listen(Number(port), '127.0.0.1');
  process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
