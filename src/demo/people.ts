import { Contact } from '../domain/employee/personal-data';
import { checkCharOf } from '../domain/employee/resident-id';
import { Region } from '../domain/policy/default-policies';
import { IsoDate } from '../domain/shared/calendar';
import { Random } from './random';

export type Gender = 'male' | 'female';

export interface Person {
  name: string;
  gender: Gender;
  birthDate: IsoDate;
  /** A valid GB 11643 number: a real county-level area code, the birth date, a sequence whose parity is the gender, the check character. */
  idNumber: string;
  contact: Contact;
}

/** Common surnames, weighted roughly by frequency (the top ones far more common); a few compound ones. */
const SURNAMES: ReadonlyArray<readonly [string, number]> = [
  ['王', 72],
  ['李', 70],
  ['张', 68],
  ['刘', 54],
  ['陈', 45],
  ['杨', 31],
  ['黄', 25],
  ['赵', 20],
  ['吴', 19],
  ['周', 19],
  ['徐', 14],
  ['孙', 13],
  ['马', 12],
  ['朱', 12],
  ['胡', 11],
  ['郭', 11],
  ['何', 10],
  ['林', 10],
  ['高', 10],
  ['罗', 9],
  ['郑', 9],
  ['梁', 8],
  ['谢', 7],
  ['宋', 7],
  ['唐', 6],
  ['许', 6],
  ['韩', 6],
  ['冯', 6],
  ['邓', 6],
  ['曹', 5],
  ['彭', 5],
  ['曾', 5],
  ['肖', 5],
  ['田', 5],
  ['董', 5],
  ['潘', 4],
  ['袁', 4],
  ['蔡', 4],
  ['蒋', 4],
  ['余', 4],
  ['于', 4],
  ['杜', 4],
  ['叶', 4],
  ['程', 4],
  ['魏', 3],
  ['苏', 3],
  ['吕', 3],
  ['丁', 3],
  ['任', 3],
  ['卢', 3],
  ['姚', 3],
  ['沈', 3],
  ['钟', 3],
  ['姜', 3],
  ['崔', 3],
  ['谭', 3],
  ['陆', 3],
  ['范', 2],
  ['汪', 2],
  ['廖', 2],
  ['石', 2],
  ['金', 2],
  ['贾', 2],
  ['夏', 2],
  ['方', 2],
  ['邹', 2],
  ['熊', 2],
  ['白', 2],
  ['孟', 2],
  ['秦', 2],
  ['邱', 2],
  ['侯', 2],
  ['江', 2],
  ['顾', 2],
  ['龚', 2],
  ['邵', 2],
  ['钱', 2],
  ['戴', 2],
  ['严', 2],
  ['洪', 1],
  ['欧阳', 0.5],
  ['司马', 0.2],
  ['上官', 0.2],
  ['诸葛', 0.1],
];

const GIVEN: Record<Gender, string[]> = {
  male: [
    '伟',
    '强',
    '磊',
    '军',
    '勇',
    '杰',
    '涛',
    '斌',
    '超',
    '明',
    '刚',
    '平',
    '辉',
    '鹏',
    '华',
    '飞',
    '鑫',
    '波',
    '宇',
    '浩',
    '凯',
    '健',
    '俊',
    '帆',
    '旭',
    '宁',
    '龙',
    '林',
    '阳',
    '建',
    '国',
    '志',
    '文',
    '博',
    '晨',
    '昊',
    '然',
    '轩',
    '睿',
    '泽',
    '子',
    '宏',
    '海',
    '峰',
    '亮',
    '成',
    '东',
    '嘉',
    '一',
    '天',
    '思',
    '家',
    '振',
    '永',
    '立',
    '晓',
    '梓',
    '皓',
    '铭',
    '航',
  ],
  female: [
    '芳',
    '娜',
    '敏',
    '静',
    '丽',
    '艳',
    '娟',
    '霞',
    '秀',
    '玲',
    '英',
    '燕',
    '萍',
    '红',
    '琳',
    '雪',
    '婷',
    '慧',
    '颖',
    '洁',
    '欣',
    '怡',
    '佳',
    '琪',
    '悦',
    '雯',
    '倩',
    '璐',
    '瑶',
    '梦',
    '晶',
    '蕾',
    '萱',
    '涵',
    '彤',
    '妍',
    '薇',
    '晓',
    '思',
    '雨',
    '诗',
    '梓',
    '可',
    '嘉',
    '子',
    '文',
    '月',
    '春',
    '丹',
    '玉',
    '淑',
    '琴',
    '凤',
    '兰',
    '蓉',
    '岚',
    '莉',
    '媛',
    '婧',
    '昕',
  ],
};

