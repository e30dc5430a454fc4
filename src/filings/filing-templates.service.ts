import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { isDeepStrictEqual } from 'node:util';
import { FilingKind, FilingTemplate } from '../domain/filing/filing-template';
import { parameterInForce } from '../domain/policy/si-reduction';
import { IsoDate } from '../domain/shared/calendar';
import { EMPLOYEE_CATEGORIES, EmployeeCategory } from '../domain/shared/vocabulary';
import { PoliciesService } from '../policies';

/** A category's template in force, with the policy version that carries it (for the export's record). */
export interface CategoryTemplate {
  category: EmployeeCategory;
  policyVersion: number;
  template: FilingTemplate;
}

/**
 * The template of a region's file on a business date. A file goes to one bureau for one
 * region, but policies are per region and category, so each category's policy in force
 * that day is read (from its stream) and the file takes the template they carry.
 * Why the policy in force today and not each case's pinned one: the columns are the
 * bureau's present format; a case opened under last year's version is filed in this
 * year's file like every other.
 */
@Injectable()
export class FilingTemplatesService {
  constructor(private readonly policies: PoliciesService) {}

  async inForce(region: string, kind: FilingKind, today: IsoDate, category?: EmployeeCategory): Promise<CategoryTemplate[]> {
    const found: CategoryTemplate[] = [];
    for (const c of category ? [category] : EMPLOYEE_CATEGORIES) {
      const policy = await this.policies.inForce(region, c, today);
      const template = policy && parameterInForce(policy.parameters.filingTemplates?.[kind] ?? [], today);
      if (policy && template) found.push({ category: c, policyVersion: policy.version, template });
    }
    return found;
  }

  /**
   * The one template for the categories a file holds (all the region's templates when it
   * holds none): 404 NO_FILING_TEMPLATE where a category has none, 409
   * FILING_TEMPLATES_DIFFER where they disagree on the part the file uses (`part`: the
   * whole template for an export, its receipt for an import), then one file per `category`.
   */
  async forFile(
    region: string,
    kind: FilingKind,
    today: IsoDate,
    category: EmployeeCategory | undefined,
    categoriesInFile: ReadonlySet<EmployeeCategory>,
    part: (template: FilingTemplate) => unknown = (template) => template,
  ): Promise<{ template: FilingTemplate; used: CategoryTemplate[] }> {
    const all = await this.inForce(region, kind, today, category);
    const missing = [...categoriesInFile].filter((c) => !all.some((t) => t.category === c));
    if (all.length === 0 || missing.length > 0) {
      const which = missing.length > 0 ? missing.join(', ') : (category ?? 'any category');
      throw new NotFoundException({
        code: 'NO_FILING_TEMPLATE',
        message:
          `${region} 在 ${today} 没有适用于 ${which} 的${KIND_ZH[kind]}模板，请管理员在政策的 parameters.filingTemplates.${kind} 中发布 / ` +
          `No ${kind} template is in force in ${region} on ${today} for ${which}; an administrator publishes one in the policy (parameters.filingTemplates.${kind}).`,
        ...(missing.length > 0 ? { categories: missing } : {}),
      });
    }
    const used = categoriesInFile.size > 0 ? all.filter((t) => categoriesInFile.has(t.category)) : all;
    if (used.some((t) => !isDeepStrictEqual(part(t.template), part(used[0].template)))) {
      throw new ConflictException({
        code: 'FILING_TEMPLATES_DIFFER',
        message:
          `${region} 各类别政策的${KIND_ZH[kind]}模板不同，请按 category 分别导出 / The policies in force for ${region} carry different ${kind} templates; ` +
          'export (or import) one file per category (?category=).',
        categories: used.map((t) => t.category),
      });
    }
    return { template: used[0].template, used };
  }
}

export const KIND_ZH: Record<FilingKind, string> = { si_reduction: '社保减员', labor_termination: '退工登记' };
