import { Region } from '../domain/policy/default-policies';
import { Actor, EmployeeCategory } from '../domain/shared/vocabulary';
import { Random } from './random';

/**
 * The demo's employers, HR team and pay: companies and schools in every shipped
 * region. Names are made up; pay figures are illustrative, not official statistics.
 */
export type EmployerKind = 'company' | 'school';

export interface Unit {
  name: string;
  /** Positions from entry level up, for promotions. */
  ladder: string[];
}

export interface Employer {
  name: string;
  /** Prefix of the archive's orgUnit (`浦江精机/财务部`): the archive has no employer field, so the unit names both. */
  short: string;
  kind: EmployerKind;
  region: Region;
  /** Share of the workforce, relative to the other employers. */
  weight: number;
  units: Unit[];
  /** Approves cases and overrides soft prerequisites (hr_manager). */
  manager: Actor;
  /** Operate archives, social insurance and offboarding steps (hr_specialist). */
  specialists: Actor[];
}

const specialist = (id: string): Actor => ({ id, role: 'hr_specialist' });
const manager = (id: string): Actor => ({ id, role: 'hr_manager' });

const OFFICE = ['专员', '高级专员', '主管', '经理'];
const COMPANY_UNITS: Unit[] = [
  { name: '财务部', ladder: ['会计', '主管会计', '财务经理'] },
  { name: '人力资源部', ladder: OFFICE },
  { name: '行政部', ladder: OFFICE },
  { name: '销售部', ladder: ['销售代表', '销售主管', '区域经理'] },
  { name: '市场部', ladder: OFFICE },
  { name: '研发中心', ladder: ['工程师', '高级工程师', '资深工程师', '技术经理'] },
  { name: '采购部', ladder: OFFICE },
  { name: '质量管理部', ladder: ['质检员', '质量工程师', '质量经理'] },
  { name: '客户服务部', ladder: ['客服专员', '客服主管', '客服经理'] },
  { name: '信息技术部', ladder: ['运维工程师', '高级工程师', '技术经理'] },
];
const FACTORY_UNITS: Unit[] = [
  { name: '生产部', ladder: ['操作工', '班组长', '车间主任'] },
  { name: '设备部', ladder: ['技术员', '设备工程师', '设备经理'] },
  { name: '仓储物流部', ladder: ['仓管员', '物流主管', '物流经理'] },
];

const TEACHER = ['二级教师', '一级教师', '高级教师'];
const SCHOOL_OFFICES: Unit[] = [
  { name: '教务处', ladder: ['教务员', '副主任', '主任'] },
  { name: '总务处', ladder: ['干事', '副主任', '主任'] },
  { name: '校长办公室', ladder: ['干事', '副主任', '主任'] },
];
const group = (subject: string): Unit => ({ name: `${subject}组`, ladder: TEACHER });
const MIDDLE_SCHOOL_UNITS = [
  ...['语文', '数学', '英语', '物理', '化学', '生物', '历史', '地理', '政治', '体育', '艺术', '信息技术'].map(group),
  ...SCHOOL_OFFICES,
  { name: '德育处', ladder: ['干事', '副主任', '主任'] },
];
const PRIMARY_SCHOOL_UNITS = [...['语文', '数学', '英语', '科学', '体育', '音乐', '美术'].map(group), ...SCHOOL_OFFICES];

