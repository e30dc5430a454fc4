import { Role, StepKey } from '../shared/vocabulary';

/**
 * A message the domain decides to push: the shape of notifications' OutboundMessage
 * (src/notifications/outbound-message.ts), declared here because the domain imports
 * nothing outside itself; a reactor hands it to the outbox as it is.
 */
export type PlannedAudience = { kind: 'role'; role: Role; department?: string } | { kind: 'actor'; actorId: string; department?: string };

export interface PlannedMessage {
  /** The idempotency key: derived from the event that caused the message, so a replay plans the same ids. */
  id: string;
  kind: 'reminder' | 'escalation' | 'warning';
  audience: PlannedAudience[];
  title: { zh: string; en: string };
  text: { zh: string; en: string };
  /** ISO 8601 instant (UTC). */
  notBefore: string;
  caseId?: string;
  employeeId?: string;
  step?: StepKey;
  payload?: Record<string, unknown>;
}

/** When office hours start, in the business time zone: reminders are not sent at night nor on days off. */
export interface OfficeHours {
  timeZone: string;
  /** 0–23: the hour of the business day from which a reminder may go out (9: 09:00). */
  hour: number;
}

/**
 * The note a message carries when a date it names falls in a year with no published holidays: `statutory` when
 * the statutory days off of those years were left out of the working days (working-days.ts coverage).
 */
export function unpublishedYearsNote(years: string[], statutory: boolean): { zh: string; en: string } | null {
  if (years.length === 0) return null;
  const list = years.join(', ');
  return statutory
    ? {
        zh: `注：${list} 年节假日安排未发布，工作日按周一至周五除去法定节假日计算，调休未计。`,
        en: `Note: public holidays for ${list} are not published; working days counted Monday to Friday less the statutory holidays, without bridging or make-up days.`,
      }
    : {
        zh: `注：${list} 年节假日安排未发布，工作日按周一至周五计算。`,
        en: `Note: public holidays for ${list} are not published; working days counted Monday to Friday.`,
      };
}
