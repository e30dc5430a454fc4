import { IntersectionType } from '@nestjs/swagger';
import { PageQuery } from '../http/paging';
import { OrganisationFilter } from './organisation-filter.dto';

export class IncompleteRecordsQuery extends IntersectionType(PageQuery, OrganisationFilter) {}
