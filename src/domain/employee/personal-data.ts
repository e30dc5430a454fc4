/**
 * Personal data (个人信息) of an employee: it travels only in PersonalDataRecorded
 * events, which are encrypted per employee so that destroying the key erases it.
 */
export interface Contact {
  phone?: string;
  email?: string;
  address?: string;
}

export interface PersonalData {
  name: string;
  /** Normalized resident id number (upper-case X). */
  idNumber: string;
  contact: Contact;
}

/**
 * 张三 → 张*, 欧阳娜娜 → 欧***: the first character stays, so people recognise whom
 * they are looking at; but a mask never shows a whole name, so a one-character
 * name (张, or a record made before blanks and spaces were refused) is all stars.
 */
export function maskName(name: string): string {
  // By code point, so a name with a character outside the BMP (e.g. 𠮷) is not split into halves.
  const [first = '', ...rest] = Array.from(name.trim());
  if (rest.length === 0) return '*';
  return first + '*'.repeat(rest.length);
}

/** The same record: name, ID number and every contact field equal (absent and undefined alike, in any order). */
export function samePersonalData(a: PersonalData, b: PersonalData): boolean {
  return a.name === b.name && a.idNumber === b.idNumber && sameContact(a.contact, b.contact);
}

function sameContact(a: Contact = {}, b: Contact = {}): boolean {
  const fields: Array<keyof Contact> = ['phone', 'email', 'address'];
  return fields.every((f) => (a[f] ?? undefined) === (b[f] ?? undefined));
}
