import { ArchiveAsOf } from '../../src/audit/employee-as-of';
import { archiveFor, envelopeDataFor } from '../../src/audit/personal-data-masking';
import { Principal } from '../../src/auth/principal';

const auditor: Principal = { id: 'auditor-1', roles: ['auditor'], departments: [] };
const admin: Principal = { id: 'admin-1', roles: ['admin'], departments: [] };
const plain = { employeeId: 'E1', name: '欧阳娜娜', idNumber: '11010519491231002X', contact: { phone: '13800000000' } };

describe('personal data as auditors see it', () => {
  it('masks a PersonalDataRecorded stored in plaintext (written before sealing existed) and leaves out contact data', () => {
    expect(envelopeDataFor('PersonalDataRecorded', plain, auditor)).toEqual({
      employeeId: 'E1',
      name: '欧***',
      idNumber: '110105********002X',
    });
    expect(envelopeDataFor('PersonalDataRecorded', plain, admin)).toBe(plain);
  });

  it('passes the sealed form and every other event through unchanged', () => {
    const sealed = { employeeId: 'E1', sealed: { alg: 'A256GCM', iv: 'x', tag: 'y', ciphertext: 'z' } };
    expect(envelopeDataFor('PersonalDataRecorded', sealed, auditor)).toEqual(sealed);
    const hired = { employeeId: 'E1', orgUnit: 'Finance', name: 'not personal here' };
    expect(envelopeDataFor('EmployeeHired', hired, auditor)).toBe(hired);
  });

  it('masks the archive rebuilt as of an instant, unless the caller may see personal data or there is none', () => {
    const archive = {
      status: 'employed',
      employeeId: 'E1',
      personalData: { name: '张三', idNumber: '11010519491231002X', contact: { email: 'z@example.com' } },
    } as unknown as ArchiveAsOf;
    expect(archiveFor(archive, auditor)).toMatchObject({ employeeId: 'E1', personalData: { name: '张*', idNumber: '110105********002X' } });
    expect(archiveFor(archive, auditor).personalData).not.toHaveProperty('contact');
    expect(archiveFor(archive, admin)).toBe(archive);
    const erased = { ...archive, personalData: null } as ArchiveAsOf;
    expect(archiveFor(erased, auditor)).toBe(erased);
  });
});
