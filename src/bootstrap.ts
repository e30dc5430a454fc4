import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppModule, AppOptions } from './app.module';
import { Config } from './config/config';
import { withIdempotencyKey } from './http/idempotency-openapi';
import { jsonBody } from './http/json-body';
import { loosePermissions } from './infrastructure/data-dir';
import { rejectOperatorKeys } from './http/operator-keys';
import { noStore } from './http/no-store';
import { requestLog } from './http/request-log';
import { securityHeaders } from './http/security-headers';
import { validationPipe } from './http/validation';
import { httpMetrics } from './metrics/http-metrics.middleware';
import { MetricsService } from './metrics/metrics.service';

/** Builds the HTTP application (used by main.ts and by the end-to-end tests). */
export async function createApp(config: Config, options: AppOptions = {}): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, options), {
    bufferLogs: true,
    bodyParser: false,
    // Throw instead of exiting, so main.ts and the tests see why start-up failed.
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  // Never fatal: the operator may have opened DATA_DIR to a backup user on purpose; they are told, by path and mode.
  for (const warning of loosePermissions(config.dataDir)) app.get(Logger).warn(warning, 'DataDir');
  app.use(requestLog());
  app.use('/api', noStore);
  app.use(httpMetrics(app.get(MetricsService)));
  // The body parser with its size and depth limits, its errors answered with our codes (json-body.ts).
  app.use(...jsonBody());
  app.use(securityHeaders());
  app.use(rejectOperatorKeys);
  // No cross-origin access unless CORS_ORIGINS lists the front-ends' origins.
  if (config.corsOrigins.length) app.enableCors({ origin: config.corsOrigins, allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'X-Correlation-Id'], exposedHeaders: ['X-Correlation-Id', 'Retry-After'] });
  app.useGlobalPipes(validationPipe());
  app.disable('x-powered-by');
  const document = withIdempotencyKey(SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Offboarding ledger')
      .setDescription('Personnel archives, social insurance and offboarding, as an immutable event log (see API.md).')
      .setVersion('1')
      .addBearerAuth()
      .build(),
  ));
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json' });
  return app;
}
