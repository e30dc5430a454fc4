import { Module } from '@nestjs/common';
import { ChangeWageHandler } from './commands/change-wage.handler';
import { RecordMonthlyPayHandler } from './commands/record-monthly-pay.handler';

/** The wage history's command handlers, for the service and for the command-line tools (app.commands.module.ts). */
@Module({ providers: [ChangeWageHandler, RecordMonthlyPayHandler] })
export class WageCommandsModule {}
