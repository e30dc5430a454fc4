import { EMPLOYEE_PROFILES, EmployeeProfileDocument, employeeProfiles } from '../../src/employees/employee-profile.projection';
import { event, projectionSpec } from '../support/projection-harness';

const PERSONAL = {
  employeeId: 'E1',
  name: '司马蔷薇',
  idNumber: '440305198704121238',
  contact: { email: 'qiangwei.sima@example.org', phone: '13912345678' },
};
const hired = event('employee-E1', 'EmployeeHired', {
  employeeId: 'E1',
  orgUnit: 'Finance',
  category: 'enterprise_regular',
  region: 'shanghai',
  hireDate: '2020-01-06',
  monthlyWage: 12000,
  position: null,
});

/**
 * The projection is handed personal data opened (the runner reads through the
 * sealing store); the document, on every read store, must not keep it: it says
 * which event holds it, and the API opens that event with the key.
 */
projectionSpec('employee profiles keep no personal data', employeeProfiles, ({ given, collection }) => {
  it('stores where the personal data is, never the data itself', async () => {
    const recorded = await given([hired, event('employee-E1', 'PersonalDataRecorded', PERSONAL)]);
    const [doc] = await collection<EmployeeProfileDocument>(EMPLOYEE_PROFILES);
    const stored = JSON.stringify(doc);
    for (const secret of [PERSONAL.name, PERSONAL.idNumber, PERSONAL.contact.email, PERSONAL.contact.phone])
      expect(stored).not.toContain(secret);
    expect(doc).toMatchObject({ employee: { personalData: null }, personalDataRef: { revision: '1', eventId: recorded[1].id } });
  });

  it('points at the latest record, and at nothing once erased', async () => {
    const recorded = await given([
      hired,
      event('employee-E1', 'PersonalDataRecorded', PERSONAL),
      event('employee-E1', 'PersonalDataRecorded', { ...PERSONAL, name: '司马薇' }),
    ]);
    expect((await collection<EmployeeProfileDocument>(EMPLOYEE_PROFILES))[0].personalDataRef).toEqual({
      revision: '2',
      eventId: recorded[2].id,
    });
    await given([event('employee-E1', 'PersonalDataErased', { employeeId: 'E1' })]);
    expect((await collection<EmployeeProfileDocument>(EMPLOYEE_PROFILES))[0]).toMatchObject({
      personalDataRef: null,
      employee: { personalDataErased: true },
    });
  });
});
