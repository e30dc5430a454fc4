import { ApiProperty } from '@nestjs/swagger';
import { CommandResult } from '../event-sourcing/command-handler';

/** Every successful command answers where its events went (docs/API.md). */
export class CommandResponse {
  @ApiProperty({ example: 'employee-E1001' })
  stream!: string;

  @ApiProperty({ description: 'Revision of the stream after the command', example: 3 })
  revision!: number;

  @ApiProperty({ description: 'Global position of the last event written; a decimal string, as positions are 64-bit', example: '1042' })
  position!: string;
}

export const commandResponse = (result: CommandResult): CommandResponse => ({
  stream: result.stream,
  revision: Number(result.revision),
  position: result.position.toString(),
});
