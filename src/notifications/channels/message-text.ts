import { OutboundMessage } from '../outbound-message';

/**
 * The text a person reads: Chinese first, then English, as every message of the
 * service. Only what the message carries (ids, steps, dates): producers put no
 * names or ID numbers in messages (outbound-message.ts), and nothing is added here.
 */
export function markdownOf(message: OutboundMessage): string {
  return [`### ${message.title.zh} / ${message.title.en}`, '', message.text.zh, '', message.text.en, '', footer(message)].join('\n');
}

export function plainTextOf(message: OutboundMessage): string {
  return [`${message.title.zh} / ${message.title.en}`, message.text.zh, message.text.en, footer(message)].join('\n');
}

export function subjectOf(message: OutboundMessage): string {
  return `${message.title.zh} / ${message.title.en}`;
}

/** Ids a reader can look up, and the message id (the receiver's idempotency key, for robots that have no header for it). */
function footer(message: OutboundMessage): string {
  const ids = [message.caseId && `case ${message.caseId}`, message.step && `step ${message.step}`, `msg ${message.id}`].filter(Boolean);
  return ids.join(' · ');
}
