import { NotifyConfig } from '../../config/config';

/**
 * The wait before attempt `attempts + 1`: exponential backoff with full jitter
 * (a uniform draw between 0 and min(max, base·2^(attempts−1))), so that receivers
 * coming back from an outage are not hit by every retry at once
 * (AWS Architecture Blog, "Exponential Backoff And Jitter", 2015).
 */
export function backoffMs(attempts: number, config: Pick<NotifyConfig, 'backoffBaseMs' | 'backoffMaxMs'>, random = Math.random): number {
  const ceiling = Math.min(config.backoffMaxMs, config.backoffBaseMs * 2 ** Math.min(attempts - 1, 30));
  return Math.floor(random() * ceiling);
}
