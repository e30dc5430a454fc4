import { Proposer, RenewalOffer } from '../offboarding/separation-facts';
import { SeparationReason } from '../shared/vocabulary';

/**
 * Whether a separation reason owes economic compensation (LCL art. 46, statute
 * text at https://m.novel.qq.com/read/1040457304/56). Where the reason code cannot
 * tell, the answer computes what may be owed and says what would cancel it, so an
 * owed payment is never answered with 0. For a mutual agreement and an expiry the
 * case's facts decide (`entitlementFor` below); these two entries are what the
 * reason says without them.
 */
export interface Entitlement {
  owed: boolean;
  /** Why a person must decide (the code cannot tell whether anything is owed). */
  review?: string;
  basis: string;
}

export const ENTITLEMENTS: Record<SeparationReason, Entitlement> = {
  resignation: {
    owed: false,
    basis:
      '辞职（劳动合同法第三十七条）不在第四十六条所列情形之内，不支付经济补偿；因用人单位过错依第三十八条解除的，依第四十六条第（一）项应支付，但无单独的原因代码。' +
      ' / A resignation with notice (LCL art. 37) is not among the cases of art. 46: no compensation. A resignation for the employer’s fault under art. 38 owes it (art. 46(1)) but has no reason code of its own.',
  },
  retirement: {
    owed: false,
    basis:
      '劳动者开始依法享受基本养老保险待遇的，劳动合同终止（第四十四条第（二）项）；第四十六条第（六）项只列第四十四条第（四）、（五）项，不支付经济补偿。' +
      ' / The contract ends when the employee starts to draw the basic pension (art. 44(2)); art. 46(6) names only art. 44(4) and (5): no compensation.',
  },
  dismissal: {
    owed: true,
    review:
      '用人单位解除：依第四十、四十一条解除的应支付（第四十六条第（三）、（四）项），依第三十九条（劳动者过错）解除的不支付；原因代码无法区分。' +
      ' / Dismissal: owed under arts. 40 and 41 (art. 46(3), (4)), not under art. 39 (the employee’s fault); the reason code cannot tell which.',
    basis: '按应支付经济补偿计算，待人工确认解除依据。 / Computed as owed until a person confirms the ground of the dismissal.',
  },
  contract_expiry: {
    owed: true,
    basis:
      '固定期限劳动合同期满终止应支付（第四十六条第（五）项），但用人单位维持或者提高劳动合同约定条件续订而劳动者不同意续订的除外：如属该情形，不支付。' +
      ' / Expiry of a fixed-term contract owes it (art. 46(5)) unless the employer offered renewal on the same or better terms and the employee refused; if so, nothing is owed.',
  },
  mutual_agreement: {
    owed: true,
    basis:
      '由用人单位提出并与劳动者协商一致解除的应支付（第四十六条第（二）项、第三十六条）；如由劳动者提出，不支付。' +
      ' / Owed when the employer proposed the termination and the parties agreed (art. 46(2), art. 36); if the employee proposed it, nothing is owed.',
  },
};

/** The facts of the case that art. 46 turns on for a mutual agreement and an expiry (src/domain/offboarding/separation-facts.ts). */
export interface EntitlementFacts {
  proposedBy?: Proposer | null;
  renewalOffer?: RenewalOffer | null;
}

/** `owed: null`: the facts recorded cannot tell, and the amount is left to a person (`review` says what to record). */
export interface EntitlementAnswer {
  owed: boolean | null;
  review?: string;
  basis: string;
}

/**
 * Art. 46 for the reason and the facts recorded on the case. A mutual agreement
 * owes compensation only when the employer proposed it (art. 46(2), art. 36); an
 * expiry owes it unless the employee refused a renewal on the same or better terms
 * (art. 46(5)): an offer on lower terms, or none, leaves it owed. Unrecorded, the
 * answer is not a guess either way: 0 would underpay an employee who is owed,
 * the full amount would tell HR to pay what the law does not ask.
 */
export function entitlementFor(reason: SeparationReason, facts: EntitlementFacts): EntitlementAnswer {
  if (reason === 'mutual_agreement') return mutualAgreement(facts.proposedBy ?? null);
  if (reason === 'contract_expiry') return contractExpiry(facts.renewalOffer ?? null);
  return ENTITLEMENTS[reason];
}

function mutualAgreement(proposedBy: Proposer | null): EntitlementAnswer {
  if (proposedBy === 'employer') {
    return {
      owed: true,
      basis:
        '由用人单位提出并与劳动者协商一致解除劳动合同，应支付经济补偿（第四十六条第（二）项、第三十六条）。' +
        ' / The employer proposed the termination and the parties agreed: compensation is owed (art. 46(2), art. 36).',
    };
  }
  if (proposedBy === 'employee') {
    return {
      owed: false,
      basis:
        '由劳动者提出并与用人单位协商一致解除劳动合同，不在第四十六条所列情形之内，不支付经济补偿（第四十六条第（二）项只列用人单位提出的情形）。' +
        ' / The employee proposed the termination and the parties agreed: not among the cases of art. 46 (art. 46(2) names only the employer’s proposal): no compensation.',
    };
  }
  const review =
    '协商一致解除：由用人单位提出的应支付经济补偿，由劳动者提出的不支付（第四十六条第（二）项）；案件未记载由谁提出，请在离职案件中记录 proposedBy（employer 或 employee）。' +
    ' / Mutual agreement: compensation is owed when the employer proposed it and not when the employee did (art. 46(2)); the case does not record who proposed it: record proposedBy (employer or employee) on the offboarding case.';
  return { owed: null, review, basis: '金额待人工确认。 / The amount is left to a person.' };
}

function contractExpiry(offer: RenewalOffer | null): EntitlementAnswer {
  if (offer === 'same_or_better_refused') {
    return {
      owed: false,
      basis:
        '用人单位维持或者提高劳动合同约定条件续订劳动合同，劳动者不同意续订，期满终止不支付经济补偿（第四十六条第（五）项）。' +
        ' / The employer offered to renew on the same or better terms and the employee refused: no compensation at expiry (art. 46(5)).',
    };
  }
  if (offer === 'none' || offer === 'lower_refused') {
    const zh = offer === 'none' ? '用人单位未提出续订' : '用人单位降低劳动合同约定条件续订，劳动者不同意';
    const en =
      offer === 'none' ? 'the employer offered no renewal' : 'the employer offered to renew on lower terms and the employee refused';
    return {
      owed: true,
      basis: `固定期限劳动合同期满终止，${zh}：应支付经济补偿（第四十六条第（五）项）。 / A fixed-term contract expired and ${en}: compensation is owed (art. 46(5)).`,
    };
  }
  const review =
    '期满终止：应支付经济补偿，但用人单位维持或者提高约定条件续订而劳动者不同意续订的除外（第四十六条第（五）项）；案件未记载续订情况，请在离职案件中记录 renewalOffer（none、same_or_better_refused 或 lower_refused）。' +
    ' / Contract expiry: compensation is owed unless the employer offered renewal on the same or better terms and the employee refused (art. 46(5)); the case does not record the renewal offer: record renewalOffer (none, same_or_better_refused or lower_refused) on the offboarding case.';
  return { owed: null, review, basis: '金额待人工确认。 / The amount is left to a person.' };
}
