import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Principal, seesPersonalData } from '../auth/principal';
import { maskName } from '../domain/employee/personal-data';
import { employmentPeriods } from '../domain/employee/employee.decider';
import { maskResidentId } from '../domain/employee/resident-id';
import { INSURANCE_TYPES } from '../domain/shared/vocabulary';
import { lastPaidMonth } from '../domain/social-insurance/insurance.decider';
import { insuranceState } from '../domain/social-insurance/paid-runs';
import { EmployeeProfileDocument } from './employee-profile.projection';
import { OpenedPersonalData } from './profile-personal-data';

export class EmployeeProfileView {
  @ApiProperty({ type: String, example: 'E1001' }) employeeId!: string;
  @ApiProperty({ type: String, enum: ['employed', 'separated'] }) status!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    example: '张三',
    description: 'Masked (张*) for roles that may not see personal data; null once erased',
  })
  name!: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    example: '110105********002X',
    description: 'Masked for roles that may not see personal data; null once erased',
  })
  idNumber!: string | null;
  @ApiPropertyOptional({ type: Object, description: 'phone, email, address; only for roles that may see personal data' }) contact?: Record<
    string,
    string | undefined
  >;
  @ApiProperty({
    type: Boolean,
    description: 'Erased by crypto-shredding (DELETE /api/employees/{id}/personal-data): name, idNumber and contact are gone for good',
  })
  personalDataErased!: boolean;
  @ApiProperty({ type: String }) orgUnit!: string;
  @ApiProperty({ type: String }) category!: string;
  @ApiProperty({ type: String }) region!: string;
  @ApiProperty({ type: String, example: '2020-01-06', description: 'The hire date of the current employment period (the latest rehire)' })
  hireDate!: string;
  @ApiProperty({
    type: Object,
    isArray: true,
    example: [{ hireDate: '2015-03-02', terminationDate: '2019-06-30', caseId: 'C01…' }, { hireDate: '2020-01-06' }],
    description: 'Every employment period on this archive, oldest first; the last is the current one (no terminationDate while employed)',
  })
  employmentPeriods!: object[];
  @ApiPropertyOptional({
    type: Object,
    description: 'Service moved from an earlier employer not of the employee’s own will (Regs art. 10), for the current period',
  })
  priorTransfer?: object;
  @ApiProperty({
    type: Number,
    example: 20000,
    description: 'The contractual monthly wage as last agreed (the latest entry of wageHistory), CNY',
  })
  monthlyWage!: number;
  @ApiProperty({
    type: Object,
    isArray: true,
    example: [
      { effectiveDate: '2020-01-06', monthlyWage: 12000 },
      { effectiveDate: '2024-01-01', monthlyWage: 20000 },
    ],
    description: 'The contractual monthly wage over time, oldest first; the hire wage is the first entry (POST /api/employees/{id}/wages)',
  })
  wageHistory!: object[];
  @ApiProperty({ type: String, nullable: true }) position!: string | null;
  @ApiProperty({ type: Object, isArray: true }) contracts!: object[];
  @ApiProperty({ type: String, nullable: true }) openCaseId!: string | null;
  @ApiProperty({ type: Object, nullable: true }) separation!: object | null;
  @ApiProperty({ type: Object, nullable: true }) socialInsurance!: object | null;
  @ApiProperty({ type: String, nullable: true }) updatedAt!: string | null;
}

/**
 * The profile as the caller may see it, with the personal data opened from the
 * sealed event (the document holds none): auditors and investigators get names
 * and ID numbers masked.
 */
export function profileView(doc: EmployeeProfileDocument, opened: OpenedPersonalData, principal: Principal): EmployeeProfileView | null {
  const e = doc.employee;
  if (e.status === 'none') return null;
  const personal = opened.personalData;
  const unmasked = seesPersonalData(principal);
  const insurance = doc.insurance ? insuranceState(doc.insurance) : null;
  const period = insurance?.periods.at(-1);
  return {
    employeeId: e.employeeId,
    status: e.status,
    name: personal ? (unmasked ? personal.name : maskName(personal.name)) : null,
    idNumber: personal ? (unmasked ? personal.idNumber : maskResidentId(personal.idNumber)) : null,
    ...(unmasked && personal ? { contact: { ...personal.contact } } : {}),
    personalDataErased: e.personalDataErased || opened.erased,
    orgUnit: e.orgUnit,
    category: e.category,
    region: e.region,
    hireDate: e.hireDate,
    employmentPeriods: employmentPeriods(e),
    ...(e.priorTransfer ? { priorTransfer: e.priorTransfer } : {}),
    monthlyWage: e.monthlyWage,
    wageHistory: e.wages.map((w) => ({ ...w })),
    position: e.position,
    contracts: e.contracts,
    openCaseId: e.openCaseId,
    separation: e.status === 'separated' ? e.separation : null,
    socialInsurance:
      insurance && period
        ? {
            enrolled: true,
            startMonth: period.startMonth,
            insuranceTypes: period.insuranceTypes,
            contributionBase: period.bases.at(-1)?.contributionBase ?? null,
            lastPaidMonth: Object.fromEntries(INSURANCE_TYPES.map((t) => [t, lastPaidMonth(insurance, t)]).filter(([, m]) => m)),
            transferOut: period.transferOut,
          }
        : null,
    updatedAt: doc.updatedAt,
  };
}
