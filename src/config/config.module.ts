import { DynamicModule, Global, Module } from '@nestjs/common';
import { Clock, CLOCK } from '../infrastructure/clock';
import { Config, CONFIG } from './config';

/** Provides what main.ts settled before Nest started: the validated configuration and the clock. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: Config, clock: Clock): DynamicModule {
    return {
      module: ConfigModule,
      providers: [
        { provide: CONFIG, useValue: config },
        { provide: CLOCK, useValue: clock },
      ],
      exports: [CONFIG, CLOCK],
    };
  }
}
