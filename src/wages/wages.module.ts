import { Module } from '@nestjs/common';
import { WageCommandsModule } from './wage-commands.module';
import { WagesController } from './wages.controller';

@Module({ imports: [WageCommandsModule], controllers: [WagesController] })
export class WagesModule {}