export const EMPLOYERS: Employer[] = [
  {
    name: '上海浦江精密机械有限公司',
    short: '浦江精机',
    kind: 'company',
    region: 'shanghai',
    weight: 16,
    units: [...COMPANY_UNITS, ...FACTORY_UNITS],
    manager: manager('gu.weimin'),
    specialists: [specialist('lu.jiayi'), specialist('shen.hao')],
  },
  {
    name: '上海申城数字科技有限公司',
    short: '申城数科',
    kind: 'company',
    region: 'shanghai',
    weight: 11,
    units: COMPANY_UNITS,
    manager: manager('qian.li'),
    specialists: [specialist('lu.jiayi'), specialist('shen.hao')],
  },
  {
    name: '上海市徐汇区启明中学',
    short: '启明中学',
    kind: 'school',
    region: 'shanghai',
    weight: 6,
    units: MIDDLE_SCHOOL_UNITS,
    manager: manager('xu.hong'),
    specialists: [specialist('fan.qing')],
  },
  {
    name: '上海市长宁区新泾实验小学',
    short: '新泾小学',
    kind: 'school',
    region: 'shanghai',
    weight: 4,
    units: PRIMARY_SCHOOL_UNITS,
    manager: manager('jin.fang'),
    specialists: [specialist('fan.qing')],
  },
  {
    name: '北京燕山新材料股份有限公司',
    short: '燕山新材',
    kind: 'company',
    region: 'beijing',
    weight: 13,
    units: [...COMPANY_UNITS, ...FACTORY_UNITS],
    manager: manager('liu.jianguo'),
    specialists: [specialist('zhao.lei'), specialist('wang.ting')],
  },
  {
    name: '北京京华云软件有限公司',
    short: '京华云',
    kind: 'company',
    region: 'beijing',
    weight: 10,
    units: COMPANY_UNITS,
    manager: manager('sun.yue'),
    specialists: [specialist('wang.ting')],
  },
  {
    name: '北京市海淀区明德实验中学',
    short: '明德中学',
    kind: 'school',
    region: 'beijing',
    weight: 6,
    units: MIDDLE_SCHOOL_UNITS,
    manager: manager('ma.lihua'),
    specialists: [specialist('tian.xin')],
  },
  {
    name: '北京市朝阳区青年路实验小学',
    short: '青年路小学',
    kind: 'school',
    region: 'beijing',
    weight: 4,
    units: PRIMARY_SCHOOL_UNITS,
    manager: manager('dong.qing'),
    specialists: [specialist('tian.xin')],
  },
  {
    name: '深圳南山智联电子有限公司',
    short: '智联电子',
    kind: 'company',
    region: 'shenzhen',
    weight: 12,
    units: [...COMPANY_UNITS, ...FACTORY_UNITS],
    manager: manager('huang.zhiqiang'),
    specialists: [specialist('chen.xiaoyu'), specialist('luo.jie')],
  },
  {
    name: '深圳前海远航供应链有限公司',
    short: '远航供应链',
    kind: 'company',
    region: 'shenzhen',
    weight: 7,
    units: COMPANY_UNITS,
    manager: manager('lin.na'),
    specialists: [specialist('chen.xiaoyu')],
  },
  {
    name: '深圳市福田区梅林实验中学',
    short: '梅林中学',
    kind: 'school',
    region: 'shenzhen',
    weight: 5,
    units: MIDDLE_SCHOOL_UNITS,
    manager: manager('zheng.wen'),
    specialists: [specialist('luo.jie')],
  },
  {
    name: '厦门鹭岛食品有限公司',
    short: '鹭岛食品',
    kind: 'company',
    region: 'xiamen',
    weight: 8,
    units: [...COMPANY_UNITS, ...FACTORY_UNITS],
    manager: manager('cai.jianhua'),
    specialists: [specialist('lin.yufei')],
  },
  {
    name: '厦门海沧港务物流有限公司',
    short: '海沧港务',
    kind: 'company',
    region: 'xiamen',
    weight: 6,
    units: COMPANY_UNITS,
    manager: manager('hong.mei'),
    specialists: [specialist('lin.yufei')],
  },
  {
    name: '厦门市思明区筼筜实验小学',
    short: '筼筜小学',
    kind: 'school',
    region: 'xiamen',
    weight: 4,
    units: PRIMARY_SCHOOL_UNITS,
    manager: manager('ke.wenjie'),
    specialists: [specialist('ye.shan')],
  },
];

/** Companies: regular and fixed-term contract staff; schools: 编制内 and 编制外 staff. */
export function categoryFor(rng: Random, kind: EmployerKind): EmployeeCategory {
  return kind === 'company'
    ? rng.weighted([
        ['enterprise_regular', 3],
        ['enterprise_contract', 1],
      ] as const)
    : rng.weighted([
        ['school_establishment', 11],
        ['school_non_establishment', 9],
      ] as const);
}

export const kindOf = (category: EmployeeCategory): EmployerKind => (category.startsWith('school_') ? 'school' : 'company');

/** An illustrative local average monthly wage in yuan: a 2012 level growing 7% a year (not an official figure). */
const AVERAGE_2012: Record<Region, number> = { shanghai: 4700, beijing: 5200, shenzhen: 4900, xiamen: 3900 };
export const averageWage = (region: Region, year: number): number => AVERAGE_2012[region] * 1.07 ** (year - 2012);

/** The contribution base: the previous year's wage, kept between 60% and 300% of the local average (the usual floor and ceiling). */
export function contributionBase(region: Region, year: number, wage: number): number {
  const average = averageWage(region, year - 1);
  return Math.round(Math.min(Math.max(wage, 0.6 * average), 3 * average));
}
