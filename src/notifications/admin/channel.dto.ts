import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsString,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { ROLES, Role } from '../../domain/shared/vocabulary';
import { IsText, Optional, Pattern } from '../../http/validators';
import { CHANNEL_TYPES, ChannelType } from '../channels/channel';
import { PageQuery } from '../../http/paging';

const NAME = /^[A-Za-z0-9_\-\u4e00-\u9fff]{1,60}$/;

export class SmtpDto {
  @ApiProperty({ example: 'smtp.example.com' })
  @Pattern(/^[A-Za-z0-9.-]{1,253}$/, { message: 'smtp.host must be a host name or address' })
  host!: string;

  @ApiProperty({ example: 587, minimum: 1, maximum: 65535 })
  @IsInt({ message: 'smtp.port must be a whole number' })
  @Min(1, { message: 'smtp.port must be 1 to 65535' })
  @Max(65535, { message: 'smtp.port must be 1 to 65535' })
  port!: number;

  @ApiPropertyOptional({ default: false, description: 'TLS from the start (port 465); otherwise STARTTLS when offered' })
  @Optional()
  @IsBoolean({ message: 'smtp.secure must be true or false' })
  secure?: boolean;

  @ApiPropertyOptional({ description: 'SMTP user; the password is the channel secret' })
  @Optional()
  @IsString({ message: 'smtp.user must be text' })
  @MaxLength(200)
  user?: string;

  @ApiProperty({ example: 'hr-notify@example.com', format: 'email' })
  @IsEmail({}, { message: 'smtp.from must be an e-mail address' })
  from!: string;

  @ApiProperty({ example: ['it-dept@example.com'] })
  @IsArray({ message: 'smtp.to must be a list of e-mail addresses' })
  @ArrayMaxSize(50)
  @IsEmail({}, { each: true, message: 'smtp.to must hold e-mail addresses' })
  to!: string[];
}

/** Who a channel serves and how to reach it; `secret` is write-only (answers show `secretSet`). */
export class ChannelBodyDto {
  @ApiPropertyOptional({ example: 'it-robot', description: 'Letters, digits, _ and -; made up when absent (POST only)' })
  @Optional()
  @Pattern(/^[a-z0-9][a-z0-9_-]{0,59}$/, { message: 'id must be lower-case letters, digits, _ or -, at most 60' })
  id?: string;

  @ApiProperty({ enum: CHANNEL_TYPES })
  @IsIn(CHANNEL_TYPES, { message: `type must be one of ${CHANNEL_TYPES.join(', ')}` })
  type!: ChannelType;

  @ApiProperty({ example: 'IT 部门机器人', description: 'A label for admins (no personal data)' })
  @IsText({ max: 100 })
  name!: string;

  @ApiPropertyOptional({ default: true })
  @Optional()
  @IsBoolean({ message: 'enabled must be true or false' })
  enabled?: boolean;

  @ApiPropertyOptional({ example: ['it'], description: 'Departments served; none and no orgUnits: the whole organisation' })
  @Optional()
  @IsArray({ message: 'departments must be a list' })
  @ArrayMaxSize(50)
  @Pattern(NAME, { each: true, message: 'departments must hold department keys (letters, digits, _ -, 汉字)' })
  departments?: string[];

  @ApiPropertyOptional({ example: ['shanghai-campus'] })
  @Optional()
  @IsArray({ message: 'orgUnits must be a list' })
  @ArrayMaxSize(50)
  @Pattern(NAME, { each: true, message: 'orgUnits must hold org unit keys (letters, digits, _ -, 汉字)' })
  orgUnits?: string[];

  @ApiPropertyOptional({ enum: ROLES, isArray: true, description: 'Only messages for these roles; none: every role' })
  @Optional()
  @IsArray({ message: 'roles must be a list' })
  @IsIn(ROLES, { each: true, message: `roles must hold roles among ${ROLES.join(', ')}` })
  roles?: Role[];

  @ApiPropertyOptional({ description: 'A personal channel (an e-mail): the token subjects it serves, and only them' })
  @Optional()
  @IsArray({ message: 'actorIds must be a list' })
  @ArrayMaxSize(50)
  @Pattern(/^[A-Za-z0-9_.@:-]{1,100}$/, { each: true, message: 'actorIds must hold token subjects' })
  actorIds?: string[];

  @ApiPropertyOptional({
    example: 'https://oapi.dingtalk.com/robot/send?access_token=…',
    description: 'http or https; required but for email',
  })
  @Optional()
  @MaxLength(2000, { message: 'url must be at most 2000 characters' })
  @Pattern(/^https?:\/\/[^\s]+$/i, { message: 'url must be an http or https URL' })
  url?: string;

  @ApiPropertyOptional({ enum: ['markdown', 'text'], default: 'markdown' })
  @Optional()
  @IsIn(['markdown', 'text'], { message: 'format must be markdown or text' })
  format?: 'markdown' | 'text';

  @ApiPropertyOptional({ type: SmtpDto, description: 'Required for email' })
  @Optional()
  @ValidateNested()
  @Type(() => SmtpDto)
  smtp?: SmtpDto;

  @ApiPropertyOptional({
    description:
      'The HMAC secret (webhook: signs t.body; DingTalk: the SEC… 加签 secret; Feishu: the 签名校验 secret) or the SMTP password. ' +
      'Encrypted at rest, never answered; PATCH with null removes it.',
  })
  @Optional()
  @IsString({ message: 'secret must be text' })
  @MinLength(8, { message: 'secret must be at least 8 characters' })
  @MaxLength(500, { message: 'secret must be at most 500 characters' })
  secret?: string | null;
}

/** PATCH: any field of the POST but id and type; `secret: null` removes the secret. */
export class ChannelPatchDto extends PartialType(OmitType(ChannelBodyDto, ['id', 'type'] as const)) {}

export class DeliveriesQuery extends PageQuery {
  @ApiProperty({ enum: ['pending', 'sent', 'dead'] })
  @IsIn(['pending', 'sent', 'dead'], { message: 'state must be pending, sent or dead' })
  state!: 'pending' | 'sent' | 'dead';
}
