import { useMemo } from 'preact/hooks';
import { useSignedIn } from '../context';
import { texts, useLang, useTerm, useText } from '../i18n';
import { useLoad } from '../components/use-load';

/**
 * The org unit, region and category filter of the dashboard and the reports (the API's
 * OrganisationFilter): regions and categories offered are those with a published policy
 * (GET /api/policies); the org unit is typed, as the archive spells it.
 */
const TEXT = texts({
  zh: { orgUnit: '部门', region: '地区', category: '人员类别', any: '全部', orgUnitHint: '如 Finance' },
  en: { orgUnit: 'Org unit', region: 'Region', category: 'Category', any: 'All', orgUnitHint: 'e.g. Finance' },
});

const REGIONS: Record<string, { zh: string; en: string }> = {
  shanghai: { zh: '上海', en: 'Shanghai' },
  beijing: { zh: '北京', en: 'Beijing' },
  shenzhen: { zh: '深圳', en: 'Shenzhen' },
  guangzhou: { zh: '广州', en: 'Guangzhou' },
  hangzhou: { zh: '杭州', en: 'Hangzhou' },
};

/** A region's name in the current language; an unknown key as it is. */
export const useRegionName = (): ((region: string) => string) => {
  const lang = useLang();
  return (region) => REGIONS[region]?.[lang] ?? region;
};

export interface Organisation {
  orgUnit: string;
  region: string;
  category: string;
}

export const organisationOf = (query: URLSearchParams): Organisation => ({
  orgUnit: query.get('orgUnit') ?? '',
  region: query.get('region') ?? '',
  category: query.get('category') ?? '',
});

interface PolicyItem {
  region: string;
  category: string;
}

export function OrganisationFields({
  value,
  onChange,
  idPrefix,
}: {
  value: Organisation;
  onChange: (next: Organisation) => void;
  idPrefix: string;
}) {
  const t = useText(TEXT);
  const term = useTerm();
  const { api } = useSignedIn();
  const policies = useLoad(() => api.get<{ items: PolicyItem[] }>('/api/policies'), [api]);
  const { regions, categories } = useMemo(() => {
    const items = policies.data?.items ?? [];
    return {
      regions: [...new Set(items.map((p) => p.region))].sort(),
      categories: [...new Set(items.map((p) => p.category))].sort(),
    };
  }, [policies.data]);
  const lang = useLang();
  const withCurrent = (options: string[], current: string) => (current && !options.includes(current) ? [...options, current] : options);
  return (
    <>
      <div>
        <label for={`${idPrefix}-region`}>{t.region}</label>
        <select
          id={`${idPrefix}-region`}
          name="region"
          value={value.region}
          onChange={(e) => onChange({ ...value, region: e.currentTarget.value })}
        >
          <option value="">{t.any}</option>
          {withCurrent(regions, value.region).map((r) => (
            <option key={r} value={r}>
              {REGIONS[r]?.[lang] ?? r}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label for={`${idPrefix}-category`}>{t.category}</label>
        <select
          id={`${idPrefix}-category`}
          name="category"
          value={value.category}
          onChange={(e) => onChange({ ...value, category: e.currentTarget.value })}
        >
          <option value="">{t.any}</option>
          {withCurrent(categories, value.category).map((c) => (
            <option key={c} value={c}>
              {term(c)}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label for={`${idPrefix}-orgUnit`}>{t.orgUnit}</label>
        <input
          id={`${idPrefix}-orgUnit`}
          name="orgUnit"
          value={value.orgUnit}
          placeholder={t.orgUnitHint}
          maxLength={100}
          onInput={(e) => onChange({ ...value, orgUnit: e.currentTarget.value })}
        />
      </div>
    </>
  );
}