/** County-level area codes (GB/T 2260) of each shipped region's city, for people born there. */
const LOCAL_AREAS: Record<Region, string[]> = {
  shanghai: ['310101', '310104', '310105', '310106', '310107', '310109', '310110', '310112', '310113', '310115'],
  beijing: ['110101', '110102', '110105', '110106', '110107', '110108', '110111', '110114'],
  shenzhen: ['440303', '440304', '440305', '440306', '440307', '440308'],
  xiamen: ['350203', '350205', '350206', '350211', '350212', '350213'],
};

/** Where people who moved to the big cities were often born. */
const OTHER_AREAS = [
  '320102',
  '320106',
  '320583',
  '330106',
  '330203',
  '340104',
  '350102',
  '350583',
  '360102',
  '370102',
  '370202',
  '410105',
  '420106',
  '420111',
  '430104',
  '430602',
  '440106',
  '440511',
  '450103',
  '500103',
  '510107',
  '510824',
  '610113',
  '130102',
  '210102',
  '220104',
  '230103',
  '140105',
  '360428',
  '421083',
];

const CITY: Record<Region, { name: string; districts: string[]; roads: string[] }> = {
  shanghai: {
    name: '上海市',
    districts: ['浦东新区', '徐汇区', '长宁区', '静安区', '普陀区', '虹口区', '杨浦区', '闵行区', '宝山区'],
    roads: ['张杨路', '漕溪北路', '延安西路', '共和新路', '武宁路', '四平路', '莲花路', '世纪大道', '淞滨路', '金桥路'],
  },
  beijing: {
    name: '北京市',
    districts: ['东城区', '西城区', '朝阳区', '海淀区', '丰台区', '昌平区', '通州区'],
    roads: ['安定门外大街', '西直门南大街', '望京西路', '学院路', '丰台北路', '回龙观西大街', '新华西街', '中关村大街'],
  },
  shenzhen: {
    name: '深圳市',
    districts: ['福田区', '南山区', '罗湖区', '宝安区', '龙岗区', '龙华区'],
    roads: ['深南大道', '南海大道', '红岭中路', '宝安大道', '龙岗大道', '民治大道', '科苑路'],
  },
  xiamen: {
    name: '厦门市',
    districts: ['思明区', '湖里区', '集美区', '海沧区', '同安区'],
    roads: ['厦禾路', '湖滨南路', '仙岳路', '集美大道', '海沧大道', '环岛东路', '嘉禾路'],
  },
};

const PHONE_PREFIXES = [
  '133',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '152',
  '158',
  '159',
  '177',
  '180',
  '181',
  '186',
  '187',
  '188',
  '189',
  '199',
];

function name(rng: Random, gender: Gender): string {
  const given = GIVEN[gender];
  // About a third of given names have one character (more common in older generations).
  const length = rng.chance(0.3) ? 1 : 2;
  let result = rng.weighted(SURNAMES);
  for (let i = 0; i < length; i++) result += rng.pick(given);
  return result;
}

export function residentId(rng: Random, area: string, birthDate: IsoDate, gender: Gender): string {
  // The 17th digit is odd for men and even for women (GB 11643).
  const sequence = `${String(rng.int(0, 99)).padStart(2, '0')}${gender === 'male' ? rng.pick([1, 3, 5, 7, 9]) : rng.pick([0, 2, 4, 6, 8])}`;
  const first17 = `${area}${birthDate.replace(/-/g, '')}${sequence}`;
  return first17 + checkCharOf(first17);
}

export function address(rng: Random, region: Region): string {
  const city = CITY[region];
  return `${city.name}${rng.pick(city.districts)}${rng.pick(city.roads)}${rng.int(1, 1200)}弄${rng.int(1, 40)}号${rng.int(1, 28)}0${rng.int(1, 6)}室`;
}

export function phone(rng: Random): string {
  return `${rng.pick(PHONE_PREFIXES)}${String(rng.int(0, 99_999_999)).padStart(8, '0')}`;
}

/** A person working in `region`; about a third were born elsewhere. */
export function person(rng: Random, region: Region, gender: Gender, birthDate: IsoDate): Person {
  const area = rng.chance(0.62) ? rng.pick(LOCAL_AREAS[region]) : rng.pick(OTHER_AREAS);
  return {
    name: name(rng, gender),
    gender,
    birthDate,
    idNumber: residentId(rng, area, birthDate, gender),
    contact: { phone: phone(rng), address: address(rng, region) },
  };
}
