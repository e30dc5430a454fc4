/** What other features may use of employees: the rest of the folder is its own business (.dependency-cruiser.cjs). */
export { ChangePosition } from './commands/change-position.handler';
export { HireEmployee } from './commands/hire-employee.handler';
export { RecordEmployeeSeparation } from './commands/record-separation.handler';
export { ReleaseOffboardingLock } from './commands/release-offboarding.handler';
export { SignContract } from './commands/sign-contract.handler';
export { UpdatePersonalData } from './commands/update-personal-data.handler';
export { EmployeeIdParam } from './employee-id.param';
export { EMPLOYEE_PROFILES, EmployeeProfileDocument, employeeProfiles } from './employee-profile.projection';
export { HireEmployeeDto, ID_PATTERN, SignContractDto } from './employee.dto';
export { namesOnPage } from './profile-names';
export { openPersonalData } from './profile-personal-data';
export { profileDocument } from './queries/get-employee-profile.handler';
