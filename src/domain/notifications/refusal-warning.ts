import { Refusal } from '../audit/refusal-log';
import { OffboardingCase } from '../offboarding/offboarding.state';
import { assigneeOf } from '../policy/assignee';
import { Role, ROLES } from '../shared/vocabulary';
import { PlannedAudience, PlannedMessage } from './planned-message';

/** A recorded refusal (CommandRefused) as the warning reactor reads it from the log. */
export interface RecordedRefusal {
  /** The CommandRefused event's id: the warning's id derives from it. */
  eventId: string;
  recordedAt: string;
  actor?: { id: string; role: string };
  refusal: Refusal;
}

export const warningId = (refusalEventId: string) => `warning:${refusalEventId}`;

/**
 * The real-time warning of a refused command (推送实时警示): at once (notBefore =
 * when the refusal was recorded), to the operator who sent it and to the
 * hr_manager of the step's department (of the case's pinned policy, when the
 * refusal names a case and step), with the code, the refusal's bilingual message,
 * the missing steps and what to do first (the first of them, and who does it).
 * Ids only, never a name. A refusal by the system (a reactor) warns the manager only.
 */
export function refusalWarning({ eventId, recordedAt, actor, refusal }: RecordedRefusal, openCase?: OffboardingCase): PlannedMessage {
  const steps = openCase?.policy.steps ?? [];
  const definition = steps.find((s) => s.key === refusal.step);
  const department = definition ? assigneeOf(definition).department : undefined;
  const missing = (refusal.missing ?? []).map((key) => {
    const step = steps.find((s) => s.key === key);
    return { step: key, title: step?.title ?? { zh: key, en: key }, assignee: step ? assigneeOf(step) : undefined };
  });
  const audience: PlannedAudience[] = [];
  if (actor && (ROLES as readonly string[]).includes(actor.role))
    audience.push(withDepartment({ kind: 'actor', actorId: actor.id }, department));
  audience.push(withDepartment({ kind: 'role', role: 'hr_manager' as Role }, department));

  const about = {
    zh: refusal.subjects.caseId
      ? `离职案件 ${refusal.subjects.caseId}`
      : refusal.subjects.employeeId
        ? `员工 ${refusal.subjects.employeeId}`
        : '',
    en: refusal.subjects.caseId
      ? `offboarding case ${refusal.subjects.caseId}`
      : refusal.subjects.employeeId
        ? `employee ${refusal.subjects.employeeId}`
        : '',
  };
  const what = {
    zh: definition ? `「${definition.title.zh}」` : refusal.command,
    en: definition ? `"${definition.title.en}"` : refusal.command,
  };
  const first = missing[0];
  const who = first?.assignee ? `${first.assignee.role}${first.assignee.department ? `, ${first.assignee.department}` : ''}` : '';
  const firstWho = { zh: who ? `（经办：${who}）` : '', en: who ? ` (${who})` : '' };
  return {
    id: warningId(eventId),
    kind: 'warning',
    audience,
    title: { zh: `操作被拒绝：${what.zh}（${refusal.code}）`, en: `Refused: ${what.en} (${refusal.code})` },
    text: {
      zh:
        `${about.zh ? `${about.zh}：` : ''}${what.zh}被拒绝（${refusal.code}）。${refusal.message}` +
        (missing.length > 0 ? ` 尚缺：${missing.map((m) => m.title.zh).join('、')}；请先办理「${first.title.zh}」${firstWho.zh}。` : ''),
      en:
        `${about.en ? `${about.en}: ` : ''}${what.en} was refused (${refusal.code}). ${refusal.message}` +
        (missing.length > 0 ? ` Missing: ${missing.map((m) => m.title.en).join(', ')}; do "${first.title.en}"${firstWho.en} first.` : ''),
    },
    notBefore: new Date(recordedAt).toISOString(),
    ...(refusal.subjects.caseId ? { caseId: refusal.subjects.caseId } : {}),
    ...(refusal.subjects.employeeId ? { employeeId: refusal.subjects.employeeId } : {}),
    ...(definition ? { step: definition.key } : {}),
    payload: {
      code: refusal.code,
      command: refusal.command,
      ...(refusal.action ? { action: refusal.action } : {}),
      missing: missing.map((m) => m.step),
      doFirst: first ? { step: first.step, assignee: first.assignee ?? null } : null,
      refusalEventId: eventId,
    },
  };
}

const withDepartment = <A extends PlannedAudience>(audience: A, department: string | undefined): A =>
  department === undefined ? audience : { ...audience, department };
