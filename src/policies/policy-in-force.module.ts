import { Module } from '@nestjs/common';
import { PoliciesService } from './policies.service';

/**
 * The policy in force, read from its stream, for the command handlers that pin
 * one (hire, open a case) and the severance answer; apart from PoliciesModule so
 * that the command-line tools have it without the read side (its queries need
 * the read store, which they do not open).
 */
@Module({ providers: [PoliciesService], exports: [PoliciesService] })
export class PolicyInForceModule {}
