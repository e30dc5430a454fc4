import { Role } from '../shared/vocabulary';

export const CHANNEL_TYPES = ['webhook', 'dingtalk', 'wecom', 'feishu', 'email'] as const;
export type ChannelType = (typeof CHANNEL_TYPES)[number];

/** A secret as kept at rest: AES-256-GCM under the channel's own key in the key store (channel-secrets.ts). */
export interface SealedSecret {
  alg: 'A256GCM';
  iv: string;
  tag: string;
  ciphertext: string;
}

export interface SmtpSettings {
  host: string;
  port: number;
  /** TLS from the start (465); otherwise STARTTLS when the server offers it. */
  secure: boolean;
  user?: string;
  from: string;
  to: string[];
}

/**
 * A place messages go, configured by an admin (POST /api/admin/channels). Whom it
 * serves: a department or an org unit (or the whole organisation when neither is
 * given), optionally narrowed to roles; a personal channel (an e-mail address) names
 * the actor ids (token subjects) it is for, and serves only them.
 */
export interface ChannelConfig {
  id: string;
  type: ChannelType;
  /** The admin's label (no personal data: it shows in the timeline's channel column through the id only). */
  name: string;
  enabled: boolean;
  departments: string[];
  orgUnits: string[];
  roles: Role[];
  actorIds: string[];
  /** Robots and webhooks: where to POST (for WeCom the key is in it; DingTalk's access_token too). */
  url?: string;
  format: 'markdown' | 'text';
  smtp?: SmtpSettings;
  /** The HMAC secret (webhook, DingTalk, Feishu) or the SMTP password: sealed, never answered. */
  secret?: SealedSecret;
}
