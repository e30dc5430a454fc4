import { Module } from '@nestjs/common';
import { ChangeWageHandler } from './commands/change-wage.handler';
import { RecordMonthlyPayHandler } from './commands/record-monthly-pay.handler';
import { WagesController } from './wages.controller';

@Module({ controllers: [WagesController], providers: [ChangeWageHandler, RecordMonthlyPayHandler] })
export class WagesModule {}
