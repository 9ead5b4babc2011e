/**
 * GB/T 2260 administrative division codes, province level only.
 *
 * A resident ID card (居民身份证) is issued to mainland residents only (Resident Identity Card
 * Law, art. 2), so its first two digits are one of the 31 mainland provinces below. GB/T 2260
 * also lists 71 台湾省, 81 香港 and 82 澳门, but no resident ID card carries them. Since 2018 the
 * residence permits for Hong Kong, Macau and Taiwan residents (港澳台居民居住证) use the same
 * 18-character layout and check character with 810000, 820000 and 830000 (83 is not a GB/T 2260
 * code); design.md files those people under a separate ID type, so they are accepted only when a
 * caller asks (see `acceptHmtResidencePermit` in resident-id.ts).
 *
 * County level (the 6-digit code) is not checked: no maintained data set is installed as a
 * package, and an ID keeps the code of the county that issued it even after the county is merged
 * or renumbered (110103 崇文区 was abolished in 2010 and its IDs are still valid), so a check needs
 * every code ever issued since 1984, not the current table.
 */
export const MAINLAND_PROVINCES = {
  "11": "北京市",
  "12": "天津市",
  "13": "河北省",
  "14": "山西省",
  "15": "内蒙古自治区",
  "21": "辽宁省",
  "22": "吉林省",
  "23": "黑龙江省",
  "31": "上海市",
  "32": "江苏省",
  "33": "浙江省",
  "34": "安徽省",
  "35": "福建省",
  "36": "江西省",
  "37": "山东省",
  "41": "河南省",
  "42": "湖北省",
  "43": "湖南省",
  "44": "广东省",
  "45": "广西壮族自治区",
  "46": "海南省",
  "50": "重庆市",
  "51": "四川省",
  "52": "贵州省",
  "53": "云南省",
  "54": "西藏自治区",
  "61": "陕西省",
  "62": "甘肃省",
  "63": "青海省",
  "64": "宁夏回族自治区",
  "65": "新疆维吾尔自治区",
} as const satisfies Record<string, string>;

export type MainlandProvinceCode = keyof typeof MAINLAND_PROVINCES;

/** Region prefixes of the Hong Kong, Macau and Taiwan residents' residence permits (since 2018). */
export const HMT_RESIDENCE_PERMIT_PROVINCES = {
  "81": "香港特别行政区",
  "82": "澳门特别行政区",
  "83": "台湾地区",
} as const satisfies Record<string, string>;

/**
 * A few real county codes (current GB/T 2260) to make generated IDs and USCCs look like ones
 * a Weidesk agency sees. Generation only: nothing validates against this list.
 */
export const SAMPLE_COUNTY_CODES = [
  "110105", // 北京市朝阳区
  "110108", // 北京市海淀区
  "120101", // 天津市和平区
  "310104", // 上海市徐汇区
  "310115", // 上海市浦东新区
  "320102", // 南京市玄武区
  "330106", // 杭州市西湖区
  "350203", // 厦门市思明区
  "370202", // 青岛市市南区
  "420106", // 武汉市武昌区
  "440106", // 广州市天河区
  "440305", // 深圳市南山区
  "500103", // 重庆市渝中区
  "510107", // 成都市武侯区
  "610113", // 西安市雁塔区
] as const;

export function isMainlandProvinceCode(code: string): code is MainlandProvinceCode {
  return Object.hasOwn(MAINLAND_PROVINCES, code);
}

export function isHmtResidencePermitProvinceCode(code: string): boolean {
  return Object.hasOwn(HMT_RESIDENCE_PERMIT_PROVINCES, code);
}
