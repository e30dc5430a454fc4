/** What other features may use of reports: the rest of the folder is its own business (.dependency-cruiser.cjs). */
export { OrganisationFilter } from './organisation-filter.dto';
