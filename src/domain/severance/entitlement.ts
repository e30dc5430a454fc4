import { SeparationReason } from '../shared/vocabulary';

/**
 * Whether a separation reason owes economic compensation (LCL art. 46, statute
 * text at https://m.novel.qq.com/read/1040457304/56). Where the reason code cannot
 * tell, the answer computes what may be owed and says what would cancel it, so an
 * owed payment is never answered with 0.
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
