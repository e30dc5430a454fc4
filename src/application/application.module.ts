import { Global, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { RefusalsOnTheCommandBus } from './refusals-on-the-command-bus';

/**
 * The application layer's buses: each feature module lists its command and query
 * handlers, and everything dispatches through CommandBus / QueryBus. Nest's
 * EventBus is not used: projections and reactors read the store's global log with
 * their own checkpoints (it is ordered, awaited and persisted; the bus is not).
 */
@Global()
@Module({ imports: [CqrsModule.forRoot()], providers: [RefusalsOnTheCommandBus] })
export class ApplicationModule {}
